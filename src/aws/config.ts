/**
 * The AWS identity inputs, shared by every capability that uses S3 or can
 * reach an EKS cluster: with `aws-role-arn`, kubekeep exchanges the job's
 * OIDC token for the role's credentials itself and renews them before they
 * expire (session.ts), for S3 and for EKS tokens. Without it, S3 takes the
 * SDK's default chain as before.
 */
import net from "node:net";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { stallInputs, stallTimeout } from "../config/stall.ts";
import { badInput, ConfigurationError } from "../core/errors.ts";

export interface AwsIdentity {
  roleArn: string;
  region: string;
  /** Asked of STS (DurationSeconds); STS's answer says how long they really last. */
  sessionDurationMs: number;
  audience: string;
  /** STS's URL, without a trailing slash. */
  stsEndpoint: string;
  /** Deadline of one OIDC or STS request (`stall-timeout`). */
  timeoutMs: number;
}

export const awsInputs = {
  ...stallInputs,
  "aws-role-arn": input.string({
    description:
      "An IAM role kubekeep assumes with the job's OIDC token (the job needs `permissions: id-token: write`), renewing its credentials before they expire, for S3 and EKS: a run may outlast any one session. Without it, S3 uses the SDK's default credential chain.",
  }),
  "aws-region": input.string({
    description: "The AWS region of STS and of the EKS cluster (e.g. eu-west-1).",
    defaultText: "$AWS_REGION",
  }),
  "aws-session-duration": input.duration({
    description:
      "How long each role session is asked to last (15m to 12h, within the role's maximum); kubekeep renews before the end either way.",
    default: "1h",
    min: "15m",
  }),
  "aws-web-identity-audience": input.string({
    description: "The audience of the OIDC token, as the role's trust policy expects it.",
    default: "sts.amazonaws.com",
  }),
  "aws-sts-endpoint": input.string({
    description: "STS's URL: https://, or http:// on a loopback address only (a local stand-in).",
    defaultText: "https://sts.<aws-region>.amazonaws.com",
  }),
};

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const MAX_SESSION_MS = 12 * 3600_000;

export function isRoleArn(value: string): boolean {
  return ROLE_ARN.test(value);
}

export function isRegion(value: string): boolean {
  return REGION.test(value);
}

/** The identity when `aws-role-arn` is given, else undefined. */
export function parseAwsIdentity(
  src: InputSource,
  env: NodeJS.ProcessEnv = process.env,
): AwsIdentity | undefined {
  const v = readInputs(awsInputs, src);
  const roleArn = v["aws-role-arn"];
  if (roleArn === undefined) {
    for (const name of ["aws-sts-endpoint"] as const)
      if (v[name] !== undefined) throw new ConfigurationError(`input '${name}' needs aws-role-arn`);
    return undefined;
  }
  if (!ROLE_ARN.test(roleArn))
    throw badInput("aws-role-arn", roleArn, "arn:aws:iam::<12-digit account>:role/<name>");
  const region = v["aws-region"] ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region === undefined)
    throw new ConfigurationError(
      "input 'aws-region' is required with aws-role-arn (or set $AWS_REGION), e.g. us-east-1",
    );
  if (!REGION.test(region))
    throw badInput("aws-region", region, "an AWS region such as us-east-1 or eu-west-1");
  const sessionDurationMs = v["aws-session-duration"];
  if (sessionDurationMs > MAX_SESSION_MS)
    throw badInput("aws-session-duration", src("aws-session-duration"), "at most 12h (STS's maximum)");
  const audience = v["aws-web-identity-audience"];
  if (!/^[\x21-\x7e]{1,256}$/.test(audience))
    throw badInput(
      "aws-web-identity-audience",
      audience,
      "printable characters without spaces, e.g. sts.amazonaws.com",
    );
  return {
    roleArn,
    region,
    sessionDurationMs,
    audience,
    stsEndpoint: stsEndpoint(v["aws-sts-endpoint"], region),
    timeoutMs: stallTimeout(src),
  };
}

function stsEndpoint(given: string | undefined, region: string): string {
  return serviceEndpoint("aws-sts-endpoint", given, "sts", region);
}

/**
 * An AWS service's URL: `https://<service>.<region>.amazonaws.com` (.cn in
 * China), or the one given in `input`: https://, or http:// on loopback only
 * (plain http carries credentials and signed requests in clear).
 */
export function serviceEndpoint(
  inputName: string,
  given: string | undefined,
  service: string,
  region: string,
): string {
  if (given === undefined)
    return `https://${service}.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
  const expected = "https://host[:port], or http://127.0.0.1:port for a local stand-in";
  if (!URL.canParse(given)) throw badInput(inputName, given, expected);
  const url = new URL(given);
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== ""))
    throw badInput(inputName, given, `${expected} (no path, query or user)`);
  if (url.protocol === "https:") return url.origin;
  if (url.protocol === "http:" && isLoopback(url.hostname)) return url.origin;
  throw badInput(inputName, given, expected);
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "");
  if (h === "localhost") return true;
  if (net.isIPv4(h)) return h.startsWith("127.");
  return h === "::1";
}
