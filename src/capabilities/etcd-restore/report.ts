/** etcd-restore's report for the live modes: the plan, the members' states, the checks, and on failure what to type next. */
import type { StoredSnapshot } from "../../etcd/catalog.ts";
import { formatMember, type Member } from "../../recovery/members.ts";
import { reachedBy } from "../../recovery/node-steps.ts";
import type { Progress } from "../../recovery/control-plane-restore.ts";
import type { Check } from "../../recovery/verify.ts";
import type { KindComparison } from "../../etcd/drill/compare.ts";
import { formatDuration } from "../../core/units.ts";
import { newReport, type Report, type Table } from "../../report/report.ts";
import type { LiveRestoreConfig, RestoreConfig, RestoreMode } from "./config.ts";

type Steps = (m: Member, o: { manifestDir: string; bumpRevision: number; members: Member[] }) => string[];

export function planReport(
  mode: RestoreMode,
  config: RestoreConfig,
  lc: LiveRestoreConfig,
  members: Member[],
  snap: StoredSnapshot | undefined,
  plannedSteps: Steps,
): Report {
  const title = {
    download: "",
    plan: `etcd restore plan for cluster ${config.storage.clusterName} (nothing changed)`,
    run: `etcd restore of cluster ${config.storage.clusterName}`,
    verify: `etcd restore verified: cluster ${config.storage.clusterName}`,
    rollback: `etcd restore rolled back: cluster ${config.storage.clusterName}`,
  }[mode];
  const report = newReport(title);
  if (snap) {
    const meta = snap.metadata;
    report.facts.push(["Snapshot", `s3://${config.storage.s3.bucket}/${snap.key}`]);
    if (meta) {
      report.facts.push(
        ["Revision", String(meta.revision)],
        ["Taken", `${meta.createdAt} (${formatDuration(Date.now() - Date.parse(meta.createdAt))} ago)`],
        [
          "Verified",
          meta.verified
            ? `yes${meta.verifiedAt ? `, ${meta.verifiedAt}` : ""}`
            : "not yet (run verifies it before anything stops)",
        ],
        ["etcd", `${meta.etcdVersion}, cluster id ${meta.clusterId}`],
      );
    }
  }
  report.tables.push({
    caption: "Members (in this order, each step on every member before the next)",
    header: ["member", "node", "peer URL", "data dir", "kept for rollback", "reached by"],
    rows: members.map((m) => [
      m.name,
      m.node,
      m.peerUrl,
      m.dataDir,
      `${m.dataDir}.before-<restore id>`,
      reachedBy(lc.access, m),
    ]),
  });
  if (mode === "plan") {
    report.tables.push({
      caption: "Steps per member",
      header: ["member", "step"],
      rows: members.flatMap((m) =>
        plannedSteps(m, { manifestDir: lc.settings.manifestDir, bumpRevision: lc.bumpRevision, members }).map(
          (s) => [m.name, s],
        ),
      ),
    });
    report.notes.push(
      `To run it: mode run, confirm ${config.storage.clusterName}, and executor ssh (the ssh-* inputs) or a restore-command; members input if the API is down: ${members.map(formatMember).join(",")}`,
    );
  }
  return report;
}

export function verifyRows(checks: Check[]): Table {
  return {
    caption: "Checks",
    header: ["check", "result", "detail"],
    rows: checks.map((c) => [c.name, c.ok ? "ok" : "FAILED", c.detail]),
  };
}

/** The kinds whose counts differ from the snapshot's, judged or reported only. */
export function objectRows(rows: KindComparison[]): Table {
  return {
    caption: "Kinds that differ from the snapshot",
    header: ["kind", "in the snapshot", "live", "verdict", "why"],
    rows: rows.map((r) => [r.id, String(r.restored ?? 0), String(r.reference ?? 0), r.verdict, r.why]),
  };
}

export function failureReport(
  report: Report,
  members: Member[],
  progress: Progress,
  next: { continueCommand: string; rollbackCommand: string },
): Report {
  report.tables.push({
    caption: "Members when it stopped",
    header: ["member", "node", "state"],
    rows: members.map((m) => [m.name, m.node, progress.state(m)]),
  });
  report.notes.push(`To continue (finished steps are skipped): ${next.continueCommand}`);
  report.notes.push(`To roll back to the data before the restore: ${next.rollbackCommand}`);
  return report;
}
