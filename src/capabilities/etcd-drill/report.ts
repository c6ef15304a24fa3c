/**
 * What a drill tells a person: the job summary and terminal report, from the
 * same data.
 */
import { formatBytes, formatDuration } from "../../core/units.ts";
import type { Result } from "../../config/capability.ts";
import { newReport, type Report } from "../../report/report.ts";
import { formatTolerance, type Comparison, type Tolerance } from "../../etcd/drill/compare.ts";

export interface DrillOutcome {
  snapshot: string;
  revision?: number;
  dbSize?: number;
  kubernetesVersion?: string;
  etcdVersion?: string;
  binaries?: string;
  downloadMs?: number;
  restoreMs?: number;
  /** From the throwaway etcd's start to the first list the restored apiserver answered. */
  firstListMs?: number;
  listMs?: number;
  reference: string;
  identity?: string;
  hashKV?: string;
  comparison?: Comparison;
  tolerance: Tolerance;
  ignoreKinds: string[];
  notChecked: string[];
  /** Why the drill failed; undefined when it passed. */
  failure?: string;
}

export function drillReport(o: DrillOutcome): Report {
  const report = newReport(o.failure ? "etcd drill FAILED" : "etcd drill passed: the snapshot restores");
  const f = report.facts;
  f.push(["Snapshot", o.snapshot]);
  if (o.revision !== undefined) f.push(["Revision", String(o.revision)]);
  if (o.dbSize !== undefined) f.push(["Database", formatBytes(o.dbSize)]);
  if (o.kubernetesVersion || o.etcdVersion)
    f.push([
      "Throwaway servers",
      `kube-apiserver ${o.kubernetesVersion ?? "?"}, etcd ${o.etcdVersion ?? "?"}`,
    ]);
  if (o.binaries) f.push(["Binaries", o.binaries]);
  if (o.downloadMs !== undefined) f.push(["Download and verify", formatDuration(o.downloadMs)]);
  if (o.restoreMs !== undefined) f.push(["Time to restore (etcdutl)", formatDuration(o.restoreMs)]);
  if (o.firstListMs !== undefined) f.push(["Time to first successful list", formatDuration(o.firstListMs)]);
  if (o.listMs !== undefined) f.push(["Listing every kind", formatDuration(o.listMs)]);
  f.push(["Compared with", o.reference]);
  if (o.identity) f.push(["Cluster identity", o.identity]);
  if (o.hashKV) f.push(["HashKV", o.hashKV]);
  f.push(["Tolerance", formatTolerance(o.tolerance)]);
  f.push(["Ignored kinds", o.ignoreKinds.length ? o.ignoreKinds.join(", ") : "none"]);
  const c = o.comparison;
  if (c) {
    const restored = c.rows.reduce((n, r) => n + (r.restored ?? 0), 0);
    f.push(["Objects restored", String(restored)]);
    f.push([
      "Kinds differing beyond tolerance",
      String(c.rows.filter((r) => r.verdict === "DIFFERS").length),
    ]);
    // Kinds that agree are listed too (the table is the proof of what was read
    // back), except those empty on both sides, which are only counted.
    const empty = c.rows.filter((r) => r.verdict === "match" && !r.restored && !r.reference);
    report.tables.push({
      caption: "Objects per kind",
      header: ["kind", "restored", "reference", "verdict", "why"],
      rows: c.rows
        .filter((r) => !empty.includes(r))
        .map((r) => [
          r.id,
          r.restored === undefined ? "-" : String(r.restored),
          r.reference === undefined ? "-" : String(r.reference),
          r.verdict,
          r.why,
        ]),
    });
  }
  if (c) {
    const empty = c.rows.filter((r) => r.verdict === "match" && !r.restored && !r.reference).length;
    if (empty) report.notes.push(`${empty} more kinds are empty in both and agree.`);
  }
  if (o.failure) report.notes.push(`Failed: ${o.failure}`);
  for (const n of o.notChecked) report.notes.push(`Not checked: ${n}`);
  return report;
}

/** The outputs, from what the drill found so far (a failed drill publishes them too). */
export function drillOutputs(o: DrillOutcome): Record<string, string | number | boolean> {
  return {
    key: o.snapshot.replace(/^s3:\/\/[^/]+\//, ""),
    passed: o.failure === undefined,
    "restore-seconds": o.restoreMs !== undefined ? Math.round(o.restoreMs / 100) / 10 : "",
    "first-list-seconds": o.firstListMs !== undefined ? Math.round(o.firstListMs / 100) / 10 : "",
    objects: o.comparison?.rows.reduce((n, r) => n + (r.restored ?? 0), 0) ?? 0,
    differences: o.comparison?.failures.length ?? 0,
    hashkv: o.hashKV?.split(":")[0] ?? "",
  };
}

export function drillResult(o: DrillOutcome): Result {
  return { outputs: drillOutputs(o), report: drillReport(o) };
}
