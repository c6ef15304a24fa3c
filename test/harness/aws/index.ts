/**
 * The AWS stand-ins together, for a test file: an OIDC issuer, STS trusting
 * it (credentials shortened to `lifetimeMs`), and the aws-iam-authenticator
 * webhook for a sandbox API server. Start with `useAwsStandIns()` before
 * `useSandbox({ apiserverExtraArgs: aws.apiserverArgs })`: node:test runs
 * before-hooks in order, so the webhook is up when the API server starts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before } from "node:test";
import { startAuthenticator, type Authenticator } from "./authenticator.ts";
import { startEks, type EksStandIn } from "./eks.ts";
import { startOidcIssuer, type OidcIssuer } from "./oidc-issuer.ts";
import { startSts, type IssuedCredential, type StsStandIn } from "./sts.ts";

export const ROLE_ARN = "arn:aws:iam::123456789012:role/kubekeep-fleet";
export const EKS_CLUSTER = "shop";
export const EKS_USER = "kubekeep-fleet";

export interface AwsStandIns {
  issuer: OidcIssuer;
  sts: StsStandIn;
  authenticator: Authenticator;
  /** DescribeCluster, for the credentials STS issued (no cluster known until a test adds it). */
  eks: EksStandIn;
  /** The env a job with `id-token: write` has. */
  oidcEnv: Record<string, string>;
  /** aws-* inputs for the role. */
  roleInputs: Record<string, string>;
}

export function useAwsStandIns(options: {
  lifetimeMs: number;
  onIssue?: (c: IssuedCredential) => Promise<void>;
  onExpire?: (c: IssuedCredential) => Promise<void>;
}): { readonly aws: AwsStandIns; apiserverArgs: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-aws-"));
  const configFile = path.join(dir, "aws-authenticator-webhook.yaml");
  let aws: AwsStandIns | undefined;
  before(async () => {
    const issuer = await startOidcIssuer();
    const sts = await startSts({
      issuer,
      roles: { [ROLE_ARN]: /^repo:acme\/fleet:ref:refs\/heads\/main$/ },
      lifetimeMs: options.lifetimeMs,
      ...(options.onIssue ? { onIssue: options.onIssue } : {}),
      ...(options.onExpire ? { onExpire: options.onExpire } : {}),
    });
    const authenticator = await startAuthenticator({
      dir,
      clusterName: EKS_CLUSTER,
      stsEndpoint: sts.endpoint,
      mapRoles: { [ROLE_ARN]: { username: EKS_USER, groups: ["kubekeep:fleet"] } },
    });
    if (authenticator.configFile !== configFile) throw new Error("webhook config moved");
    const eks = await startEks({ region: sts.region, issued: sts.issued });
    aws = {
      issuer,
      sts,
      authenticator,
      eks,
      oidcEnv: {
        ACTIONS_ID_TOKEN_REQUEST_URL: issuer.requestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.requestToken,
      },
      roleInputs: {
        "aws-role-arn": ROLE_ARN,
        "aws-region": sts.region,
        "aws-sts-endpoint": sts.endpoint,
      },
    };
  });
  after(async () => {
    await aws?.eks.stop();
    await aws?.authenticator.stop();
    await aws?.sts.stop();
    await aws?.issuer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get aws() {
      if (!aws) throw new Error("AWS stand-ins not started (use them inside a test)");
      return aws;
    },
    apiserverArgs: [
      `--authentication-token-webhook-config-file=${configFile}`,
      "--authentication-token-webhook-version=v1",
      // The webhook's own cache (default 2 min) down to a second; the API
      // server still keeps a token's success for 10 s in front of every
      // token authenticator (not a flag), so a token is checked anew at
      // most every ~10 s.
      "--authentication-token-webhook-cache-ttl=1s",
    ],
  };
}
