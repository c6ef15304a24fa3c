/**
 * A role session that lasts the job: credentials from
 * AssumeRoleWithWebIdentity with a fresh OIDC token, renewed before they
 * expire (a margin of a quarter of their lifetime, at most 5 minutes), one
 * renewal at a time however many requests ask. S3 (as the SDK's credential
 * provider) and EKS tokens ask it for credentials on every use. A renewal
 * that fails while the current credentials still hold keeps them (with a
 * warning) and is tried again on the next use; once they have expired, the
 * failure is the request's.
 */
import type { Logger } from "../core/logger.ts";
import { OperationalError } from "../core/errors.ts";
import { sleep } from "../core/sleep.ts";
import type { AwsIdentity } from "./config.ts";
import { requestIdToken, type TokenSourceEnv } from "./oidc.ts";
import type { AwsCredentials } from "./sigv4.ts";
import { assumeRoleWithWebIdentity, StsError } from "./sts.ts";
import { EKS_TOKEN_LIFETIME_MS, eksToken } from "./eks-token.ts";

type SessionEnv = TokenSourceEnv & { GITHUB_RUN_ID?: string; GITHUB_RUN_ATTEMPT?: string };

export type SessionCredentials = AwsCredentials & { expiration: Date };

/** Renew this long before expiry: a quarter of the lifetime, at most 5 minutes (the SDK's own margin). */
export function refreshMargin(obtainedAt: number, expiration: number): number {
  return Math.min(5 * 60_000, Math.max(0, expiration - obtainedAt) / 4);
}

const ATTEMPTS = 3;

export class RoleSession {
  private current: { credentials: SessionCredentials; obtainedAt: number } | undefined;
  private renewing: Promise<SessionCredentials> | undefined;
  /** How many times credentials were obtained (the first time included). */
  renewals = 0;

  readonly identity: AwsIdentity;
  private readonly logger: Logger;
  private readonly env: SessionEnv;
  private readonly now: () => number;

  constructor(
    identity: AwsIdentity,
    logger: Logger,
    env: SessionEnv = process.env,
    now: () => number = Date.now,
  ) {
    this.identity = identity;
    this.logger = logger;
    this.env = env;
    this.now = now;
  }

  /** Valid credentials, renewed first when they are within the margin of their expiry. */
  async credentials(): Promise<SessionCredentials> {
    const c = this.current;
    const now = this.now();
    if (
      c &&
      now <
        c.credentials.expiration.getTime() - refreshMargin(c.obtainedAt, c.credentials.expiration.getTime())
    )
      return c.credentials;
    this.renewing ??= this.renew().finally(() => (this.renewing = undefined));
    try {
      return await this.renewing;
    } catch (err) {
      // Still valid for a while: keep working, try again on the next use.
      if (c && this.now() < c.credentials.expiration.getTime() - 1000) {
        this.logger.warning(
          `${(err as Error).message}; the current credentials hold until ${c.credentials.expiration.toISOString()}, renewal is retried on the next request`,
        );
        return c.credentials;
      }
      throw err;
    }
  }

  private async renew(): Promise<SessionCredentials> {
    const { identity } = this;
    for (let attempt = 1; ; attempt++) {
      try {
        const token = await requestIdToken(identity.audience, this.env, identity.timeoutMs);
        this.logger.setSecret(token);
        const obtainedAt = this.now();
        const assumed = await assumeRoleWithWebIdentity(
          {
            stsEndpoint: identity.stsEndpoint,
            roleArn: identity.roleArn,
            sessionName: sessionName(this.env),
            durationSeconds: Math.round(identity.sessionDurationMs / 1000),
            webIdentityToken: token,
            timeoutMs: identity.timeoutMs,
          },
          () => new Date(this.now()),
        );
        const creds = assumed.credentials;
        this.logger.setSecret(creds.secretAccessKey);
        if (creds.sessionToken) this.logger.setSecret(creds.sessionToken);
        this.logger.setSecret(creds.accessKeyId);
        const first = this.renewals === 0;
        this.renewals++;
        this.current = { credentials: creds, obtainedAt };
        const msg = `${first ? "assumed" : "renewed"} role ${identity.roleArn} as ${assumed.assumedRoleArn}; credentials valid until ${creds.expiration.toISOString()}`;
        if (first) this.logger.info(msg);
        else this.logger.debug(msg);
        return creds;
      } catch (err) {
        const retryable =
          err instanceof StsError
            ? err.retryable
            : err instanceof OperationalError && !/HTTP 4\d\d/.test(err.message);
        if (!retryable || attempt >= ATTEMPTS) throw err;
        await sleep(1000 * attempt);
      }
    }
  }
}

/** kubekeep-<run id>-<attempt>: CloudTrail shows which workflow run used the role. */
export function sessionName(env: { GITHUB_RUN_ID?: string; GITHUB_RUN_ATTEMPT?: string }): string {
  const id = env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID) ? env.GITHUB_RUN_ID : String(process.pid);
  const attempt =
    env.GITHUB_RUN_ATTEMPT && /^\d+$/.test(env.GITHUB_RUN_ATTEMPT) ? `-${env.GITHUB_RUN_ATTEMPT}` : "";
  return `kubekeep-${id}${attempt}`.slice(0, 64);
}

/** One session per identity in a process: S3 and the cluster of one run share the role's credentials. */
const sessions = new Map<string, RoleSession>();

export function roleSession(identity: AwsIdentity, logger: Logger): RoleSession {
  const key = JSON.stringify(identity);
  let s = sessions.get(key);
  if (!s) sessions.set(key, (s = new RoleSession(identity, logger)));
  return s;
}

/** A token is used at most this long after its date; aws eks get-token says 14 minutes too. */
export const EKS_TOKEN_REUSE_MS = EKS_TOKEN_LIFETIME_MS - 60_000;

/**
 * EKS bearer tokens for one cluster: a new one when the session's
 * credentials were renewed (a token is only as good as the credentials that
 * signed it) or when it is 14 minutes old, well before the authenticator's
 * 15; otherwise the same, so the API server's token cache keeps working.
 */
export class EksTokenSource {
  private cached: { token: string; credentials: SessionCredentials; issuedAt: number } | undefined;

  private readonly session: RoleSession;
  private readonly clusterName: string;
  private readonly logger: Logger;
  private readonly now: () => number;

  constructor(
    session: RoleSession,
    cluster: { clusterName: string },
    logger: Logger,
    now: () => number = Date.now,
  ) {
    this.session = session;
    this.clusterName = cluster.clusterName;
    this.logger = logger;
    this.now = now;
  }

  async token(): Promise<string> {
    const credentials = await this.session.credentials();
    const now = this.now();
    const c = this.cached;
    if (c && c.credentials === credentials && now - c.issuedAt < EKS_TOKEN_REUSE_MS) return c.token;
    const token = eksToken({
      clusterName: this.clusterName,
      region: this.session.identity.region,
      stsEndpoint: this.session.identity.stsEndpoint,
      credentials,
      now: new Date(now),
    });
    this.logger.setSecret(token);
    this.cached = { token, credentials, issuedAt: now };
    return token;
  }
}
