/**
 * A cluster's versions, kept next to its snapshots so fleet-report can show
 * them without reaching the cluster: cluster-info (run in each matrix job,
 * which has the cluster's credentials) writes the API server's version and
 * how many nodes run each kubelet version to
 * `<prefix><cluster>/versions/last.json`; fleet-report reads it back from
 * the bucket alone.
 *
 * What is read back comes from the bucket and is untrusted: every field is
 * checked (no unknown field, the cluster the one asked for, a time that parses
 * and is not in the future, versions in Kubernetes' form, bounded counts that
 * add up) before anything judges or shows it.
 */
import { OperationalError } from "../core/errors.ts";
import { recordHeader } from "../storage/record-check.ts";
import { clusterPrefix } from "../storage/keys.ts";
import type { SnapshotStore } from "../storage/s3.ts";

export interface VersionRecord {
  formatVersion: 1;
  cluster: string;
  /** When the versions were read (ISO 8601, UTC). */
  at: string;
  /** The API server's gitVersion, e.g. v1.35.4 or v1.31.2-eks-1234abc. */
  apiServer: string;
  nodes: number;
  /** How many nodes report each kubelet version ("unknown": a node that reports none readable). */
  kubelets: Record<string, number>;
}

/** A version as Kubernetes prints it (gitVersion): v<major>.<minor>.<patch>, an optional suffix. */
export const VERSION_TEXT = /^v\d{1,3}\.\d{1,3}\.\d{1,5}([-+][0-9A-Za-z.+-]{1,64})?$/;
export const UNKNOWN_KUBELET = "unknown";
/** Distinct kubelet versions kept in one record (a cluster runs a handful). */
export const MAX_KUBELET_VERSIONS = 64;
const MAX_NODES = 1_000_000;
const FIELDS = ["formatVersion", "cluster", "at", "apiServer", "nodes", "kubelets"];

export function versionRecordKey(prefix: string, cluster: string): string {
  return `${clusterPrefix(prefix, cluster)}versions/last.json`;
}

/** The record of versions read now; a kubelet version not in Kubernetes' form counts as unknown. */
export function newVersionRecord(
  cluster: string,
  apiServer: string,
  kubeletVersions: string[],
  at = new Date(),
): VersionRecord {
  const kubelets: Record<string, number> = {};
  for (const v of kubeletVersions) {
    let k = VERSION_TEXT.test(v) ? v : UNKNOWN_KUBELET;
    if (!(k in kubelets) && Object.keys(kubelets).length >= MAX_KUBELET_VERSIONS - 1) k = UNKNOWN_KUBELET;
    kubelets[k] = (kubelets[k] ?? 0) + 1;
  }
  return {
    formatVersion: 1,
    cluster,
    at: at.toISOString(),
    apiServer,
    nodes: kubeletVersions.length,
    kubelets,
  };
}

export async function writeVersionRecord(
  store: SnapshotStore,
  prefix: string,
  record: VersionRecord,
): Promise<string> {
  const key = versionRecordKey(prefix, record.cluster);
  await store.putJson(key, record);
  return key;
}

const countOk = (n: unknown, min: number): n is number =>
  typeof n === "number" && Number.isInteger(n) && n >= min && n <= MAX_NODES;

/** Checks a record read from the bucket; returns why it is refused, or undefined. Pure. */
export function versionRecordProblem(value: unknown, cluster: string, now: Date): string | undefined {
  const head = recordHeader(value, FIELDS, cluster, now);
  if ("problem" in head) return head.problem;
  const r = head.record;
  if (typeof r.apiServer !== "string" || !VERSION_TEXT.test(r.apiServer))
    return "'apiServer' is not a Kubernetes version such as v1.35.4";
  if (!countOk(r.nodes, 0)) return `'nodes' is not a whole number from 0 to ${MAX_NODES}`;
  const k = r.kubelets;
  if (k === null || typeof k !== "object" || Array.isArray(k)) return "'kubelets' is not a JSON object";
  const entries = Object.entries(k as Record<string, unknown>);
  if (entries.length > MAX_KUBELET_VERSIONS)
    return `'kubelets' lists more than ${MAX_KUBELET_VERSIONS} versions`;
  let sum = 0;
  for (const [version, count] of entries) {
    if (version !== UNKNOWN_KUBELET && !VERSION_TEXT.test(version))
      return `'kubelets' has a key that is not a Kubernetes version: ${JSON.stringify(version.slice(0, 40))}`;
    if (!countOk(count, 1)) return `'kubelets' counts ${version} with something other than a whole number`;
    sum += count;
  }
  if (sum !== r.nodes) return `'kubelets' counts ${sum} nodes, 'nodes' says ${String(r.nodes)}`;
  return undefined;
}

/** Reads the cluster's version record; a damaged one is an OperationalError naming its key and the problem. */
export async function readVersionRecord(
  store: SnapshotStore,
  prefix: string,
  cluster: string,
  now = new Date(),
): Promise<VersionRecord | undefined> {
  const key = versionRecordKey(prefix, cluster);
  const value = await store.getJson<unknown>(key);
  if (value === undefined) return undefined;
  const problem = versionRecordProblem(value, cluster, now);
  if (problem)
    throw new OperationalError(
      `the version record s3://${store.config.bucket}/${key} is refused: ${problem} (written by something other than kubekeep's cluster-info, or damaged)`,
    );
  return value as VersionRecord;
}
