/**
 * A stand-in for aws-iam-authenticator's server: the webhook kube-apiserver
 * calls (--authentication-token-webhook-config-file) with a TokenReview. It
 * decodes the `k8s-aws-v1.` token, accepts only a presigned GetCallerIdentity
 * on the STS it trusts, signed with `x-k8s-aws-id` equal to its cluster's
 * name, calls that URL (with the header) as the real one does, and maps the
 * answered role ARN to a Kubernetes user and groups. Anything else: not
 * authenticated.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

export interface Authenticator {
  /** The webhook's kubeconfig, for the API server. */
  configFile: string;
  /** Why tokens were refused, in order. */
  refusals: string[];
  accepted: number;
  stop(): Promise<void>;
}

export async function startAuthenticator(options: {
  dir: string;
  clusterName: string;
  /** The STS it trusts, e.g. http://127.0.0.1:port. */
  stsEndpoint: string;
  /** role ARN -> Kubernetes user and groups (aws-auth's mapRoles). */
  mapRoles: Record<string, { username: string; groups: string[] }>;
}): Promise<Authenticator> {
  const trusted = new URL(options.stsEndpoint);
  const state = { refusals: [] as string[], accepted: 0 };

  async function review(token: string): Promise<{ username: string; uid: string; groups: string[] }> {
    if (!token.startsWith("k8s-aws-v1.")) throw new Error("not a k8s-aws-v1 token");
    const body = token.slice("k8s-aws-v1.".length);
    if (!/^[A-Za-z0-9_-]+$/.test(body)) throw new Error("token body is not base64url without padding");
    const url = new URL(Buffer.from(body, "base64url").toString());
    if (url.origin !== trusted.origin || url.pathname !== "/")
      throw new Error(`unexpected STS host ${url.host}`);
    const q = url.searchParams;
    if (q.get("Action") !== "GetCallerIdentity") throw new Error("not a GetCallerIdentity request");
    const signed = (q.get("X-Amz-SignedHeaders") ?? "").split(";");
    if (!signed.includes("x-k8s-aws-id")) throw new Error("client did not sign the x-k8s-aws-id header");
    const answer = await fetch(url, {
      headers: { "x-k8s-aws-id": options.clusterName, accept: "application/xml" },
      signal: AbortSignal.timeout(10_000),
    });
    const text = await answer.text();
    if (answer.status !== 200) throw new Error(`sts GetCallerIdentity failed: ${answer.status} ${text}`);
    const arn = /<Arn>([^<]+)<\/Arn>/.exec(text)?.[1] ?? "";
    const m = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/.exec(arn);
    if (!m) throw new Error(`unexpected ARN ${arn}`);
    const roleArn = `arn:aws:iam::${m[1]}:role/${m[2]}`;
    const mapped = options.mapRoles[roleArn];
    if (!mapped) throw new Error(`ARN ${roleArn} is not mapped`);
    return { username: mapped.username, uid: `aws-iam-authenticator:${m[1]}:${m[3]}`, groups: mapped.groups };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let parsed: { apiVersion?: string; spec?: { token?: string } } = {};
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString()) as typeof parsed;
      } catch {
        // answered as unauthenticated below
      }
      const reply = (status: Record<string, unknown>) =>
        res.writeHead(200, { "content-type": "application/json" }).end(
          JSON.stringify({
            apiVersion: parsed.apiVersion ?? "authentication.k8s.io/v1",
            kind: "TokenReview",
            status,
          }),
        );
      review(parsed.spec?.token ?? "").then(
        (user) => {
          state.accepted++;
          reply({ authenticated: true, user });
        },
        (err: unknown) => {
          state.refusals.push((err as Error).message);
          reply({ authenticated: false, error: (err as Error).message });
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const configFile = path.join(options.dir, "aws-authenticator-webhook.yaml");
  fs.writeFileSync(
    configFile,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: aws-iam-authenticator",
      `  cluster: { server: "http://127.0.0.1:${port}/authenticate" }`,
      "users:",
      "- name: apiserver",
      "contexts:",
      "- name: webhook",
      "  context: { cluster: aws-iam-authenticator, user: apiserver }",
      "current-context: webhook",
      "",
    ].join("\n"),
  );
  return {
    configFile,
    get refusals() {
      return state.refusals;
    },
    get accepted() {
      return state.accepted;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
