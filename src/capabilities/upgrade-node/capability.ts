/**
 * `upgrade-node`: one node (or one batch) through kubeadm's procedure, each
 * step gated on the one before: drain -> upgrade (ssh, pod or command
 * executor) -> gates -> uncordon (nodes/upgrade/phases.ts), under the
 * maintenance lock, resumable from the progress recorded on each node.
 */
import { defineCapability } from "../../config/capability.ts";
import { parseUpgradeNodeConfig, upgradeNodeInputs, type UpgradeNodeConfig } from "./config.ts";

export const upgradeNode = defineCapability<UpgradeNodeConfig>({
  name: "upgrade-node",
  summary: "upgrade a node (or batch): drain, run the upgrade, wait for the gates, uncordon; resumable",
  description:
    "Upgrade one node (or one batch), each stage a log section gated on the one before - checks (version skew, earlier failures, readiness), drain, upgrade (ssh, pod or command executor), wait until Ready at the target version with the gates passing, uncordon - under the cluster-wide maintenance lock. Progress is recorded on the node, so a re-run skips finished nodes and resumes the rest; a cancelled job records where it stopped and releases the lock.",
  inputs: upgradeNodeInputs,
  outputs: {
    evicted: "Pods evicted by the drain",
    skipped: "Comma-separated nodes skipped because they were already done",
    summary:
      "JSON per-node summary: node, role, kubelet before/after, pods evicted, drain time (drainMs), blockers, result",
  },
  positional: "node",
  parse: parseUpgradeNodeConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
