/** `etcd-verify`: downloads a stored snapshot (the newest by default) and checks it end to end. */
import { defineCapability } from "../core/capability.ts";
import { formatBytes, formatDuration } from "../core/units.ts";
import { newReport } from "../report/report.ts";
import { SnapshotStore } from "../storage/s3.ts";
import { markVerified, resolveKey, verifyStored } from "./catalog.ts";
import { maskSecrets, parseVerifyConfig, type VerifyConfig, verifyInputs } from "./config.ts";

export const etcdVerify = defineCapability<VerifyConfig>({
  name: "etcd-verify",
  summary: "download a stored etcd snapshot and check its sha256, size and bolt structure",
  description:
    "Download a stored etcd snapshot (the newest by default), decrypt and decompress it as a stream, and check etcd's sha256 trailer, the recorded size and hash, and the bolt file's structure.",
  inputs: verifyInputs,
  outputs: {
    key: "Object key checked",
    sha256: "sha256 of the database",
    "db-size": "Bytes of the database",
    verified: "true",
  },
  parse: parseVerifyConfig,
  async run(config, { logger }) {
    maskSecrets(logger, config);
    const started = Date.now();
    const store = await SnapshotStore.open(config.storage.s3);
    try {
      const snap = await resolveKey(store, config.storage, config.key, logger);
      const v = await logger.group(`verify ${snap.key}`, () =>
        verifyStored(store, config.storage, snap, logger),
      );
      if (snap.metadata)
        await markVerified(store, snap.metadata, config.storage.encryptionKey, snap.unauthenticated);
      const report = newReport("etcd snapshot verified");
      report.facts.push(
        ["Snapshot", `s3://${config.storage.s3.bucket}/${snap.key}`],
        ["Database", `${formatBytes(v.dbSize)}, sha256 ${v.sha256} (trailer matches)`],
        [
          "Metadata",
          snap.metadata ? "sha256 and size match the sidecar" : "no sidecar: trailer and structure only",
        ],
        ["Revision", String(v.revision)],
        ["Bolt", `${v.bolt.highWaterPage} pages of ${v.bolt.pageSize} bytes, txid ${v.bolt.txid}`],
        ["Duration", formatDuration(Date.now() - started)],
      );
      return { outputs: { key: snap.key, sha256: v.sha256, "db-size": v.dbSize, verified: true }, report };
    } finally {
      store.close();
    }
  },
});
