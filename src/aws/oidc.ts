/**
 * The job's OIDC token, the way @actions/core's getIDToken asks for it: a GET
 * to $ACTIONS_ID_TOKEN_REQUEST_URL with `audience` added to its query and
 * $ACTIONS_ID_TOKEN_REQUEST_TOKEN as the bearer, answering `{"value": jwt}`.
 * Asked anew for each role session: the token lives minutes, the request
 * token the whole job, which is what lets kubekeep refresh the role's
 * credentials when configure-aws-credentials cannot. Outside Actions (a pod
 * with IRSA, a local test), a token file ($AWS_WEB_IDENTITY_TOKEN_FILE) is
 * read anew each time instead.
 */
import fs from "node:fs";
import { ConfigurationError, OperationalError } from "../core/errors.ts";
import { send } from "./http.ts";

export interface TokenSourceEnv {
  ACTIONS_ID_TOKEN_REQUEST_URL?: string;
  ACTIONS_ID_TOKEN_REQUEST_TOKEN?: string;
  AWS_WEB_IDENTITY_TOKEN_FILE?: string;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Whether the environment offers a web identity token at all (checked before a run starts). */
export function tokenSourceProblem(env: TokenSourceEnv): string | undefined {
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) return undefined;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE) return undefined;
  return "aws-role-arn needs the job's OIDC token, and ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: give the job `permissions: id-token: write` (outside Actions, set AWS_WEB_IDENTITY_TOKEN_FILE)";
}

export async function requestIdToken(
  audience: string,
  env: TokenSourceEnv,
  timeoutMs: number,
): Promise<string> {
  const problem = tokenSourceProblem(env);
  if (problem) throw new ConfigurationError(problem);
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    const file = env.AWS_WEB_IDENTITY_TOKEN_FILE ?? "";
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8").trim();
    } catch (err) {
      throw new OperationalError(
        `cannot read AWS_WEB_IDENTITY_TOKEN_FILE ${file}: ${(err as Error).message}`,
      );
    }
    if (!JWT.test(text))
      throw new OperationalError(`AWS_WEB_IDENTITY_TOKEN_FILE ${file} does not hold a JWT`);
    return text;
  }
  const url = new URL(env.ACTIONS_ID_TOKEN_REQUEST_URL);
  url.searchParams.set("audience", audience);
  const what = "requesting the job's OIDC token";
  const answer = await send(url, {
    method: "GET",
    headers: { Authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`, Accept: "application/json" },
    timeoutMs,
    what,
  });
  if (answer.status !== 200) {
    throw new OperationalError(
      `${what}: HTTP ${answer.status} from the token endpoint (${answer.text.slice(0, 200).replace(/\s+/g, " ")}); check the job has \`permissions: id-token: write\``,
    );
  }
  let value: unknown;
  try {
    value = (JSON.parse(answer.text) as { value?: unknown }).value;
  } catch {
    throw new OperationalError(`${what}: the answer is not JSON`);
  }
  if (typeof value !== "string" || !JWT.test(value)) {
    throw new OperationalError(`${what}: the answer holds no JWT in "value"`);
  }
  return value;
}

/** The claims that explain a refusal (a trust policy names sub and aud), read without verifying. */
export function describeToken(jwt: string): string {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<
      string,
      unknown
    >;
    const shown = ["sub", "aud", "iss"]
      .filter((k) => typeof claims[k] === "string" || Array.isArray(claims[k]))
      .map((k) => `${k} ${JSON.stringify(claims[k])}`);
    return shown.length ? shown.join(", ") : "no sub, aud or iss claim";
  } catch {
    return "its claims are not readable JSON";
  }
}
