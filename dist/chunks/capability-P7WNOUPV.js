import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parseRetention,
  retentionInputs
} from "./chunk-6YGZH5QO.js";
import {
  etcdAccessInputs,
  parseEtcdAccess
} from "./chunk-TC45NO27.js";
import {
  COMPRESSIONS
} from "./chunk-SMBKSNSB.js";
import {
  parseStorage,
  storageInputs
} from "./chunk-MINQNAAS.js";
import "./chunk-VGEDGZPT.js";
import "./chunk-422FMMWY.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import {
  ConfigurationError
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/storage/object-lock-config.ts
var objectLockInputs = {
  "object-lock-mode": input.enum(["none", "GOVERNANCE", "COMPLIANCE"], {
    description: "Object Lock retention of every object written (snapshot and sidecar) on a bucket created with Object Lock: GOVERNANCE (users with s3:BypassGovernanceRetention may still delete) or COMPLIANCE (nobody can, until it ends). none: the bucket's default retention, if any.",
    default: "none"
  }),
  "object-lock-retain": input.duration({
    description: "How long each object is retained with object-lock-mode (e.g. 30d).",
    min: "1m"
  })
};
function parseObjectLock(src) {
  const v = readInputs(objectLockInputs, src);
  const mode = v["object-lock-mode"];
  const retainMs = v["object-lock-retain"];
  if (mode === "none") {
    if (retainMs !== void 0)
      throw new ConfigurationError(
        "input 'object-lock-retain' needs object-lock-mode: GOVERNANCE or COMPLIANCE"
      );
    return void 0;
  }
  if (retainMs === void 0)
    throw new ConfigurationError(
      `input 'object-lock-mode': ${mode} needs object-lock-retain, how long each object is retained (e.g. 30d)`
    );
  return { mode, retainMs };
}

// src/capabilities/etcd-snapshot/config.ts
var snapshotInputs = {
  ...etcdAccessInputs,
  ...storageInputs,
  compression: input.enum(COMPRESSIONS, {
    description: "zstd, gzip or none. zstd falls back to gzip on runtimes without it.",
    default: "zstd"
  }),
  verify: input.boolean({
    description: "After the upload, download the snapshot and check its sha256, size and bolt structure. Retention only prunes after a successful verify.",
    default: true
  }),
  "verify-hashkv": input.boolean({
    description: "Also recompute etcd's HashKV from the downloaded snapshot and compare it with the live member's HashKV at the snapshot's revision (a mismatch fails the run). Needs temporary disk space for the database.",
    default: false
  }),
  ...objectLockInputs,
  ...retentionInputs
};
function parseSnapshotConfig(src) {
  const v = readInputs(snapshotInputs, src);
  if (v["verify-hashkv"] && !v.verify) {
    throw new ConfigurationError("input 'verify-hashkv' needs verify: true (it checks the downloaded copy)");
  }
  const storage = parseStorage(src);
  const objectLock = parseObjectLock(src);
  return {
    etcd: parseEtcdAccess(src),
    storage: objectLock ? { ...storage, s3: { ...storage.s3, objectLock } } : storage,
    compression: v.compression,
    verify: v.verify,
    verifyHashKV: v["verify-hashkv"],
    retention: parseRetention(src),
    dryRun: v["dry-run"]
  };
}

// src/capabilities/etcd-snapshot/capability.ts
var etcdSnapshot = defineCapability({
  name: "etcd-snapshot",
  summary: "snapshot etcd over gRPC (mTLS), stream it compressed/encrypted to S3, verify, prune",
  description: "Snapshot etcd over its gRPC API (mTLS), directly or by port-forward through the Kubernetes API, and stream it (checked against etcd's sha256 trailer and size, zstd-compressed, optionally encrypted) into an S3 multipart upload with bounded memory; record metadata, verify the stored copy and prune by retention policy.",
  inputs: snapshotInputs,
  outputs: {
    key: "Object key of the snapshot",
    uri: "s3:// URI of the snapshot",
    size: "Bytes stored (after compression and encryption)",
    "db-size": "Bytes of the etcd database",
    sha256: "sha256 of the database (etcd's trailer)",
    revision: "etcd revision when the snapshot started",
    "etcd-version": "etcd server version",
    verified: "true when the stored copy was verified",
    hashkv: "match when verify-hashkv compared the snapshot's HashKV with the live member's, not-comparable when a compaction intervened, empty otherwise",
    duration: "Seconds the snapshot and upload took",
    deleted: "Snapshots deleted by retention"
  },
  parse: parseSnapshotConfig,
  run: async (config, ctx) => (await import("./run-RBQFDJPD.js")).run(config, ctx)
});
export {
  etcdSnapshot
};
