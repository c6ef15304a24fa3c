/**
 * The drill's result, kept next to the snapshots it drills: a small JSON
 * object under the cluster's prefix, written at the end of every drill, pass
 * or fail (`<prefix><cluster>/drills/last.json`), and, when it passed, also
 * as `drills/last-pass.json`, so "when did a restore last work" survives a
 * failed drill. fleet-report reads both from the bucket alone.
 *
 * What is read back comes from the bucket and is untrusted: it is checked
 * field by field (no unknown field, the cluster the one asked for, a time
 * that parses and is not in the future, a snapshot key of this cluster, a
 * bounded reason without control characters) before anything shows it.
 */
import { OperationalError } from "../core/errors.ts";
import { recordHeader } from "../storage/record-check.ts";
import { clusterPrefix, parseSnapshotKey } from "../storage/keys.ts";
import type { SnapshotStore } from "../storage/s3.ts";

export interface DrillRecord {
  formatVersion: 1;
  cluster: string;
  /** When the drill ended (ISO 8601, UTC). */
  at: string;
  passed: boolean;
  /** The snapshot drilled; "" when the drill failed before it chose one. */
  snapshotKey: string;
  /** Why it failed; "" when it passed. */
  reason: string;
}

export interface DrillRecords {
  last?: DrillRecord;
  lastPass?: DrillRecord;
}

export const MAX_REASON = 500;

export function drillRecordKeys(prefix: string, cluster: string): { last: string; lastPass: string } {
  const base = `${clusterPrefix(prefix, cluster)}drills/`;
  return { last: `${base}last.json`, lastPass: `${base}last-pass.json` };
}

/** The record of a drill that ended now; the reason on one line, bounded. */
export function newDrillRecord(
  cluster: string,
  passed: boolean,
  snapshotKey: string,
  reason: string,
  at = new Date(),
): DrillRecord {
  const oneLine = reason
    .replace(/[\x00-\x1f\x7f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return {
    formatVersion: 1,
    cluster,
    at: at.toISOString(),
    passed,
    snapshotKey,
    reason: passed ? "" : oneLine.length > MAX_REASON ? `${oneLine.slice(0, MAX_REASON - 3)}...` : oneLine,
  };
}

export async function writeDrillRecord(
  store: SnapshotStore,
  prefix: string,
  record: DrillRecord,
): Promise<void> {
  const keys = drillRecordKeys(prefix, record.cluster);
  await store.putJson(keys.last, record);
  if (record.passed) await store.putJson(keys.lastPass, record);
}

const FIELDS = ["formatVersion", "cluster", "at", "passed", "snapshotKey", "reason"];

/**
 * Checks a record read from `key`; returns why it is refused, or undefined.
 * `mustPass`: the last-pass object must hold a passing drill.
 */
export function drillRecordProblem(
  value: unknown,
  cluster: string,
  prefix: string,
  now: Date,
  mustPass: boolean,
): string | undefined {
  const head = recordHeader(value, FIELDS, cluster, now);
  if ("problem" in head) return head.problem;
  const r = head.record;
  if (typeof r.passed !== "boolean") return "'passed' is not true or false";
  if (mustPass && !r.passed) return "the last-pass record holds a failed drill";
  if (typeof r.snapshotKey !== "string") return "'snapshotKey' is not a string";
  if (r.snapshotKey !== "") {
    const parsed = parseSnapshotKey(r.snapshotKey);
    if (!parsed || parsed.cluster !== cluster || !r.snapshotKey.startsWith(clusterPrefix(prefix, cluster)))
      return "'snapshotKey' is not a snapshot key of this cluster";
  } else if (r.passed) return "a passing drill names no snapshot";
  if (typeof r.reason !== "string" || r.reason.length > MAX_REASON)
    return `'reason' is not a string of at most ${MAX_REASON} characters`;
  if (/[\x00-\x1f\x7f]/.test(r.reason)) return "'reason' holds control characters";
  if (r.passed && r.reason !== "") return "a passing drill gives a reason";
  return undefined;
}

/** Reads the cluster's drill records; a damaged one is an OperationalError naming its key and the problem. */
export async function readDrillRecords(
  store: SnapshotStore,
  prefix: string,
  cluster: string,
  now = new Date(),
): Promise<DrillRecords> {
  const keys = drillRecordKeys(prefix, cluster);
  const read = async (key: string, mustPass: boolean): Promise<DrillRecord | undefined> => {
    const value = await store.getJson<unknown>(key);
    if (value === undefined) return undefined;
    const problem = drillRecordProblem(value, cluster, prefix, now, mustPass);
    if (problem)
      throw new OperationalError(
        `the drill record s3://${store.config.bucket}/${key} is refused: ${problem} (written by something other than kubekeep's etcd-drill, or damaged)`,
      );
    return value as DrillRecord;
  };
  const [last, lastPass] = await Promise.all([read(keys.last, false), read(keys.lastPass, true)]);
  return { ...(last ? { last } : {}), ...(lastPass ? { lastPass } : {}) };
}
