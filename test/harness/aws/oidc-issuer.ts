/**
 * A stand-in for GitHub's OIDC token endpoint (what ACTIONS_ID_TOKEN_REQUEST_URL
 * points at): on loopback, it answers `{"value": jwt}` only to a request
 * bearing the job's request token, with an RS256 JWT signed by a key of its
 * own, for the audience asked. The STS stand-in trusts its public key.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface OidcIssuer {
  /** For ACTIONS_ID_TOKEN_REQUEST_URL (it already has a query, as GitHub's does). */
  requestUrl: string;
  /** For ACTIONS_ID_TOKEN_REQUEST_TOKEN. */
  requestToken: string;
  issuer: string;
  publicKey: KeyObject;
  /** The subject of the tokens it issues (a workflow's repo:...:ref:...). */
  subject: string;
  /** Tokens issued so far. */
  issued: number;
  /** Mints a token with these claims over the defaults (for forged-token tests). */
  mint(claims: Record<string, unknown>, key?: KeyObject): string;
  stop(): Promise<void>;
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

export function signJwt(claims: Record<string, unknown>, key: KeyObject, kid = "test"): string {
  const head = `${b64({ alg: "RS256", typ: "JWT", kid })}.${b64(claims)}`;
  return `${head}.${sign("sha256", Buffer.from(head), key).toString("base64url")}`;
}

export async function startOidcIssuer(
  options: { subject?: string; tokenLifetimeS?: number } = {},
): Promise<OidcIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const requestToken = randomBytes(24).toString("base64url");
  const issuer = "https://token.actions.githubusercontent.com";
  const subject = options.subject ?? "repo:acme/fleet:ref:refs/heads/main";
  const lifetime = options.tokenLifetimeS ?? 300;
  const state = {
    issued: 0,
  };
  const claims = (audience: string) => {
    const now = Math.floor(Date.now() / 1000);
    return {
      iss: issuer,
      aud: audience,
      sub: subject,
      iat: now,
      nbf: now - 5,
      exp: now + lifetime,
      jti: randomBytes(8).toString("hex"),
    };
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (req.headers.authorization !== `Bearer ${requestToken}`) {
      res.writeHead(401, { "content-type": "application/json" }).end('{"message":"Bad credentials"}');
      return;
    }
    const audience = url.searchParams.get("audience");
    if (req.method !== "GET" || url.searchParams.get("api-version") !== "2.0" || !audience) {
      res.writeHead(400).end("bad request");
      return;
    }
    state.issued++;
    res
      .writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ value: signJwt(claims(audience), privateKey) }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    requestUrl: `http://127.0.0.1:${port}/_apis/token?api-version=2.0`,
    requestToken,
    issuer,
    publicKey,
    subject,
    get issued() {
      return state.issued;
    },
    mint: (extra, key = privateKey) => signJwt({ ...claims("sts.amazonaws.com"), ...extra }, key),
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
