/** export's outputs and report, from the export's outcome (the report's tables: export/outcome.ts). */
import type { Result } from "../../config/capability.ts";
import { buildReport, exportedCount, type Outcome } from "../../export/outcome.ts";

export function exportResult(outcome: Outcome): Result {
  const c = outcome.changes;
  return {
    outputs: {
      changed: c.total > 0 || c.indexChanged,
      path: outcome.path,
      objects: exportedCount(outcome),
      kinds: outcome.kinds.filter((k) => k.status === "exported").length,
      added: c.count.added,
      modified: c.count.changed,
      removed: c.count.removed,
      "skipped-kinds": outcome.kinds.filter((k) => k.status === "skipped" || k.status === "failed").length,
      risky: c.risky.length,
    },
    report: buildReport(outcome),
  };
}
