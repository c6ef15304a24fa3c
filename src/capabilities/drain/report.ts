/** drain's outputs and report, from each node's outcome. */
import { formatDuration } from "../../core/units.ts";
import { blockerSummary, type DrainOutcome } from "../../nodes/drain-batch.ts";
import { newReport, type Report } from "../../report/report.ts";

export function drainReport(outcomes: DrainOutcome[]): Report {
  const report = newReport("Drain");
  const ok = outcomes.filter((o) => !o.error).length;
  report.facts.push(
    ["Nodes drained", `${ok} of ${outcomes.length}`],
    ["Pods evicted", String(outcomes.reduce((n, o) => n + (o.result?.evicted.length ?? 0), 0))],
  );
  report.tables.push({
    header: ["node", "result", "pods evicted", "skipped", "drain time", "blockers"],
    rows: outcomes.map((o) => [
      o.node,
      o.error ? "FAILED" : o.result?.cordonedByOthers ? "drained (was cordoned before)" : "drained",
      String(
        (o.result?.evicted.length ?? 0) +
          (o.result?.deleted.length ? ` (${o.result.deleted.length} deleted)` : ""),
      ),
      String(o.result?.skipped.length ?? 0),
      o.result ? formatDuration(o.result.durationMs) : "",
      blockerSummary(o.result),
    ]),
  });
  for (const o of outcomes) if (o.error) report.notes.push(`${o.node}: ${o.error}`);
  return report;
}

export function drainOutputs(outcomes: DrainOutcome[]): Record<string, string | number> {
  return {
    "drained-nodes": outcomes
      .filter((o) => !o.error)
      .map((o) => o.node)
      .join(","),
    evicted: outcomes.reduce((n, o) => n + (o.result?.evicted.length ?? 0), 0),
    "duration-seconds": Math.max(0, ...outcomes.map((o) => (o.result?.durationMs ?? 0) / 1000)).toFixed(1),
    blockers: JSON.stringify(outcomes.flatMap((o) => o.result?.blockers ?? [])),
  };
}
