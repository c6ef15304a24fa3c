/** fleet-report's outputs, its JSON file and its table (job summary and terminal), from the judged statuses. */
import type { Result } from "../../config/capability.ts";
import { humanDuration, type ClusterStatus, type Limits } from "../../fleet/status.ts";
import { newReport } from "../../report/report.ts";

export interface FleetJson {
  formatVersion: 1;
  inventory: string;
  generatedAt: string;
  maxSnapshotAgeSeconds: number;
  maxDrillAgeSeconds: number | null;
  maxExportAgeSeconds: number | null;
  failing: string[];
  clusters: ClusterStatus[];
}

export function fleetJson(
  statuses: ClusterStatus[],
  limits: Limits,
  now: Date,
  inventory: string,
): FleetJson {
  return {
    formatVersion: 1,
    inventory,
    generatedAt: now.toISOString(),
    maxSnapshotAgeSeconds: limits.maxSnapshotAgeMs / 1000,
    maxDrillAgeSeconds: limits.maxDrillAgeMs === undefined ? null : limits.maxDrillAgeMs / 1000,
    maxExportAgeSeconds: limits.maxExportAgeMs === undefined ? null : limits.maxExportAgeMs / 1000,
    failing: statuses.filter((s) => s.problems.length).map((s) => s.name),
    clusters: statuses,
  };
}

const age = (seconds: number) => (seconds < 0 ? "in the future" : `${humanDuration(seconds * 1000)} ago`);

/**
 * Text read from the bucket (a drill's reason) shown in the summary: only
 * characters that cannot form Markdown links, images or HTML.
 */
export function displaySafe(text: string, max = 200): string {
  const s = text.replace(/[^A-Za-z0-9 .,:;=/_+@%'"()-]/g, "?");
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}

/** The export columns: age and where, object count, risky changes. */
function exportCells(s: ClusterStatus): string[] {
  if (s.exportPath === "") return ["-", "-", "-"];
  if (s.exportError !== undefined) return [`unreadable: ${displaySafe(s.exportError, 160)}`, "-", "-"];
  const e = s.export;
  if (!e) return ["no commit", "-", "-"];
  const where =
    e.ref === "HEAD" ? "" : ` on ${displaySafe(e.ref.replace(/^refs\/(remotes\/|heads\/)/, ""), 80)}`;
  return [`${age(e.ageSeconds)}${where}`, String(e.objects), String(e.riskyChanges)];
}

/** The version columns: the API server (with the record's age) and the kubelets' range. */
function versionCells(s: ClusterStatus): string[] {
  const v = s.versions;
  if (!v) return ["-", "-"];
  const range =
    v.kubeletMin === undefined
      ? "none readable"
      : v.kubeletMin === v.kubeletMax
        ? v.kubeletMin
        : `${v.kubeletMin} to ${v.kubeletMax}`;
  return [`${v.apiServer} (${age(v.ageSeconds)})`, `${range} (${v.nodes} nodes)`];
}

export function fleetReportOf(
  statuses: ClusterStatus[],
  limits: Limits,
  now: Date,
  inventory: string,
  file: string,
): Result {
  const failing = statuses.filter((s) => s.problems.length);
  const report = newReport(
    failing.length
      ? `Fleet backups: ${failing.length} of ${statuses.length} clusters fail`
      : `Fleet backups: all ${statuses.length} clusters OK`,
  );
  report.facts.push(
    ["Inventory", inventory],
    ["As of", now.toISOString()],
    ["Max snapshot age", humanDuration(limits.maxSnapshotAgeMs)],
    [
      "Max drill age",
      limits.maxDrillAgeMs === undefined ? "not judged" : humanDuration(limits.maxDrillAgeMs),
    ],
    [
      "Max export age",
      limits.maxExportAgeMs === undefined ? "not judged" : humanDuration(limits.maxExportAgeMs),
    ],
    ["JSON", file],
  );
  report.tables.push({
    header: [
      "cluster",
      "kind",
      "snapshots",
      "newest",
      "newest verified",
      "last drill",
      "last passing drill",
      "export",
      "objects",
      "risky changes",
      "kube-apiserver",
      "kubelets",
      "status",
    ],
    rows: statuses.map((s) => {
      const status = s.problems.length
        ? `FAIL: ${displaySafe(s.problems.join("; "), 600)}`
        : s.catalog === ""
          ? "OK (no etcd snapshots)"
          : "OK";
      const backups =
        s.catalog === ""
          ? ["-", "-", "-", "-", "-"]
          : [
              String(s.snapshots),
              s.newest ? `${age(s.newest.ageSeconds)}${s.newest.verified ? "" : " (unverified)"}` : "none",
              s.newestVerified ? age(s.newestVerified.ageSeconds) : "none",
              s.lastDrill
                ? `${s.lastDrill.passed ? "passed" : "FAILED"} ${age(s.lastDrill.ageSeconds)}`
                : "none",
              s.lastPassingDrill ? age(s.lastPassingDrill.ageSeconds) : "none",
            ];
      return [s.name, s.kind, ...backups, ...exportCells(s), ...versionCells(s), status];
    }),
  });
  for (const s of statuses)
    if (s.export?.riskyChanges)
      report.notes.push(
        `${s.name}: ${s.export.riskyChanges} risky changes in export commit ${s.export.commit.slice(0, 12)}: ${s.export.risky
          .map((r) => `${displaySafe(r.file, 120)} (${r.why}, ${r.change})`)
          .join(", ")}${s.export.riskyChanges > s.export.risky.length ? ", ..." : ""}`,
      );
  for (const s of statuses)
    if (s.lastDrill && !s.lastDrill.passed)
      report.notes.push(
        `${s.name}: last drill failed: ${displaySafe(s.lastDrill.reason) || "(no reason recorded)"}`,
      );
  for (const s of statuses)
    for (const u of s.versions?.unsupported ?? []) report.notes.push(`${s.name}: ${u}`);
  return {
    outputs: {
      "report-file": file,
      clusters: statuses.length,
      failing: JSON.stringify(failing.map((s) => s.name)),
      ok: failing.length === 0,
    },
    report,
  };
}
