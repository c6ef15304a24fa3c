/** upgrade-node's outputs and report: a line per node, from the state machine's rows. */
import type { Result } from "../../config/capability.ts";
import { formatDuration } from "../../core/units.ts";
import type { NodeUpgrade } from "../../nodes/upgrade/phases.ts";
import { newReport } from "../../report/report.ts";
import type { UpgradeNodeConfig } from "./config.ts";

export function upgradeResult(config: UpgradeNodeConfig, job: NodeUpgrade): Result {
  const rows = [...job.rows.values()];
  const report = newReport(
    `Upgrade to ${config.target}: ${config.step === "all" ? "node" : `${config.step} step`}`,
  );
  report.facts.push(["Nodes", config.nodes.join(", ")], ["Step", config.step]);
  report.tables.push({
    header: [
      "node",
      "role",
      "kubelet before",
      "kubelet after",
      "pods evicted",
      "drain time",
      "blockers",
      "result",
    ],
    rows: rows.map((r) => [
      r.node,
      r.role,
      r.before,
      r.after,
      r.evicted === undefined ? "" : String(r.evicted),
      r.drainMs === undefined ? "" : formatDuration(r.drainMs),
      r.blockers ?? "",
      r.result,
    ]),
  });
  return {
    // Exactly the outputs actions/upgrade-node/action.yml declares (a test holds them together).
    outputs: {
      skipped: rows
        .filter((r) => !job.active.includes(r.node))
        .map((r) => r.node)
        .join(","),
      evicted: rows.reduce((n, r) => n + (r.evicted ?? 0), 0),
      summary: JSON.stringify(rows),
    },
    report,
  };
}
