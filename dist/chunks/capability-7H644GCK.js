import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parseStorage,
  snapshotKeyInputs,
  storageInputs
} from "./chunk-E7ZC5TRH.js";
import "./chunk-VGEDGZPT.js";
import "./chunk-RFV4WAL7.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-7GSFTKQ3.js";
import {
  input,
  readInputs
} from "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-restore/config.ts
var restoreInputs = {
  ...storageInputs,
  ...snapshotKeyInputs,
  output: input.string({ description: "Where to write the .db file.", default: "etcd-snapshot.db" }),
  "data-dir": input.string({
    description: "Data dir for the restored member.",
    default: "/var/lib/etcd-restored"
  }),
  "run-restore": input.boolean({
    description: "Run etcdutl snapshot restore into data-dir (must not exist or be empty). When false, only print the commands.",
    default: false
  }),
  etcdutl: input.string({ description: "etcdutl to run (a name on PATH or a path).", default: "etcdutl" }),
  "etcdutl-timeout": input.duration({
    description: "How long etcdutl snapshot restore may run; at the deadline its process group is ended (SIGTERM, then SIGKILL) and the restore fails, leaving data-dir to be removed.",
    default: "30m"
  }),
  "member-name": input.string({ description: "etcdutl --name." }),
  "initial-cluster": input.string({ description: "etcdutl --initial-cluster." }),
  "initial-advertise-peer-urls": input.string({ description: "etcdutl --initial-advertise-peer-urls." })
};
function parseRestoreConfig(src) {
  const v = readInputs(restoreInputs, src);
  return {
    storage: parseStorage(src),
    ...v.key ? { key: v.key } : {},
    output: v.output,
    dataDir: v["data-dir"],
    run: v["run-restore"],
    etcdutl: v.etcdutl,
    etcdutlTimeoutMs: v["etcdutl-timeout"],
    ...v["member-name"] !== void 0 ? { memberName: v["member-name"] } : {},
    ...v["initial-cluster"] !== void 0 ? { initialCluster: v["initial-cluster"] } : {},
    ...v["initial-advertise-peer-urls"] !== void 0 ? { peerUrls: v["initial-advertise-peer-urls"] } : {}
  };
}

// src/capabilities/etcd-restore/capability.ts
var etcdRestore = defineCapability({
  name: "etcd-restore",
  summary: "download, verify, decrypt and decompress a stored etcd snapshot; print or run the restore",
  description: "Download a stored etcd snapshot, verify, decrypt and decompress it to a .db file, and print the kubeadm restore commands, or run etcdutl snapshot restore into a new data dir.",
  inputs: restoreInputs,
  outputs: {
    key: "Object key restored",
    file: "Path of the .db file",
    sha256: "sha256 of the database",
    "db-size": "Bytes of the database",
    "data-dir": "The restored data dir when run-restore was true"
  },
  parse: parseRestoreConfig,
  run: async (config, ctx) => (await import("./run-WYSX2ZM3.js")).run(config, ctx)
});
export {
  etcdRestore
};
