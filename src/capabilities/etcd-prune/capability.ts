/** `etcd-prune`: applies the retention policy to the stored snapshots (dry-run shows the plan). */
import { defineCapability } from "../../config/capability.ts";
import { parsePruneConfig, pruneInputs, type PruneConfig } from "./config.ts";

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
  parse: parsePruneConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
