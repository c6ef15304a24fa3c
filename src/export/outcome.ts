/**
 * What one export run did, per kind, and the two views of it: the index file
 * kept in the tree (stable: no times, so an unchanged cluster gives the same
 * bytes) and the job summary / terminal report.
 */
import { newReport, type Report } from "../report/report.ts";
import { formatDuration } from "../core/units.ts";
import type { ChangeSet } from "./diff.ts";
import type { Discovery } from "./discovery.ts";
import { groupVersion, resourceId, type ResourceType } from "./resource-type.ts";
import { toYaml } from "./yaml.ts";

export type KindStatus = "exported" | "excluded" | "skipped" | "failed";

export interface KindOutcome {
  rt: ResourceType;
  status: KindStatus;
  /** Why the kind was excluded, skipped (403/404) or failed. */
  reason?: string;
  exported: number;
  /** Objects left out, by reason. */
  skippedObjects: Record<string, number>;
}

export interface Outcome {
  discovery: Discovery;
  kinds: KindOutcome[];
  changes: ChangeSet;
  path: string;
  durationMs: number;
  removalsRefused?: string;
}

export function exportedCount(o: Pick<Outcome, "kinds">): number {
  return o.kinds.reduce((n, k) => n + k.exported, 0);
}

export function indexYaml(o: Pick<Outcome, "discovery" | "kinds">): string {
  const kinds = o.kinds.map((k) => ({
    resource: resourceId(k.rt),
    apiVersion: groupVersion(k.rt),
    kind: k.rt.kind,
    namespaced: k.rt.namespaced,
    status: k.status,
    ...(k.reason ? { reason: k.reason } : {}),
    objects: k.exported,
    ...(Object.keys(k.skippedObjects).length
      ? { skippedObjects: Object.fromEntries(Object.entries(k.skippedObjects).sort()) }
      : {}),
  }));
  return (
    "# Written by kubekeep export: what this tree holds, and what was left out and why.\n" +
    toYaml({
      discovery: o.discovery.mode,
      objects: o.kinds.reduce((n, k) => n + k.exported, 0),
      ...(o.discovery.failed.length
        ? { failedApis: o.discovery.failed.map((f) => ({ groupVersion: f.groupVersion, reason: f.reason })) }
        : {}),
      kinds,
    })
  );
}

const LIST_LIMIT = 50;

export function buildReport(o: Outcome): Report {
  const report = newReport("Export");
  const c = o.changes;
  const count = (s: KindStatus) => o.kinds.filter((k) => k.status === s).length;
  report.facts.push(
    ["Folder", o.path],
    ["Objects", String(exportedCount(o))],
    ["Kinds listed", String(count("exported"))],
    ["Changes", `${c.count.added} added, ${c.count.changed} changed, ${c.count.removed} removed`],
    ["Risky changes", c.risky.length ? `${c.risky.length} (see below)` : "none"],
    ["Took", formatDuration(o.durationMs)],
  );
  if (c.risky.length) {
    report.tables.push({
      caption: "Risky changes: review these",
      header: ["file", "change", "why"],
      rows: c.risky.slice(0, LIST_LIMIT).map((r) => [r.file, r.change, r.why]),
    });
  }
  const problems = o.kinds.filter((k) => k.status === "skipped" || k.status === "failed");
  const failedApis = o.discovery.failed;
  if (problems.length || failedApis.length) {
    report.tables.push({
      caption: "Not exported (files of these kinds are kept as they were)",
      header: ["kind", "status", "reason"],
      rows: [
        ...failedApis.map((f) => [f.groupVersion, "API unavailable", f.reason]),
        ...problems.map((k) => [resourceId(k.rt), k.status, k.reason ?? ""]),
      ],
    });
  }
  report.tables.push({
    caption: "Objects per kind",
    header: ["kind", "apiVersion", "objects", "skipped objects"],
    rows: o.kinds
      .filter((k) => k.status === "exported" && (k.exported > 0 || Object.keys(k.skippedObjects).length))
      .map((k) => [
        k.rt.kind,
        groupVersion(k.rt),
        String(k.exported),
        Object.entries(k.skippedObjects)
          .map(([why, n]) => `${n} ${why}`)
          .join("; "),
      ]),
  });
  const changeRows = [
    ...c.added.map((f) => ["added", f]),
    ...c.changed.map((f) => ["changed", f]),
    ...c.removed.map((f) => ["removed", f]),
  ];
  if (changeRows.length) {
    report.tables.push({
      caption: "Changed files",
      header: ["change", "file"],
      rows: changeRows.slice(0, LIST_LIMIT),
    });
    if (c.total > LIST_LIMIT) report.notes.push(`${c.total - LIST_LIMIT} more changed files not listed.`);
  }
  if (o.removalsRefused) report.notes.push(o.removalsRefused);
  return report;
}
