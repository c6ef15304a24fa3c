import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  listSnapshots,
  notUsedTable,
  prune,
  reportNotUsed,
  retentionTable
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
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-prune/run.ts
function run(config, { logger }) {
  return withStore(config.storage, logger, async (store) => {
    const { snapshots: all, notUsed } = await listSnapshots(store, config.storage);
    reportNotUsed(notUsed, logger);
    const result = await prune(store, all, config.retention, config.dryRun, logger);
    const report = newReport(config.dryRun ? "etcd snapshot retention (dry run)" : "etcd snapshot retention");
    const doomed = result.decisions.filter((d) => !d.keep).length;
    report.facts.push(
      ["Snapshots", String(all.length)],
      [config.dryRun ? "Would delete" : "Deleted", String(config.dryRun ? doomed : result.deleted.length)]
    );
    if (result.locked.length) report.facts.push(["Held by Object Lock", String(result.locked.length)]);
    report.tables.push(retentionTable(result.decisions, config.dryRun, result.locked));
    if (notUsed.length) report.tables.push(notUsedTable(notUsed));
    return {
      outputs: { deleted: result.deleted.length, kept: all.length - doomed, "would-delete": doomed },
      report
    };
  });
}
export {
  run
};
