/**
 * Kubeconfig files: written for the sandbox, and materialised from an Action
 * input (whose content is a secret) into a private temporary file.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stringify } from "yaml";

export function writeKubeconfig(
  file: string,
  options: { name: string; server: string; caFile: string; certFile: string; keyFile: string },
): void {
  const b64 = (f: string) => fs.readFileSync(f).toString("base64");
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: options.name,
        cluster: { server: options.server, "certificate-authority-data": b64(options.caFile) },
      },
    ],
    users: [
      {
        name: `${options.name}-admin`,
        user: { "client-certificate-data": b64(options.certFile), "client-key-data": b64(options.keyFile) },
      },
    ],
    contexts: [{ name: options.name, context: { cluster: options.name, user: `${options.name}-admin` } }],
    "current-context": options.name,
  };
  fs.writeFileSync(file, stringify(doc), { mode: 0o600 });
}

/**
 * Writes kubeconfig content to a file only the current user can read and
 * returns its path; the caller removes it when done.
 */
export function materializeKubeconfig(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-kubeconfig-"));
  const file = path.join(dir, "config");
  fs.writeFileSync(file, content, { mode: 0o600 });
  return file;
}
