/** etcd-snapshot's outputs and report, from what the run did. */
import type { Result } from "../../config/capability.ts";
import { formatBytes, formatDuration } from "../../core/units.ts";
import type { HashKVCheck } from "../../etcd/snapshot.ts";
import { newReport, type Table } from "../../report/report.ts";
import type { SnapshotMetadata } from "../../storage/keys.ts";

export interface SnapshotOutcome {
  bucket: string;
  meta: SnapshotMetadata;
  /** How etcd was reached. */
  via: string;
  hashKV?: HashKVCheck;
  /** Milliseconds the snapshot and upload took, and the whole run. */
  snapshotMs: number;
  totalMs: number;
  retention:
    | { kind: "none" }
    | { kind: "skipped" }
    | { kind: "applied"; deleted: number; table: Table; notUsed?: Table };
}

export function snapshotResult(o: SnapshotOutcome): Result {
  const { meta } = o;
  const report = newReport("etcd snapshot");
  if (o.retention.kind === "skipped")
    report.notes.push("Retention skipped: the new snapshot was not verified.");
  if (o.retention.kind === "applied") {
    report.tables.push(o.retention.table);
    if (o.retention.notUsed) report.tables.push(o.retention.notUsed);
  }
  report.facts.push(
    ["Snapshot", `s3://${o.bucket}/${meta.key}`],
    ["etcd", `${meta.etcdVersion}, cluster ${meta.clusterId}, revision ${meta.revision}`],
    ["Reached via", o.via],
    ["Database", `${formatBytes(meta.dbSize)}, sha256 ${meta.sha256}`],
    ["Stored", `${formatBytes(meta.objectSize)} (${meta.compression}, encryption ${meta.encryption})`],
    ["Verified", meta.verified ? "yes: downloaded, sha256 and bolt structure checked" : "no"],
    ...(o.hashKV ? [["HashKV", o.hashKV.summary] as [string, string]] : []),
    ["Duration", `${formatDuration(o.snapshotMs)} snapshot + upload, ${formatDuration(o.totalMs)} total`],
  );
  return {
    outputs: {
      key: meta.key,
      uri: `s3://${o.bucket}/${meta.key}`,
      size: meta.objectSize,
      "db-size": meta.dbSize,
      sha256: meta.sha256,
      revision: meta.revision,
      "etcd-version": meta.etcdVersion,
      verified: meta.verified,
      hashkv: o.hashKV?.result ?? "",
      duration: Math.round(o.snapshotMs / 1000),
      deleted: o.retention.kind === "applied" ? o.retention.deleted : 0,
    },
    report,
  };
}
