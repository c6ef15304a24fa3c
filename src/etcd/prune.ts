/** `etcd-prune`: applies the retention policy to the stored snapshots (dry-run shows the plan). */
import { defineCapability } from "../core/capability.ts";
import { ConfigurationError } from "../core/errors.ts";
import { newReport } from "../report/report.ts";
import { policyIsEmpty } from "../storage/retention.ts";
import { SnapshotStore } from "../storage/s3.ts";
import { listSnapshots, notUsedTable, prune, reportNotUsed, retentionTable } from "./catalog.ts";
import { maskSecrets, parsePruneConfig, pruneInputs, type PruneConfig } from "./config.ts";

export const etcdPrune = defineCapability<PruneConfig>({
  name: "etcd-prune",
  summary: "delete stored etcd snapshots by keep-last / max-age / daily-weekly-monthly tiers",
  description:
    "Delete stored etcd snapshots by keep-last, max-age and daily/weekly/monthly tiers (a snapshot any rule keeps stays); never deletes the newest verified snapshot.",
  inputs: pruneInputs,
  outputs: {
    deleted: "Snapshots deleted",
    kept: "Snapshots kept",
    "would-delete": "Snapshots the policy deletes (also in dry-run)",
  },
  parse(src) {
    const config = parsePruneConfig(src);
    if (policyIsEmpty(config.retention)) {
      throw new ConfigurationError(
        "etcd-prune needs a retention policy: give at least one of keep-last, max-age, keep-daily, keep-weekly, keep-monthly",
      );
    }
    return config;
  },
  async run(config, { logger }) {
    maskSecrets(logger, config);
    const store = await SnapshotStore.open(config.storage.s3);
    try {
      const { snapshots: all, notUsed } = await listSnapshots(store, config.storage);
      reportNotUsed(notUsed, logger);
      const result = await prune(store, all, config.retention, config.dryRun, logger);
      const report = newReport(
        config.dryRun ? "etcd snapshot retention (dry run)" : "etcd snapshot retention",
      );
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
    } finally {
      store.close();
    }
  },
});
