/**
 * Kubeconfigs for a sandbox other than its admin one: a ServiceAccount's
 * (for the minimal-RBAC tests) and the admin's with its cluster entry changed
 * (for the proxy tests).
 */
import fs from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import type { SandboxFixture } from "./sandbox.ts";

/** The kubeconfig (YAML text) of a ServiceAccount, with a one-hour TokenRequest token. */
export async function serviceAccountKubeconfig(
  fx: SandboxFixture,
  namespace: string,
  name: string,
): Promise<string> {
  const token = await fx.client.post<{ status: { token: string } }>(
    `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", spec: { expirationSeconds: 3600 } },
  );
  const ca = fs.readFileSync(fx.sandbox.pki.ca.cert).toString("base64");
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "sb", cluster: { server: fx.sandbox.info.server, "certificate-authority-data": ca } }],
    users: [{ name, user: { token: token.status.token } }],
    contexts: [{ name: "sb", context: { cluster: "sb", user: name } }],
    "current-context": "sb",
  });
}

/** The admin kubeconfig (YAML text) with `changes` merged into its cluster entry. */
export function kubeconfigWith(fx: SandboxFixture, changes: Record<string, unknown>): string {
  const doc = parse(fs.readFileSync(fx.sandbox.kubeconfig, "utf8")) as {
    clusters: { cluster: Record<string, unknown> }[];
  };
  for (const c of doc.clusters) Object.assign(c.cluster, changes);
  return stringify(doc);
}

/** Writes a kubeconfig next to the sandbox's own (private: it holds credentials) and returns its path. */
export function writeKubeconfig(fx: SandboxFixture, name: string, text: string): string {
  const file = path.join(path.dirname(fx.sandbox.kubeconfig), name);
  fs.writeFileSync(file, text, { mode: 0o600 });
  return file;
}
