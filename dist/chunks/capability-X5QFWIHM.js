import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parseStorage,
  snapshotKeyInputs,
  storageInputs
} from "./chunk-MINQNAAS.js";
import "./chunk-VGEDGZPT.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import {
  readInputs
} from "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-verify/config.ts
var verifyInputs = { ...storageInputs, ...snapshotKeyInputs };
function parseVerifyConfig(src) {
  const key = readInputs(snapshotKeyInputs, src).key;
  return { storage: parseStorage(src), ...key ? { key } : {} };
}

// src/capabilities/etcd-verify/capability.ts
var etcdVerify = defineCapability({
  name: "etcd-verify",
  summary: "download a stored etcd snapshot and check its sha256, size and bolt structure",
  description: "Download a stored etcd snapshot (the newest by default), decrypt and decompress it as a stream, and check etcd's sha256 trailer, the recorded size and hash, and the bolt file's structure.",
  inputs: verifyInputs,
  outputs: {
    key: "Object key checked",
    sha256: "sha256 of the database",
    "db-size": "Bytes of the database",
    verified: "true"
  },
  parse: parseVerifyConfig,
  run: async (config, ctx) => (await import("./run-JKWZPRKY.js")).run(config, ctx)
});
export {
  etcdVerify
};
