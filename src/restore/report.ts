/**
 * The plan (and what the apply did) for people: a job summary / terminal
 * report with counts, one row per object that changes or could not, and the
 * changed fields; and the plan file (JSON) for tools. Neither ever holds a
 * Secret's value: diffs of Secrets name keys only (diff.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { newReport, type Report } from "../report/report.ts";
import type { ApplyOutcome } from "./execute.ts";
import type { Plan, PlanItem, PruneCandidate } from "./plan.ts";
import { writeFileAtomic } from "../core/files.ts";

export interface Counts {
  create: number;
  update: number;
  unchanged: number;
  conflict: number;
  skipped: number;
  error: number;
  prune: number;
}

export function countPlan(plan: Plan): Counts {
  const c: Counts = {
    create: 0,
    update: 0,
    unchanged: 0,
    conflict: 0,
    skipped: 0,
    error: 0,
    prune: plan.prune.length,
  };
  for (const i of plan.items) c[i.action]++;
  return c;
}

const id = (i: PlanItem) =>
  `${i.t.kindKey.replace(/^core\//, "")} ${i.t.namespace ? `${i.t.namespace}/` : ""}${i.t.name}`;
const pruneId = (c: PruneCandidate) =>
  `${c.rt.group ? `${c.rt.group}/` : ""}${c.rt.kind} ${c.namespace ? `${c.namespace}/` : ""}${c.name}`;

/** At most this many rows per table: a 10k-object create is summed up, not listed. */
const MAX_ROWS = 200;

export function changeText(i: PlanItem): string {
  const fields = (i.changes ?? []).map((c) => `${c.path}: ${c.from ?? "(none)"} → ${c.to ?? "(none)"}`);
  return [...(i.reason ? [i.reason] : []), ...fields].join("; ");
}

export function buildReport(
  source: string,
  mode: string,
  plan: Plan,
  planFile: string,
  pruneAsked: boolean,
  outcome?: ApplyOutcome,
): Report {
  const c = countPlan(plan);
  const report = newReport(mode === "apply" ? `Apply of ${source}` : `Plan for ${source}`);
  report.facts.push(
    ["Create", String(c.create)],
    ["Update", String(c.update)],
    ["Unchanged", String(c.unchanged)],
    ["Conflicts", String(c.conflict)],
    ["Skipped (redacted values not given)", String(c.skipped)],
    ["Errors", String(c.error)],
    [
      "Prune",
      pruneAsked ? String(c.prune) : "off (prune: true lists and deletes objects absent from the tree)",
    ],
    ["Plan file", planFile],
  );
  if (plan.unselected) report.facts.push(["Left out by the selection", String(plan.unselected)]);
  if (outcome)
    report.facts.push(
      ["Applied", String(outcome.applied.length)],
      ["Never applied", String(outcome.failed.length)],
      ["Pruned", String(outcome.pruned.length)],
    );
  const rows = plan.items
    .filter((i) => i.action !== "unchanged")
    .map((i) => [i.action, id(i), changeText(i)]);
  for (const p of plan.prune) rows.push(["prune", pruneId(p), "absent from the tree"]);
  if (rows.length)
    report.tables.push({
      caption: "Plan",
      header: ["action", "object", "details"],
      rows: rows.slice(0, MAX_ROWS),
    });
  if (rows.length > MAX_ROWS)
    report.notes.push(`${rows.length - MAX_ROWS} more rows in the plan file ${planFile}`);
  if (outcome?.failed.length)
    report.tables.push({
      caption: "Never applied",
      header: ["object", "why"],
      rows: outcome.failed.slice(0, MAX_ROWS).map((f) => [id(f.item), f.reason]),
    });
  if (outcome?.pruneFailed.length)
    report.tables.push({
      caption: "Not pruned",
      header: ["object", "why"],
      rows: outcome.pruneFailed.map((f) => [pruneId(f.c), f.reason]),
    });
  if (c.conflict && mode === "apply")
    report.notes.push(
      "Conflicts are not applied: fix them, or set force-conflicts to take fields over from other field managers.",
    );
  return report;
}

export function writePlanFile(file: string, plan: Plan): void {
  const doc = {
    counts: countPlan(plan),
    items: plan.items
      .filter((i) => i.action !== "unchanged")
      .map((i) => ({
        action: i.action,
        file: i.t.file,
        apiVersion: i.t.apiVersion,
        kind: i.t.kind,
        ...(i.t.namespace ? { namespace: i.t.namespace } : {}),
        name: i.t.name,
        ...(i.reason ? { reason: i.reason } : {}),
        ...(i.changes ? { changes: i.changes } : {}),
      })),
    prune: plan.prune.map((p) => ({
      apiVersion: p.rt.group ? `${p.rt.group}/${p.rt.version}` : p.rt.version,
      kind: p.rt.kind,
      ...(p.namespace ? { namespace: p.namespace } : {}),
      name: p.name,
    })),
  };
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileAtomic(path.resolve(file), JSON.stringify(doc, null, 2) + "\n");
}
