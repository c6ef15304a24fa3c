/**
 * A stand-in for AWS STS on loopback that checks what STS checks:
 * - AssumeRoleWithWebIdentity: the JWT's RS256 signature against the OIDC
 *   issuer's key, its issuer, audience, expiry and not-before, and the
 *   role's trust (a pattern its `sub` must match); it issues credentials
 *   that live `lifetimeMs` (shortened for tests), ASIA key, secret, session
 *   token, and forgets them at expiry (`onIssue`/`onExpire` let the S3
 *   stand-in follow);
 * - GetCallerIdentity, presigned (the EKS token's URL): the credentials are
 *   ones it issued and still valid, the session token is theirs, the date is
 *   within the token window (15 minutes) and not ahead, X-Amz-Expires is
 *   there, `x-k8s-aws-id` is signed, and the signature, recomputed with the
 *   AWS SDK's own signer (smithy.ts), matches.
 */
import { randomBytes, verify, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseAmzDate, sameSecret, signedHeaderValues, signer } from "./smithy.ts";

export interface IssuedCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  roleArn: string;
  sessionName: string;
  expired: boolean;
}

export interface StsOptions {
  issuer: { issuer: string; publicKey: KeyObject };
  /** role ARN -> the pattern the token's sub must match (the trust policy). */
  roles: Record<string, RegExp>;
  audience?: string;
  region?: string;
  lifetimeMs: number;
  /** How long after its X-Amz-Date a presigned GetCallerIdentity is accepted (15 minutes). */
  presignWindowMs?: number;
  onIssue?: (c: IssuedCredential) => Promise<void>;
  onExpire?: (c: IssuedCredential) => Promise<void>;
}

export interface StsStandIn {
  endpoint: string;
  region: string;
  /** Mutable: the lifetime of credentials issued from now on. */
  lifetimeMs: number;
  issued: IssuedCredential[];
  /** Why requests were refused, in order. */
  refusals: string[];
  callerIdentityCalls: number;
  stop(): Promise<void>;
}

const NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const ACCOUNT = "123456789012";

class Refusal extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

function errorXml(code: string, message: string): string {
  return `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message.replace(/[<&>]/g, "")}</Message></Error><RequestId>${randomBytes(8).toString("hex")}</RequestId></ErrorResponse>`;
}

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

export async function startSts(options: StsOptions): Promise<StsStandIn> {
  const region = options.region ?? "us-east-1";
  const audience = options.audience ?? "sts.amazonaws.com";
  const window = options.presignWindowMs ?? 15 * 60_000;
  const timers = new Set<NodeJS.Timeout>();
  const byKey = new Map<string, IssuedCredential>();
  const state: StsStandIn = {
    endpoint: "",
    region,
    lifetimeMs: options.lifetimeMs,
    issued: [],
    refusals: [],
    callerIdentityCalls: 0,
    stop: async () => {},
  };

  function verifyJwt(token: string): Record<string, unknown> {
    const parts = token.split(".");
    if (parts.length !== 3) throw new Refusal(400, "InvalidIdentityToken", "not a JWT");
    const [h, p, s] = parts as [string, string, string];
    let header: { alg?: string };
    let claims: Record<string, unknown>;
    try {
      header = JSON.parse(Buffer.from(h, "base64url").toString()) as { alg?: string };
      claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
    } catch {
      throw new Refusal(400, "InvalidIdentityToken", "the token is not JSON");
    }
    if (header.alg !== "RS256")
      throw new Refusal(400, "InvalidIdentityToken", `alg ${header.alg} is not accepted`);
    if (!verify("sha256", Buffer.from(`${h}.${p}`), options.issuer.publicKey, Buffer.from(s, "base64url")))
      throw new Refusal(400, "InvalidIdentityToken", "the token's signature is not valid");
    if (claims.iss !== options.issuer.issuer)
      throw new Refusal(400, "InvalidIdentityToken", "unknown issuer");
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(audience)) throw new Refusal(400, "InvalidIdentityToken", "incorrect token audience");
    const now = Date.now() / 1000;
    if (typeof claims.exp !== "number" || claims.exp <= now)
      throw new Refusal(400, "ExpiredTokenException", "token is expired");
    if (typeof claims.nbf === "number" && claims.nbf > now + 60)
      throw new Refusal(400, "InvalidIdentityToken", "token not yet valid");
    return claims;
  }

  async function assumeRole(form: URLSearchParams): Promise<string> {
    if (form.get("Version") !== "2011-06-15") throw new Refusal(400, "InvalidParameterValue", "bad Version");
    const roleArn = form.get("RoleArn") ?? "";
    const sessionName = form.get("RoleSessionName") ?? "";
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName))
      throw new Refusal(400, "ValidationError", "bad RoleSessionName");
    const duration = Number(form.get("DurationSeconds") ?? "3600");
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200)
      throw new Refusal(400, "ValidationError", "bad DurationSeconds");
    const claims = verifyJwt(form.get("WebIdentityToken") ?? "");
    const trust = options.roles[roleArn];
    if (!trust || typeof claims.sub !== "string" || !trust.test(claims.sub))
      throw new Refusal(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity");
    const alnum = () => randomBytes(16).toString("hex").toUpperCase().slice(0, 16);
    const c: IssuedCredential = {
      accessKeyId: `ASIA${alnum()}`,
      secretAccessKey: randomBytes(30).toString("base64"),
      sessionToken: randomBytes(96).toString("base64"),
      expiration: new Date(Date.now() + state.lifetimeMs),
      roleArn,
      sessionName,
      expired: false,
    };
    await options.onIssue?.(c);
    byKey.set(c.accessKeyId, c);
    state.issued.push(c);
    const t = setTimeout(() => {
      timers.delete(t);
      c.expired = true;
      void options.onExpire?.(c);
    }, state.lifetimeMs);
    timers.add(t);
    const role = roleArn.split("/").at(-1);
    return `<AssumeRoleWithWebIdentityResponse xmlns="${NS}"><AssumeRoleWithWebIdentityResult><SubjectFromWebIdentityToken>${claims.sub}</SubjectFromWebIdentityToken><Audience>${audience}</Audience><AssumedRoleUser><Arn>arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${sessionName}</Arn><AssumedRoleId>AROA${alnum()}:${sessionName}</AssumedRoleId></AssumedRoleUser><Credentials><SessionToken>${c.sessionToken}</SessionToken><SecretAccessKey>${c.secretAccessKey}</SecretAccessKey><Expiration>${isoSeconds(c.expiration)}</Expiration><AccessKeyId>${c.accessKeyId}</AccessKeyId></Credentials><Provider>${options.issuer.issuer}</Provider></AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>${randomBytes(8).toString("hex")}</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`;
  }

  /** Checks the request as a presigned GetCallerIdentity; returns the credential it was signed with. */
  async function callerIdentity(req: http.IncomingMessage, url: URL): Promise<string> {
    state.callerIdentityCalls++;
    const q = url.searchParams;
    if (q.get("Version") !== "2011-06-15") throw new Refusal(400, "InvalidParameterValue", "bad Version");
    if (q.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256")
      throw new Refusal(400, "IncompleteSignature", "bad X-Amz-Algorithm");
    const cred = /^([A-Z0-9]+)\/(\d{8})\/([a-z0-9-]+)\/sts\/aws4_request$/.exec(
      q.get("X-Amz-Credential") ?? "",
    );
    if (!cred) throw new Refusal(400, "IncompleteSignature", "bad X-Amz-Credential");
    const [, key, day, credRegion] = cred as unknown as [string, string, string, string];
    if (credRegion !== region)
      throw new Refusal(
        403,
        "SignatureDoesNotMatch",
        `credential scope region ${credRegion} is not ${region}`,
      );
    const c = byKey.get(key);
    if (!c)
      throw new Refusal(403, "InvalidClientTokenId", "The security token included in the request is invalid");
    if (c.expired || c.expiration.getTime() <= Date.now())
      throw new Refusal(403, "ExpiredToken", "The security token included in the request is expired");
    const token = q.get("X-Amz-Security-Token") ?? "";
    if (!sameSecret(token, c.sessionToken))
      throw new Refusal(403, "InvalidClientTokenId", "The security token included in the request is invalid");
    const date = parseAmzDate(q.get("X-Amz-Date") ?? "");
    if (!date || (q.get("X-Amz-Date") ?? "").slice(0, 8) !== day)
      throw new Refusal(400, "IncompleteSignature", "bad X-Amz-Date");
    if (Date.now() - date.getTime() > window)
      throw new Refusal(403, "AccessDenied", "Request has expired (X-Amz-Date is past the token window)");
    if (date.getTime() - Date.now() > 5 * 60_000)
      throw new Refusal(403, "SignatureDoesNotMatch", "X-Amz-Date is in the future");
    const expires = Number(q.get("X-Amz-Expires"));
    if (!Number.isInteger(expires) || expires < 1 || expires > 900)
      throw new Refusal(400, "AuthorizationQueryParametersError", "bad X-Amz-Expires");
    const signedHeaders = (q.get("X-Amz-SignedHeaders") ?? "").split(";");
    if (!signedHeaders.includes("host") || !signedHeaders.includes("x-k8s-aws-id"))
      throw new Refusal(403, "AccessDenied", "host and x-k8s-aws-id must be signed");
    const headers = signedHeaderValues(
      req,
      signedHeaders,
      (h) => new Refusal(403, "SignatureDoesNotMatch", `signed header ${h} is missing`),
    );
    const query: Record<string, string> = {};
    for (const [k, v] of q) if (!k.startsWith("X-Amz-")) query[k] = v;
    const expected = await signer({
      service: "sts",
      region,
      credentials: {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
      },
    }).presign(
      {
        method: "GET",
        protocol: "http:",
        hostname: url.hostname,
        port: Number(url.port),
        path: url.pathname,
        query,
        headers,
      },
      { signingDate: date, expiresIn: expires },
    );
    const want = String((expected as { query: Record<string, string> }).query["X-Amz-Signature"]);
    if (!sameSecret(q.get("X-Amz-Signature") ?? "", want))
      throw new Refusal(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided",
      );
    const role = c.roleArn.split("/").at(-1);
    return `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${c.sessionName}</Arn><UserId>AROAEXAMPLE:${c.sessionName}</UserId><Account>${ACCOUNT}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>${randomBytes(8).toString("hex")}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const answer = async (): Promise<string> => {
        if (req.method === "POST") {
          if (!/^application\/x-www-form-urlencoded/.test(req.headers["content-type"] ?? ""))
            throw new Refusal(400, "InvalidAction", "expected a form");
          const form = new URLSearchParams(Buffer.concat(chunks).toString());
          if (form.get("Action") === "AssumeRoleWithWebIdentity") return assumeRole(form);
        } else if (req.method === "GET" && url.searchParams.get("Action") === "GetCallerIdentity") {
          return callerIdentity(req, url);
        }
        throw new Refusal(400, "InvalidAction", "unsupported action");
      };
      answer().then(
        (xml) => res.writeHead(200, { "content-type": "text/xml" }).end(xml),
        (err: unknown) => {
          const r = err instanceof Refusal ? err : new Refusal(500, "InternalFailure", String(err));
          state.refusals.push(`${r.code}: ${r.message}`);
          res.writeHead(r.status, { "content-type": "text/xml" }).end(errorXml(r.code, r.message));
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  state.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.stop = async () => {
    for (const t of timers) clearTimeout(t);
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return state;
}
