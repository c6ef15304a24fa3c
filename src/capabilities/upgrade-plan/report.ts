/** upgrade-plan's outputs (the job matrices) and report, from the plan and the preflight. */
import type { Result } from "../../config/capability.ts";
import type { BatchPreflight } from "../../nodes/drain-preflight.ts";
import type { MatrixEntry, UpgradePlan } from "../../nodes/plan.ts";
import { isNodeReady, type Node } from "../../nodes/types.ts";
import { newReport } from "../../report/report.ts";
import type { ReplaceRecord } from "../../nodes/replace/record.ts";

/** executor replace: the pool's nodes whose Node is gone and whose replacement is unfinished, or why they are unknown. */
export interface GoneNodes {
  records: ReplaceRecord[];
  unread?: string;
}

const matrix = (entries: MatrixEntry[]) => JSON.stringify({ include: entries });

export function planResult(
  serverVersion: string,
  plan: UpgradePlan,
  nodes: Node[],
  checks: BatchPreflight[],
  gone: GoneNodes = { records: [] },
): Result {
  const batches = [...plan.controlPlane, ...plan.workers];
  const report = newReport(`Upgrade plan to ${plan.target}`);
  report.facts.push(
    ["API server", serverVersion],
    ["Target", plan.target],
    ["Control-plane jobs", String(plan.controlPlane.length)],
    ["Worker batches", String(plan.workers.length)],
    ["Already at target", plan.upToDate.join(", ") || "none"],
  );
  const byBatch = new Map(checks.map((c) => [c.batch, c]));
  report.tables.push({
    header: ["batch", "nodes", "kubeadm", "kubelet now", "pods to evict", "preflight"],
    rows: batches.map((b) => {
      const c = byBatch.get(b.batch);
      return [
        b.batch,
        b.node,
        `upgrade ${b.kubeadm}`,
        b.node
          .split(",")
          .map((n) => {
            const r = gone.records.find((x) => x.node === n);
            if (r)
              return `gone, replacement ${r.state === "failed" ? "FAILED" : "unfinished"} (was ${r.from})`;
            return nodes.find((x) => x.metadata.name === n)?.status?.nodeInfo?.kubeletVersion ?? "?";
          })
          .join(", "),
        c ? String(c.pods) : "",
        c
          ? c.ok
            ? "ok" + (c.waits.length ? ` (${c.waits.join("; ")})` : "")
            : `BLOCKED: ${c.problems.join("; ")}`
          : "",
      ];
    }),
  });
  report.notes.push(...plan.notes, ...plan.errors.map((e) => `version skew: ${e}`));
  for (const r of gone.records)
    report.notes.push(
      `${r.node}: its Node is gone and its replacement${r.replacement ? ` (${r.replacement})` : ""} is unfinished: ${r.state}${r.detail ? `: ${r.detail.slice(0, 300)}` : ""}. Its job comes first: upgrade-node resumes it (waits for the replacement) or fails again with what happened; no other node of the pool is touched until it is finished`,
    );
  if (gone.unread) report.notes.push(gone.unread);
  const notReady = nodes.filter((n) => !isNodeReady(n)).map((n) => n.metadata.name);
  if (notReady.length) report.notes.push(`nodes not Ready now: ${notReady.join(", ")}`);
  return {
    outputs: {
      "target-version": plan.target,
      matrix: matrix(batches),
      "control-plane-matrix": matrix(plan.controlPlane),
      "worker-matrix": matrix(plan.workers),
      "has-control-plane-work": plan.controlPlane.length > 0,
      "has-worker-work": plan.workers.length > 0,
      "up-to-date": plan.upToDate.join(","),
      preflight: JSON.stringify(checks),
    },
    report,
  };
}
