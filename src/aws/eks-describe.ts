/**
 * EKS DescribeCluster (`GET /clusters/<name>`, SigV4-signed in the
 * Authorization header, as the AWS SDK sends it): the cluster's endpoint and
 * CA when the workflow gives only its name and region. What comes back is
 * data from outside and is checked before it is trusted with the cluster's
 * bearer tokens: the name is the one asked for, the endpoint a plain
 * https://host[:port] URL, the CA base64 of PEM that parses as X.509
 * certificates, the cluster in a state that serves its API.
 */
import { X509Certificate } from "node:crypto";
import { OperationalError } from "../core/errors.ts";
import { send, type Answer } from "./http.ts";
import { signedHeaders, type AwsCredentials } from "./sigv4.ts";

export interface DescribeClusterRequest {
  /** The EKS API, e.g. https://eks.eu-west-1.amazonaws.com (no trailing slash). */
  endpoint: string;
  region: string;
  clusterName: string;
  credentials: AwsCredentials;
  timeoutMs: number;
  now?: Date;
}

export interface DescribedCluster {
  /** https://host[:port], no trailing slash. */
  server: string;
  /** PEM. */
  ca: Buffer;
  version?: string;
}

/** States in which the API server does not serve (yet, or any more). */
const NOT_SERVING = ["CREATING", "DELETING", "FAILED"];
const SERVER = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;
const BASE64 = /^[A-Za-z0-9+/\s]+={0,2}\s*$/;
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

/** Checks DescribeCluster's answer; throws naming the field and what was wrong. Pure. */
export function parseDescribeCluster(text: string, clusterName: string): DescribedCluster {
  const bad = (what: string) =>
    new OperationalError(
      `EKS DescribeCluster for '${clusterName}' answered ${what}; the answer is not used (is aws-eks-endpoint the EKS API?)`,
    );
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad("something that is not JSON");
  }
  const c = (doc as { cluster?: unknown } | null)?.cluster;
  if (c === null || typeof c !== "object" || Array.isArray(c)) throw bad("without a 'cluster' object");
  const cluster = c as Record<string, unknown>;
  if (cluster.name !== clusterName)
    throw bad(`for another cluster (${JSON.stringify(String(cluster.name).slice(0, 100))})`);
  if (typeof cluster.status === "string" && NOT_SERVING.includes(cluster.status))
    throw new OperationalError(
      `EKS cluster '${clusterName}' is ${cluster.status}: its API server does not serve; nothing was done`,
    );
  const endpoint = cluster.endpoint;
  if (typeof endpoint !== "string" || !SERVER.test(endpoint) || !URL.canParse(endpoint))
    throw bad(
      `an endpoint that is not an https://host[:port] URL (${JSON.stringify(String(endpoint).slice(0, 100))})`,
    );
  const data = (cluster.certificateAuthority as { data?: unknown } | undefined)?.data;
  if (typeof data !== "string" || data.length > 64 * 1024 || !BASE64.test(data))
    throw bad("a certificateAuthority.data that is not base64");
  const pem = Buffer.from(data, "base64").toString("utf8");
  const blocks = pem.match(PEM_BLOCK);
  if (!blocks) throw bad("a certificateAuthority.data that is not a PEM certificate");
  for (const b of blocks) {
    try {
      new X509Certificate(b);
    } catch {
      throw bad("a certificateAuthority.data whose PEM does not parse as an X.509 certificate");
    }
  }
  const version = typeof cluster.version === "string" ? cluster.version : undefined;
  return {
    server: endpoint.replace(/\/$/, ""),
    ca: Buffer.from(`${blocks.join("\n")}\n`),
    ...(version && /^\d{1,3}\.\d{1,3}$/.test(version) ? { version } : {}),
  };
}

/** Calls DescribeCluster; an HTTP error is an OperationalError naming EKS's error code and message. */
export async function describeCluster(req: DescribeClusterRequest): Promise<DescribedCluster> {
  const url = new URL(`${req.endpoint}/clusters/${encodeURIComponent(req.clusterName)}`);
  const headers = signedHeaders({
    method: "GET",
    url,
    headers: { accept: "application/json" },
    credentials: req.credentials,
    region: req.region,
    service: "eks",
    now: req.now ?? new Date(),
  });
  const what = `EKS DescribeCluster for '${req.clusterName}'`;
  const answer = await send(url, { method: "GET", headers, timeoutMs: req.timeoutMs, what });
  if (answer.status !== 200) throw new OperationalError(`${what} failed: ${eksRefusal(answer)}`);
  return parseDescribeCluster(answer.text, req.clusterName);
}

/** EKS's error, `HTTP 403 ExpiredTokenException: ...`, on one bounded line, and what to check. */
function eksRefusal(answer: Answer): string {
  // The error's name is in x-amzn-ErrorType ("Name:details"), or in the body's __type.
  const header = answer.headers["x-amzn-errortype"];
  let code = typeof header === "string" ? (header.split(":")[0] ?? "") : "";
  let message = "";
  try {
    const doc = JSON.parse(answer.text) as { __type?: unknown; message?: unknown; Message?: unknown };
    if (!code && typeof doc.__type === "string") code = doc.__type.split("#").at(-1) ?? "";
    const m = doc.message ?? doc.Message;
    message = typeof m === "string" ? m : "";
  } catch {
    message = answer.text;
  }
  const clean = (s: string, max: number) => s.replace(/[^\x20-\x7e]/g, " ").slice(0, max);
  const hint =
    answer.status === 404
      ? "; check eks-cluster-name and aws-region"
      : answer.status === 403 || answer.status === 401
        ? "; check that the role of aws-role-arn may eks:DescribeCluster on it (or give eks-server and eks-certificate-authority)"
        : "";
  return `HTTP ${answer.status} ${clean(code, 80)}${code ? ": " : ""}${clean(message, 300)}${hint}`.trim();
}
