/**
 * AWS Signature Version 4, query-string form (a presigned URL): what an EKS
 * token is. Written here rather than taken from @smithy/signature-v4 (which
 * the S3 SDK carries): the token needs one small, synchronous function, and
 * loading the signer through the SDK would put the SDK's start-up cost on
 * every capability that reaches an EKS cluster. test/unit/aws-sigv4.test.ts
 * checks it against AWS's published example and against @smithy's signer.
 */
import { createHash, createHmac } from "node:crypto";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** When the credentials stop working (role sessions); undefined: they do not expire. */
  expiration?: Date;
}

export const ALGORITHM = "AWS4-HMAC-SHA256";
/** The hash of an empty body, which a presigned GET signs. */
export const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is %XX (upper case). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `20130524T000000Z` */
export function amzDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** The query, encoded and sorted by name then value, as the canonical request has it. */
export function canonicalQuery(params: Iterable<[string, string]>): string {
  return [...params]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
}

/**
 * The canonical path: each segment encoded again, as every service but S3
 * wants (`escapePath`); S3 takes the path as sent.
 */
export function canonicalPath(pathname: string, escapePath: boolean): string {
  if (!escapePath) return pathname || "/";
  return (pathname || "/").split("/").map(uriEncode).join("/");
}

/** Header names lower-cased and sorted, values trimmed with inner runs of spaces collapsed. */
export function canonicalHeaders(headers: Record<string, string>): { text: string; signed: string } {
  const entries = Object.entries(headers)
    .map(([k, v]) => [k.toLowerCase(), v.trim().replace(/\s+/g, " ")] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    text: entries.map(([k, v]) => `${k}:${v}\n`).join(""),
    signed: entries.map(([k]) => k).join(";"),
  };
}

export function signingKey(secret: string, day: string, region: string, service: string): Buffer {
  const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), service), "aws4_request");
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** The string to sign and the signature over a canonical request. */
export function signature(
  canonicalRequest: string,
  date: string,
  scope: string,
  key: Buffer,
): { stringToSign: string; signature: string } {
  const stringToSign = [ALGORITHM, date, scope, sha256Hex(canonicalRequest)].join("\n");
  return { stringToSign, signature: createHmac("sha256", key).update(stringToSign).digest("hex") };
}

export interface PresignRequest {
  method?: string;
  url: URL;
  /** Headers the URL's user must send, signed with it (`host` is always signed). */
  headers?: Record<string, string>;
  credentials: AwsCredentials;
  region: string;
  service: string;
  expiresSeconds: number;
  now: Date;
  /** The body's hash; default: an empty body's. */
  payloadHash?: string;
  /** Encode the path again (every service but S3); default true. */
  escapePath?: boolean;
}

/** A presigned URL: the query carries the credential scope, the date, the expiry and the signature. */
export function presignUrl(req: PresignRequest): URL {
  const date = amzDate(req.now);
  const day = date.slice(0, 8);
  const scope = `${day}/${req.region}/${req.service}/aws4_request`;
  const headers = canonicalHeaders({ host: req.url.host, ...req.headers });
  const url = new URL(req.url);
  const q = url.searchParams;
  q.set("X-Amz-Algorithm", ALGORITHM);
  q.set("X-Amz-Credential", `${req.credentials.accessKeyId}/${scope}`);
  q.set("X-Amz-Date", date);
  q.set("X-Amz-Expires", String(req.expiresSeconds));
  q.set("X-Amz-SignedHeaders", headers.signed);
  if (req.credentials.sessionToken) q.set("X-Amz-Security-Token", req.credentials.sessionToken);
  const canonical = [
    req.method ?? "GET",
    canonicalPath(url.pathname, req.escapePath ?? true),
    canonicalQuery(q.entries()),
    headers.text,
    headers.signed,
    req.payloadHash ?? EMPTY_SHA256,
  ].join("\n");
  const key = signingKey(req.credentials.secretAccessKey, day, req.region, req.service);
  // The query is rebuilt in canonical order, so the URL is exactly what was signed.
  url.search = `${canonicalQuery(q.entries())}&X-Amz-Signature=${signature(canonical, date, scope, key).signature}`;
  return url;
}

export interface SignRequest {
  method: string;
  url: URL;
  /** Headers sent and signed with the request (`host`, `x-amz-date` and the session token are added). */
  headers?: Record<string, string>;
  credentials: AwsCredentials;
  region: string;
  service: string;
  now: Date;
  /** The body's hash; default: an empty body's. */
  payloadHash?: string;
}

/**
 * The headers of a request signed in the Authorization header (what the AWS
 * SDKs send to REST APIs such as EKS): the given ones plus host, x-amz-date,
 * x-amz-security-token and Authorization.
 */
export function signedHeaders(req: SignRequest): Record<string, string> {
  const date = amzDate(req.now);
  const day = date.slice(0, 8);
  const scope = `${day}/${req.region}/${req.service}/aws4_request`;
  const sent: Record<string, string> = {
    ...req.headers,
    host: req.url.host,
    "x-amz-date": date,
    ...(req.credentials.sessionToken ? { "x-amz-security-token": req.credentials.sessionToken } : {}),
  };
  const headers = canonicalHeaders(sent);
  const canonical = [
    req.method,
    canonicalPath(req.url.pathname, true),
    canonicalQuery(req.url.searchParams.entries()),
    headers.text,
    headers.signed,
    req.payloadHash ?? EMPTY_SHA256,
  ].join("\n");
  const key = signingKey(req.credentials.secretAccessKey, day, req.region, req.service);
  const sig = signature(canonical, date, scope, key).signature;
  return {
    ...sent,
    authorization: `${ALGORITHM} Credential=${req.credentials.accessKeyId}/${scope}, SignedHeaders=${headers.signed}, Signature=${sig}`,
  };
}
