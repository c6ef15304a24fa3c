import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import {
  presignUrl,
  send
} from "./chunk-HYGJSYCP.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import {
  ConfigurationError,
  OperationalError
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/aws/oidc.ts
import fs from "node:fs";
var JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
function tokenSourceProblem(env) {
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) return void 0;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE) return void 0;
  return "aws-role-arn needs the job's OIDC token, and ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: give the job `permissions: id-token: write` (outside Actions, set AWS_WEB_IDENTITY_TOKEN_FILE)";
}
async function requestIdToken(audience, env, timeoutMs) {
  const problem = tokenSourceProblem(env);
  if (problem) throw new ConfigurationError(problem);
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    const file = env.AWS_WEB_IDENTITY_TOKEN_FILE ?? "";
    let text;
    try {
      text = fs.readFileSync(file, "utf8").trim();
    } catch (err) {
      throw new OperationalError(
        `cannot read AWS_WEB_IDENTITY_TOKEN_FILE ${file}: ${err.message}`
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
    what
  });
  if (answer.status !== 200) {
    throw new OperationalError(
      `${what}: HTTP ${answer.status} from the token endpoint (${answer.text.slice(0, 200).replace(/\s+/g, " ")}); check the job has \`permissions: id-token: write\``
    );
  }
  let value;
  try {
    value = JSON.parse(answer.text).value;
  } catch {
    throw new OperationalError(`${what}: the answer is not JSON`);
  }
  if (typeof value !== "string" || !JWT.test(value)) {
    throw new OperationalError(`${what}: the answer holds no JWT in "value"`);
  }
  return value;
}
function describeToken(jwt) {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
    const shown = ["sub", "aud", "iss"].filter((k) => typeof claims[k] === "string" || Array.isArray(claims[k])).map((k) => `${k} ${JSON.stringify(claims[k])}`);
    return shown.length ? shown.join(", ") : "no sub, aud or iss claim";
  } catch {
    return "its claims are not readable JSON";
  }
}

// src/aws/xml.ts
var XmlShapeError = class extends Error {
  name = "XmlShapeError";
};
var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
function unescapeXml(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, name) => {
    if (name.startsWith("#x")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
    const v = ENTITIES[name];
    if (v === void 0) throw new XmlShapeError(`unknown entity ${whole}`);
    return v;
  });
}
function rootName(xml) {
  if (/<!DOCTYPE|<!\[CDATA\[|<!ENTITY/i.test(xml))
    throw new XmlShapeError("DOCTYPE, ENTITY or CDATA is not accepted");
  const m = /^\s*(?:<\?xml[^?]*\?>\s*)?<([A-Za-z][\w.-]*)[\s>]/.exec(xml);
  if (!m) throw new XmlShapeError("not an XML document");
  return m[1];
}
function inner(xml, name) {
  const open = new RegExp(`<${name}(\\s[^>]*)?>`, "g");
  const found = [...xml.matchAll(open)];
  if (found.length !== 1)
    throw new XmlShapeError(found.length ? `<${name}> occurs ${found.length} times` : `no <${name}>`);
  const start = found[0].index + found[0][0].length;
  const end = xml.indexOf(`</${name}>`, start);
  if (end < 0 || xml.indexOf(`</${name}>`, end + 1) >= 0)
    throw new XmlShapeError(`<${name}> is not closed once`);
  return xml.slice(start, end);
}
function xmlText(xml, path) {
  if (rootName(xml) !== path[0])
    throw new XmlShapeError(`the root is <${rootName(xml)}>, expected <${path[0]}>`);
  let cur = xml;
  for (const name of path) cur = inner(cur, name);
  if (cur.includes("<")) throw new XmlShapeError(`<${path.at(-1)}> holds elements, expected text`);
  return unescapeXml(cur.trim());
}
function optionalXmlText(xml, path) {
  try {
    return xmlText(xml, path);
  } catch (err) {
    if (err instanceof XmlShapeError && err.message === `no <${path.at(-1)}>`) return void 0;
    throw err;
  }
}

// src/aws/sts.ts
var StsError = class extends OperationalError {
  name = "StsError";
  code;
  retryable;
  constructor(message, code, retryable) {
    super(message);
    this.code = code;
    this.retryable = retryable;
  }
};
var RESULT = ["AssumeRoleWithWebIdentityResponse", "AssumeRoleWithWebIdentityResult"];
async function assumeRoleWithWebIdentity(req, now = () => /* @__PURE__ */ new Date()) {
  const body = new URLSearchParams({
    Action: "AssumeRoleWithWebIdentity",
    Version: "2011-06-15",
    RoleArn: req.roleArn,
    RoleSessionName: req.sessionName,
    WebIdentityToken: req.webIdentityToken,
    DurationSeconds: String(req.durationSeconds)
  }).toString();
  const what = `assuming role ${req.roleArn} (STS AssumeRoleWithWebIdentity at ${new URL(req.stsEndpoint).origin})`;
  const answer = await send(new URL(req.stsEndpoint), {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
      "Content-Length": String(Buffer.byteLength(body)),
      Accept: "application/xml"
    },
    body,
    timeoutMs: req.timeoutMs,
    what
  });
  if (answer.status !== 200) throw stsRefusal(answer.status, answer.text, what, req.webIdentityToken);
  return parseAssumeRoleAnswer(answer.text, what, now());
}
function stsRefusal(status, text, what, token) {
  let code = `HTTP ${status}`;
  let message = "";
  try {
    if (rootName(text) === "ErrorResponse") {
      code = xmlText(text, ["ErrorResponse", "Error", "Code"]);
      message = optionalXmlText(text, ["ErrorResponse", "Error", "Message"]) ?? "";
    }
  } catch {
  }
  const clean = (s) => s.replace(/[^\x20-\x7e]/g, "?").slice(0, 300);
  const retryable = status >= 500 || status === 429 || /^(Throttling|ThrottlingException|IDPCommunicationError)$/.test(code);
  const hint = code === "AccessDenied" || code === "InvalidIdentityToken" ? `; the role's trust policy must allow this token (${token ? describeToken(token) : "its claims"}) and the audience (aws-web-identity-audience)` : code === "ExpiredTokenException" ? "; the OIDC token had expired when STS read it (check the runner's clock)" : "";
  return new StsError(
    `${what}: STS refused: ${clean(code)}${message ? `: ${clean(message)}` : ""}${hint}`,
    code,
    retryable
  );
}
function parseAssumeRoleAnswer(xml, what, now) {
  let fields;
  try {
    fields = {
      accessKeyId: xmlText(xml, [...RESULT, "Credentials", "AccessKeyId"]),
      secretAccessKey: xmlText(xml, [...RESULT, "Credentials", "SecretAccessKey"]),
      sessionToken: xmlText(xml, [...RESULT, "Credentials", "SessionToken"]),
      expiration: xmlText(xml, [...RESULT, "Credentials", "Expiration"]),
      arn: xmlText(xml, [...RESULT, "AssumedRoleUser", "Arn"])
    };
  } catch (err) {
    if (err instanceof XmlShapeError)
      throw new OperationalError(
        `${what}: STS's answer is not an AssumeRoleWithWebIdentityResponse (${err.message})`
      );
    throw err;
  }
  const bad = (field, expected) => new OperationalError(`${what}: STS's answer has a bad ${field} (value not shown), expected ${expected}`);
  if (!/^[A-Z0-9]{16,128}$/.test(fields.accessKeyId))
    throw bad("AccessKeyId", "16-128 upper-case letters and digits");
  if (!/^[\x21-\x7e]{16,}$/.test(fields.secretAccessKey))
    throw bad("SecretAccessKey", "at least 16 printable characters");
  if (!/^[\x21-\x7e]{16,}$/.test(fields.sessionToken))
    throw bad("SessionToken", "at least 16 printable characters");
  if (!/^arn:aws[\w-]*:sts::\d{12}:assumed-role\/[\w+=,.@/-]+$/.test(fields.arn))
    throw bad("AssumedRoleUser.Arn", "arn:aws:sts::<account>:assumed-role/<role>/<session>");
  const expiration = new Date(fields.expiration);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(fields.expiration) || Number.isNaN(expiration.getTime()))
    throw bad("Expiration", "an ISO 8601 UTC time");
  if (expiration.getTime() <= now.getTime())
    throw new OperationalError(
      `${what}: STS's credentials expire at ${fields.expiration}, which is not after now (${now.toISOString()}); check the runner's clock`
    );
  return {
    credentials: {
      accessKeyId: fields.accessKeyId,
      secretAccessKey: fields.secretAccessKey,
      sessionToken: fields.sessionToken,
      expiration
    },
    assumedRoleArn: fields.arn
  };
}

// src/aws/eks-token.ts
var EKS_TOKEN_PREFIX = "k8s-aws-v1.";
var EKS_TOKEN_LIFETIME_MS = 15 * 6e4;
var EKS_PRESIGN_EXPIRES_SECONDS = 60;
var CLUSTER_ID_HEADER = "x-k8s-aws-id";
function eksToken(req) {
  const url = new URL(req.stsEndpoint.replace(/\/*$/, "/"));
  url.search = "Action=GetCallerIdentity&Version=2011-06-15";
  const signed = presignUrl({
    url,
    headers: { [CLUSTER_ID_HEADER]: req.clusterName },
    credentials: req.credentials,
    region: req.region,
    service: "sts",
    expiresSeconds: EKS_PRESIGN_EXPIRES_SECONDS,
    now: req.now
  });
  return EKS_TOKEN_PREFIX + Buffer.from(signed.toString()).toString("base64url");
}

// src/aws/session.ts
function refreshMargin(obtainedAt, expiration) {
  return Math.min(5 * 6e4, Math.max(0, expiration - obtainedAt) / 4);
}
var ATTEMPTS = 3;
var RoleSession = class {
  current;
  renewing;
  /** How many times credentials were obtained (the first time included). */
  renewals = 0;
  identity;
  logger;
  env;
  now;
  constructor(identity, logger, env = process.env, now = Date.now) {
    this.identity = identity;
    this.logger = logger;
    this.env = env;
    this.now = now;
  }
  /** Valid credentials, renewed first when they are within the margin of their expiry. */
  async credentials() {
    const c = this.current;
    const now = this.now();
    if (c && now < c.credentials.expiration.getTime() - refreshMargin(c.obtainedAt, c.credentials.expiration.getTime()))
      return c.credentials;
    this.renewing ??= this.renew().finally(() => this.renewing = void 0);
    try {
      return await this.renewing;
    } catch (err) {
      if (c && this.now() < c.credentials.expiration.getTime() - 1e3) {
        this.logger.warning(
          `${err.message}; the current credentials hold until ${c.credentials.expiration.toISOString()}, renewal is retried on the next request`
        );
        return c.credentials;
      }
      throw err;
    }
  }
  async renew() {
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
            durationSeconds: Math.round(identity.sessionDurationMs / 1e3),
            webIdentityToken: token,
            timeoutMs: identity.timeoutMs
          },
          () => new Date(this.now())
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
        const retryable = err instanceof StsError ? err.retryable : err instanceof OperationalError && !/HTTP 4\d\d/.test(err.message);
        if (!retryable || attempt >= ATTEMPTS) throw err;
        await sleep(1e3 * attempt);
      }
    }
  }
};
function sessionName(env) {
  const id = env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID) ? env.GITHUB_RUN_ID : String(process.pid);
  const attempt = env.GITHUB_RUN_ATTEMPT && /^\d+$/.test(env.GITHUB_RUN_ATTEMPT) ? `-${env.GITHUB_RUN_ATTEMPT}` : "";
  return `kubekeep-${id}${attempt}`.slice(0, 64);
}
var sessions = /* @__PURE__ */ new Map();
function roleSession(identity, logger) {
  const key = JSON.stringify(identity);
  let s = sessions.get(key);
  if (!s) sessions.set(key, s = new RoleSession(identity, logger));
  return s;
}
var EKS_TOKEN_REUSE_MS = EKS_TOKEN_LIFETIME_MS - 6e4;
var EksTokenSource = class {
  cached;
  session;
  clusterName;
  logger;
  now;
  constructor(session, cluster, logger, now = Date.now) {
    this.session = session;
    this.clusterName = cluster.clusterName;
    this.logger = logger;
    this.now = now;
  }
  async token() {
    const credentials = await this.session.credentials();
    const now = this.now();
    const c = this.cached;
    if (c && c.credentials === credentials && now - c.issuedAt < EKS_TOKEN_REUSE_MS) return c.token;
    const token = eksToken({
      clusterName: this.clusterName,
      region: this.session.identity.region,
      stsEndpoint: this.session.identity.stsEndpoint,
      credentials,
      now: new Date(now)
    });
    this.logger.setSecret(token);
    this.cached = { token, credentials, issuedAt: now };
    return token;
  }
};
export {
  EKS_TOKEN_REUSE_MS,
  EksTokenSource,
  RoleSession,
  refreshMargin,
  roleSession,
  sessionName
};
