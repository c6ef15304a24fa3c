/**
 * Which etcd clusters this cluster's data descends from. A restore starts a
 * new etcd cluster (a new cluster id), so every snapshot taken before it
 * records an id the live etcd no longer has; without a record, each of them
 * would look like "a snapshot of another cluster". After a restore, run
 * writes the record into the restored cluster itself, as an annotation of
 * the kube-system namespace: the new cluster id and the ids it descends from.
 *
 * What it trusts: the record is read through the API server, so only someone
 * who may patch the kube-system namespace can write it (they could do far
 * worse). Nothing comes from the bucket, which is untrusted (SECURITY.md): a
 * snapshot's recorded cluster id is only ever accepted when the live
 * cluster's own record names it. A record is used only when it names the
 * live etcd's cluster id: one carried back by a restore (the snapshot's data
 * holds the record of the cluster it was taken from) speaks for that
 * snapshot's cluster, not for the live one.
 */
import { isApiError, type KubeClient } from "../cluster/client.ts";

export const LINEAGE_ANNOTATION = "kubekeep.dev/etcd-lineage";
const ID_RE = /^[0-9a-f]{1,16}$/;
/** Enough for years of restores; the oldest are dropped beyond it. */
const MAX_ANCESTORS = 100;

export interface Lineage {
  /** The etcd cluster id the record speaks for (hex, as etcdctl prints it). */
  clusterId: string;
  /** The ids it descends from, newest first. */
  ancestors: string[];
}

/** The record in an annotation's value, or undefined when it is absent or not of the expected form. */
export function parseLineage(value: string | undefined): Lineage | undefined {
  if (!value) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch {
    return undefined;
  }
  const r = v as Partial<Lineage> | null;
  if (
    typeof r?.clusterId !== "string" ||
    !ID_RE.test(r.clusterId) ||
    !Array.isArray(r.ancestors) ||
    r.ancestors.length > MAX_ANCESTORS ||
    !r.ancestors.every((a) => typeof a === "string" && ID_RE.test(a))
  )
    return undefined;
  return { clusterId: r.clusterId, ancestors: r.ancestors };
}

/** The ids whose snapshots are this cluster's: the live id, and its ancestors when the record speaks for it. */
export function lineageOf(record: Lineage | undefined, liveId: string): string[] {
  return [liveId, ...(record?.clusterId === liveId ? record.ancestors : [])];
}

/**
 * The record after a restore of a snapshot of cluster `snapshotId` that made
 * etcd cluster `newId`. It descends from the snapshot's cluster, from what the
 * snapshot's own record (`restored`, back with its data) says that cluster
 * descended from, and, when the snapshot was of the live cluster's lineage
 * (`before`, read before anything stopped), from that whole lineage too: its
 * later snapshots are of the same history. A snapshot of another cluster
 * (restored with allow-other-cluster) brings only its own lineage: the
 * replaced cluster's snapshots then need the override too.
 */
export function nextLineage(o: {
  newId: string;
  snapshotId: string;
  before?: string[];
  restored?: Lineage;
}): Lineage {
  const ids = [
    o.snapshotId,
    ...(o.before?.includes(o.snapshotId) ? o.before : []),
    ...(o.restored?.clusterId === o.snapshotId ? o.restored.ancestors : []),
  ];
  const ancestors = [...new Set(ids)].filter((id) => id !== o.newId).slice(0, MAX_ANCESTORS);
  return { clusterId: o.newId, ancestors };
}

interface Namespace {
  metadata?: { annotations?: Record<string, string> };
}

/** The record in the cluster (undefined when there is none, or it is not of the expected form). */
export async function readLineage(client: KubeClient): Promise<Lineage | undefined> {
  try {
    const ns = await client.get<Namespace>("/api/v1/namespaces/kube-system");
    return parseLineage(ns.metadata?.annotations?.[LINEAGE_ANNOTATION]);
  } catch (err) {
    if (isApiError(err, 404)) return undefined;
    throw err;
  }
}

export async function writeLineage(client: KubeClient, lineage: Lineage): Promise<void> {
  await client.mergePatch("/api/v1/namespaces/kube-system", {
    metadata: { annotations: { [LINEAGE_ANNOTATION]: JSON.stringify(lineage) } },
  });
}
