import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  withStore
} from "./chunk-PWR5CW3N.js";
import {
  listSnapshots,
  prune,
  retentionTable
} from "./chunk-M3DTDVVU.js";
import "./chunk-SMBKSNSB.js";
import "./chunk-PVDS6EV4.js";
import "./chunk-KPFWZQ3H.js";
import "./chunk-CUEAIB3U.js";
import "./chunk-PX5CEPUL.js";
import "./chunk-RFV4WAL7.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-T4ZVIX6G.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-prune/run.ts
function run(config, { logger }) {
  return withStore(config.storage, logger, async (store) => {
    const all = await listSnapshots(store, config.storage);
    const result = await prune(store, all, config.retention, config.dryRun, logger);
    const report = newReport(config.dryRun ? "etcd snapshot retention (dry run)" : "etcd snapshot retention");
    const doomed = result.decisions.filter((d) => !d.keep).length;
    report.facts.push(
      ["Snapshots", String(all.length)],
      [config.dryRun ? "Would delete" : "Deleted", String(config.dryRun ? doomed : result.deleted.length)]
    );
    report.tables.push(retentionTable(result.decisions, config.dryRun));
    return {
      outputs: { deleted: result.deleted.length, kept: all.length - doomed, "would-delete": doomed },
      report
    };
  });
}
export {
  run
};
