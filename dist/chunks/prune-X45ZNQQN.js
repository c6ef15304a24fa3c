import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  SnapshotStore,
  listSnapshots,
  maskSecrets,
  parsePruneConfig,
  policyIsEmpty,
  prune,
  pruneInputs,
  retentionTable
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
import "./chunk-T4ZVIX6G.js";
import {
  ConfigurationError
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/etcd/prune.ts
var etcdPrune = defineCapability({
  name: "etcd-prune",
  summary: "delete stored etcd snapshots by keep-last / max-age / daily-weekly-monthly tiers",
  description: "Delete stored etcd snapshots by keep-last, max-age and daily/weekly/monthly tiers (a snapshot any rule keeps stays); never deletes the newest verified snapshot.",
  inputs: pruneInputs,
  outputs: {
    deleted: "Snapshots deleted",
    kept: "Snapshots kept",
    "would-delete": "Snapshots the policy deletes (also in dry-run)"
  },
  parse(src) {
    const config = parsePruneConfig(src);
    if (policyIsEmpty(config.retention)) {
      throw new ConfigurationError(
        "etcd-prune needs a retention policy: give at least one of keep-last, max-age, keep-daily, keep-weekly, keep-monthly"
      );
    }
    return config;
  },
  async run(config, { logger }) {
    maskSecrets(logger, config);
    const store = await SnapshotStore.open(config.storage.s3);
    try {
      const all = await listSnapshots(store, config.storage);
      const result = await prune(store, all, config.retention, config.dryRun, logger);
      const report = newReport(
        config.dryRun ? "etcd snapshot retention (dry run)" : "etcd snapshot retention"
      );
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
    } finally {
      store.close();
    }
  }
});
export {
  etcdPrune
};
