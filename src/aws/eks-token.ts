/**
 * EKS bearer tokens, made as `aws eks get-token` and aws-iam-authenticator
 * make them, without the aws CLI: `k8s-aws-v1.` and the base64url (no
 * padding) of an STS GetCallerIdentity URL presigned with the role's
 * credentials, whose signed headers include `x-k8s-aws-id: <cluster name>`.
 * The cluster's authenticator calls that URL: STS answers with the role's
 * ARN (mapped to a Kubernetes user) while the credentials and the URL's date
 * are valid. Authenticators accept a token for 15 minutes from its date.
 */
import { presignUrl, type AwsCredentials } from "./sigv4.ts";

export const EKS_TOKEN_PREFIX = "k8s-aws-v1.";
/** What aws-iam-authenticator accepts: a token is valid this long after its X-Amz-Date. */
export const EKS_TOKEN_LIFETIME_MS = 15 * 60_000;
/** The presigned URL's own X-Amz-Expires, as the aws CLI and aws-iam-authenticator set it. */
export const EKS_PRESIGN_EXPIRES_SECONDS = 60;
export const CLUSTER_ID_HEADER = "x-k8s-aws-id";

export interface EksTokenRequest {
  clusterName: string;
  region: string;
  /** STS's endpoint, e.g. https://sts.us-east-1.amazonaws.com. */
  stsEndpoint: string;
  credentials: AwsCredentials;
  now: Date;
}

export function eksToken(req: EksTokenRequest): string {
  const url = new URL(req.stsEndpoint.replace(/\/*$/, "/"));
  url.search = "Action=GetCallerIdentity&Version=2011-06-15";
  const signed = presignUrl({
    url,
    headers: { [CLUSTER_ID_HEADER]: req.clusterName },
    credentials: req.credentials,
    region: req.region,
    service: "sts",
    expiresSeconds: EKS_PRESIGN_EXPIRES_SECONDS,
    now: req.now,
  });
  return EKS_TOKEN_PREFIX + Buffer.from(signed.toString()).toString("base64url");
}

/** The presigned URL inside a token (for the authenticator stand-in and tests). */
export function decodeEksToken(token: string): URL {
  if (!token.startsWith(EKS_TOKEN_PREFIX)) throw new Error(`not an EKS token: no ${EKS_TOKEN_PREFIX} prefix`);
  const body = token.slice(EKS_TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(body))
    throw new Error("not an EKS token: the body is not base64url without padding");
  const text = Buffer.from(body, "base64url").toString("utf8");
  if (!URL.canParse(text)) throw new Error("not an EKS token: the body is not a URL");
  return new URL(text);
}
