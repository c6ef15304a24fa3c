import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  stallInputs,
  stallTimeout
} from "./chunk-OD4EXP6E.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import {
  ConfigurationError,
  badInput
} from "./chunk-YBANDQLS.js";

// src/aws/config.ts
import net from "node:net";
var awsInputs = {
  ...stallInputs,
  "aws-role-arn": input.string({
    description: "An IAM role kubekeep assumes with the job's OIDC token (the job needs `permissions: id-token: write`), renewing its credentials before they expire, for S3 and EKS: a run may outlast any one session. Without it, S3 uses the SDK's default credential chain."
  }),
  "aws-region": input.string({
    description: "The AWS region of STS and of the EKS cluster (e.g. eu-west-1).",
    defaultText: "$AWS_REGION"
  }),
  "aws-session-duration": input.duration({
    description: "How long each role session is asked to last (15m to 12h, within the role's maximum); kubekeep renews before the end either way.",
    default: "1h",
    min: "15m"
  }),
  "aws-web-identity-audience": input.string({
    description: "The audience of the OIDC token, as the role's trust policy expects it.",
    default: "sts.amazonaws.com"
  }),
  "aws-sts-endpoint": input.string({
    description: "STS's URL: https://, or http:// on a loopback address only (a local stand-in).",
    defaultText: "https://sts.<aws-region>.amazonaws.com"
  })
};
var ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
var REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
var MAX_SESSION_MS = 12 * 36e5;
function parseAwsIdentity(src, env = process.env) {
  const v = readInputs(awsInputs, src);
  const roleArn = v["aws-role-arn"];
  if (roleArn === void 0) {
    for (const name of ["aws-sts-endpoint"])
      if (v[name] !== void 0) throw new ConfigurationError(`input '${name}' needs aws-role-arn`);
    return void 0;
  }
  if (!ROLE_ARN.test(roleArn))
    throw badInput("aws-role-arn", roleArn, "arn:aws:iam::<12-digit account>:role/<name>");
  const region = v["aws-region"] ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (region === void 0)
    throw new ConfigurationError(
      "input 'aws-region' is required with aws-role-arn (or set $AWS_REGION), e.g. us-east-1"
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
      "printable characters without spaces, e.g. sts.amazonaws.com"
    );
  return {
    roleArn,
    region,
    sessionDurationMs,
    audience,
    stsEndpoint: stsEndpoint(v["aws-sts-endpoint"], region),
    timeoutMs: stallTimeout(src)
  };
}
function stsEndpoint(given, region) {
  return serviceEndpoint("aws-sts-endpoint", given, "sts", region);
}
function serviceEndpoint(inputName, given, service, region) {
  if (given === void 0)
    return `https://${service}.${region}.amazonaws.com${region.startsWith("cn-") ? ".cn" : ""}`;
  const expected = "https://host[:port], or http://127.0.0.1:port for a local stand-in";
  if (!URL.canParse(given)) throw badInput(inputName, given, expected);
  const url = new URL(given);
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/" && url.pathname !== "")
    throw badInput(inputName, given, `${expected} (no path, query or user)`);
  if (url.protocol === "https:") return url.origin;
  if (url.protocol === "http:" && isLoopback(url.hostname)) return url.origin;
  throw badInput(inputName, given, expected);
}
function isLoopback(host) {
  const h = host.replace(/^\[|\]$/g, "");
  if (h === "localhost") return true;
  if (net.isIPv4(h)) return h.startsWith("127.");
  return h === "::1";
}

export {
  awsInputs,
  parseAwsIdentity,
  serviceEndpoint
};
