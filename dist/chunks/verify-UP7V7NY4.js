import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  SnapshotStore,
  markVerified,
  maskSecrets,
  parseVerifyConfig,
  resolveKey,
  verifyInputs,
  verifyStored
} from "./chunk-KUKKODUN.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-YBLN4ZAO.js";
import "./chunk-A2QQ3WGS.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  defineCapability
} from "./chunk-XLC3HNET.js";
import "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import {
  formatBytes,
  formatDuration
} from "./chunk-T4ZVIX6G.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/etcd/verify.ts
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
  async run(config, { logger }) {
    maskSecrets(logger, config);
    const started = Date.now();
    const store = await SnapshotStore.open(config.storage.s3);
    try {
      const snap = await resolveKey(store, config.storage, config.key, logger);
      const v = await logger.group(
        `verify ${snap.key}`,
        () => verifyStored(store, config.storage, snap, logger)
      );
      if (snap.metadata) await markVerified(store, snap.metadata);
      const report = newReport("etcd snapshot verified");
      report.facts.push(
        ["Snapshot", `s3://${config.storage.s3.bucket}/${snap.key}`],
        ["Database", `${formatBytes(v.dbSize)}, sha256 ${v.sha256} (trailer matches)`],
        [
          "Metadata",
          snap.metadata ? "sha256 and size match the sidecar" : "no sidecar: trailer and structure only"
        ],
        ["Revision", String(v.revision)],
        ["Bolt", `${v.bolt.highWaterPage} pages of ${v.bolt.pageSize} bytes, txid ${v.bolt.txid}`],
        ["Duration", formatDuration(Date.now() - started)]
      );
      return { outputs: { key: snap.key, sha256: v.sha256, "db-size": v.dbSize, verified: true }, report };
    } finally {
      store.close();
    }
  }
});
export {
  etcdVerify
};
