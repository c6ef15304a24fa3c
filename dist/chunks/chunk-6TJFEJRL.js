import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  require_dist
} from "./chunk-XIQOQISJ.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/cluster/kubeconfig.ts
var import_yaml = __toESM(require_dist(), 1);
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
function writeKubeconfig(file, options) {
  const b64 = (f) => fs.readFileSync(f).toString("base64");
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: options.name,
        cluster: { server: options.server, "certificate-authority-data": b64(options.caFile) }
      }
    ],
    users: [
      {
        name: `${options.name}-admin`,
        user: { "client-certificate-data": b64(options.certFile), "client-key-data": b64(options.keyFile) }
      }
    ],
    contexts: [{ name: options.name, context: { cluster: options.name, user: `${options.name}-admin` } }],
    "current-context": options.name
  };
  fs.writeFileSync(file, (0, import_yaml.stringify)(doc), { mode: 384 });
}
function materializeKubeconfig(content) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-kubeconfig-"));
  const file = path.join(dir, "config");
  fs.writeFileSync(file, content, { mode: 384 });
  return file;
}

export {
  writeKubeconfig,
  materializeKubeconfig
};
