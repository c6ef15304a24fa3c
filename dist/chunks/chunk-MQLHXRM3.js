import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  SnapshotStore,
  markVerified,
  maskSecrets,
  parseVerifyConfig,
  resolveKey,
  verifyStored
} from "./chunk-T3YJGVU5.js";
import {
  formatBytes,
  formatDuration
} from "./chunk-T4ZVIX6G.js";
import {
  defineCapability
} from "./chunk-NU5444CJ.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";

// src/etcd/verify.ts
var etcdVerify = defineCapability({
  name: "etcd-verify",
  summary: "download a stored etcd snapshot and check its sha256, size and bolt structure",
  parse: parseVerifyConfig,
  async run(config, { logger }) {
    maskSecrets(logger, config);
    const started = Date.now();
    const store = new SnapshotStore(config.storage.s3);
    try {
      const snap = await resolveKey(store, config.storage, config.key);
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
