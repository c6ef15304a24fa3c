/** etcd-prune's run: lists the snapshots and applies the policy. */
import type { Result, RunContext } from "../../config/capability.ts";
import { listSnapshots, notUsedTable, prune, reportNotUsed, retentionTable } from "../../etcd/catalog.ts";
import { newReport } from "../../report/report.ts";
import { withStore } from "../../storage/with-store.ts";
import type { PruneConfig } from "./config.ts";

export function run(config: PruneConfig, { logger }: RunContext): Promise<Result> {
  return withStore(config.storage, logger, async (store) => {
    const { snapshots: all, notUsed } = await listSnapshots(store, config.storage);
    reportNotUsed(notUsed, logger);
    const result = await prune(store, all, config.retention, config.dryRun, logger);
    const report = newReport(config.dryRun ? "etcd snapshot retention (dry run)" : "etcd snapshot retention");
    const doomed = result.decisions.filter((d) => !d.keep).length;
    report.facts.push(
      ["Snapshots", String(all.length)],
      [config.dryRun ? "Would delete" : "Deleted", String(config.dryRun ? doomed : result.deleted.length)],
    );
    if (result.locked.length) report.facts.push(["Held by Object Lock", String(result.locked.length)]);
    report.tables.push(retentionTable(result.decisions, config.dryRun, result.locked));
    if (notUsed.length) report.tables.push(notUsedTable(notUsed));
    return {
      outputs: { deleted: result.deleted.length, kept: all.length - doomed, "would-delete": doomed },
      report,
    };
  });
}
