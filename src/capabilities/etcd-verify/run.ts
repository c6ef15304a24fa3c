/** etcd-verify's run: resolves the key, verifies the stored copy and records that it was verified. */
import type { Result, RunContext } from "../../config/capability.ts";
import { formatBytes, formatDuration } from "../../core/units.ts";
import { markVerified, resolveKey, verifyStored } from "../../etcd/catalog.ts";
import { newReport } from "../../report/report.ts";
import { withStore } from "../../storage/with-store.ts";
import type { VerifyConfig } from "./config.ts";

export function run(config: VerifyConfig, { logger }: RunContext): Promise<Result> {
  const started = Date.now();
  return withStore(config.storage, logger, async (store) => {
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
  });
}
