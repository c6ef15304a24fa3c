import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  markVerified,
  resolveKey,
  verifyStored
} from "./chunk-VSOUHU74.js";
import "./chunk-6EQQZ7XH.js";
import "./chunk-IZQS6OXE.js";
import {
  withStore
} from "./chunk-A45PUICA.js";
import "./chunk-YFTWI7CJ.js";
import "./chunk-USUH4Q42.js";
import "./chunk-SMBKSNSB.js";
import "./chunk-MINQNAAS.js";
import "./chunk-VGEDGZPT.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-OB3FCZHL.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-3NY4DX7F.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import {
  formatBytes,
  formatDuration
} from "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-verify/run.ts
function run(config, { logger }) {
  const started = Date.now();
  return withStore(config.storage, logger, async (store) => {
    const snap = await resolveKey(store, config.storage, config.key, logger);
    const v = await logger.group(
      `verify ${snap.key}`,
      () => verifyStored(store, config.storage, snap, logger)
    );
    if (snap.metadata)
      await markVerified(store, snap.metadata, config.storage.encryptionKey, snap.unauthenticated);
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
  });
}
export {
  run
};
