import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  listSnapshots,
  notUsedTable,
  reportNotUsed
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
  formatBytes
} from "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-list/run.ts
function run(config, { logger }) {
  return withStore(config.storage, logger, async (store) => {
    const { snapshots: all, notUsed } = await listSnapshots(store, config.storage);
    reportNotUsed(notUsed, logger);
    const report = newReport(`etcd snapshots of ${config.storage.clusterName}`);
    report.facts.push(
      [
        "Location",
        `s3://${config.storage.s3.bucket}/${config.storage.s3.prefix}${config.storage.clusterName}/`
      ],
      ["Snapshots", String(all.length)],
      ...notUsed.length ? [["Not used", `${notUsed.length} (see below)`]] : []
    );
    report.tables.push({
      header: ["snapshot", "taken (UTC)", "stored", "database", "revision", "etcd", "verified"],
      rows: all.map((s) => [
        s.key.slice(s.key.lastIndexOf("/") + 1),
        s.time.toISOString().replace(".000Z", "Z"),
        formatBytes(s.size),
        s.metadata ? formatBytes(s.metadata.dbSize) : "?",
        s.metadata ? String(s.metadata.revision) : "?",
        s.metadata?.etcdVersion ?? "?",
        s.metadata ? s.metadata.verified ? "yes" : "no" : "INCOMPLETE (no metadata)"
      ])
    });
    if (notUsed.length) report.tables.push(notUsedTable(notUsed));
    logger.info(`${all.length} snapshots`);
    return { outputs: { count: all.length, key: all[0]?.key ?? "" }, report };
  });
}
export {
  run
};
