/**
 * STS AssumeRoleWithWebIdentity: an unsigned POST (the web identity token is
 * the credential) answered with the role's temporary credentials in XML.
 * The answer is checked field by field before use; STS's own errors come
 * back with their code and message, and a refusal names the token's claims,
 * which is what a trust policy matches.
 */
import { OperationalError } from "../core/errors.ts";
import { send } from "./http.ts";
import { describeToken } from "./oidc.ts";
import type { AwsCredentials } from "./sigv4.ts";
import { optionalXmlText, rootName, xmlText, XmlShapeError } from "./xml.ts";

export interface AssumedRole {
  credentials: AwsCredentials & { expiration: Date };
  /** arn:aws:sts::<account>:assumed-role/<role>/<session> */
  assumedRoleArn: string;
}

export interface AssumeRoleRequest {
  stsEndpoint: string;
  roleArn: string;
  sessionName: string;
  durationSeconds: number;
  webIdentityToken: string;
  timeoutMs: number;
}

/** An STS refusal (4xx with an ErrorResponse); `retryable` for throttling and the IdP being unreachable. */
export class StsError extends OperationalError {
  override name = "StsError";
  readonly code: string;
  readonly retryable: boolean;
  constructor(message: string, code: string, retryable: boolean) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }
}

const RESULT = ["AssumeRoleWithWebIdentityResponse", "AssumeRoleWithWebIdentityResult"] as const;

export async function assumeRoleWithWebIdentity(
  req: AssumeRoleRequest,
  now = () => new Date(),
): Promise<AssumedRole> {
  const body = new URLSearchParams({
    Action: "AssumeRoleWithWebIdentity",
    Version: "2011-06-15",
    RoleArn: req.roleArn,
    RoleSessionName: req.sessionName,
    WebIdentityToken: req.webIdentityToken,
    DurationSeconds: String(req.durationSeconds),
  }).toString();
  const what = `assuming role ${req.roleArn} (STS AssumeRoleWithWebIdentity at ${new URL(req.stsEndpoint).origin})`;
  const answer = await send(new URL(req.stsEndpoint), {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
      Accept: "application/xml",
    },
    body,
    timeoutMs: req.timeoutMs,
    what,
  });
  if (answer.status !== 200) throw stsRefusal(answer.status, answer.text, what, req.webIdentityToken);
  return parseAssumeRoleAnswer(answer.text, what, now());
}

/** STS's ErrorResponse as an StsError (or a plain failure when the body is not one). */
export function stsRefusal(status: number, text: string, what: string, token?: string): StsError {
  let code = `HTTP ${status}`;
  let message = "";
  try {
    if (rootName(text) === "ErrorResponse") {
      code = xmlText(text, ["ErrorResponse", "Error", "Code"]);
      message = optionalXmlText(text, ["ErrorResponse", "Error", "Message"]) ?? "";
    }
  } catch {
    // Not STS's shape: reported by status alone.
  }
  const clean = (s: string) => s.replace(/[^\x20-\x7e]/g, "?").slice(0, 300);
  const retryable =
    status >= 500 || status === 429 || /^(Throttling|ThrottlingException|IDPCommunicationError)$/.test(code);
  const hint =
    code === "AccessDenied" || code === "InvalidIdentityToken"
      ? `; the role's trust policy must allow this token (${token ? describeToken(token) : "its claims"}) and the audience (aws-web-identity-audience)`
      : code === "ExpiredTokenException"
        ? "; the OIDC token had expired when STS read it (check the runner's clock)"
        : "";
  return new StsError(
    `${what}: STS refused: ${clean(code)}${message ? `: ${clean(message)}` : ""}${hint}`,
    code,
    retryable,
  );
}

/** Reads and checks the answer; every field must have its expected form. */
export function parseAssumeRoleAnswer(xml: string, what: string, now: Date): AssumedRole {
  let fields: Record<string, string>;
  try {
    fields = {
      accessKeyId: xmlText(xml, [...RESULT, "Credentials", "AccessKeyId"]),
      secretAccessKey: xmlText(xml, [...RESULT, "Credentials", "SecretAccessKey"]),
      sessionToken: xmlText(xml, [...RESULT, "Credentials", "SessionToken"]),
      expiration: xmlText(xml, [...RESULT, "Credentials", "Expiration"]),
      arn: xmlText(xml, [...RESULT, "AssumedRoleUser", "Arn"]),
    };
  } catch (err) {
    if (err instanceof XmlShapeError)
      throw new OperationalError(
        `${what}: STS's answer is not an AssumeRoleWithWebIdentityResponse (${err.message})`,
      );
    throw err;
  }
  const bad = (field: string, expected: string) =>
    new OperationalError(`${what}: STS's answer has a bad ${field} (value not shown), expected ${expected}`);
  if (!/^[A-Z0-9]{16,128}$/.test(fields.accessKeyId!))
    throw bad("AccessKeyId", "16-128 upper-case letters and digits");
  if (!/^[\x21-\x7e]{16,}$/.test(fields.secretAccessKey!))
    throw bad("SecretAccessKey", "at least 16 printable characters");
  if (!/^[\x21-\x7e]{16,}$/.test(fields.sessionToken!))
    throw bad("SessionToken", "at least 16 printable characters");
  if (!/^arn:aws[\w-]*:sts::\d{12}:assumed-role\/[\w+=,.@/-]+$/.test(fields.arn!))
    throw bad("AssumedRoleUser.Arn", "arn:aws:sts::<account>:assumed-role/<role>/<session>");
  const expiration = new Date(fields.expiration!);
  if (
    !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(fields.expiration!) ||
    Number.isNaN(expiration.getTime())
  )
    throw bad("Expiration", "an ISO 8601 UTC time");
  if (expiration.getTime() <= now.getTime())
    throw new OperationalError(
      `${what}: STS's credentials expire at ${fields.expiration}, which is not after now (${now.toISOString()}); check the runner's clock`,
    );
  return {
    credentials: {
      accessKeyId: fields.accessKeyId!,
      secretAccessKey: fields.secretAccessKey!,
      sessionToken: fields.sessionToken!,
      expiration,
    },
    assumedRoleArn: fields.arn!,
  };
}
