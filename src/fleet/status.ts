/**
 * Each cluster's backup status, read from the bucket alone (no cluster
 * credentials): its snapshot catalog (newest snapshot, newest verified one)
 * through etcd/catalog.ts, its drill records through etcd/drill-record.ts,
 * then judged against the age limits. Clusters sharing a store share one
 * client; catalogs are read a few at a time.
 */
import { errorMessage } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { listSnapshots } from "../etcd/catalog.ts";
import { readDrillRecords, type DrillRecord } from "../etcd/drill-record.ts";
import type { StorageConfig } from "../storage/config.ts";
import type { S3Config, SnapshotStore } from "../storage/s3.ts";
import { checkRepository, gitIn, readExportFact, type ExportFact, type Git } from "./export-status.ts";
import type { FleetCluster, SnapshotLocation } from "./inventory.ts";
import { fleetSupportNotes, versionsFact, type VersionsFact } from "./skew.ts";
import { readVersionRecord } from "./version-record.ts";

export interface Limits {
  maxSnapshotAgeMs: number;
  /** Undefined: drill age is not judged (a failed last drill still is). */
  maxDrillAgeMs?: number;
  /** Undefined: exports are reported, not judged. */
  maxExportAgeMs?: number;
}

export interface SnapshotFact {
  key: string;
  time: string;
  ageSeconds: number;
  verified: boolean;
}

export interface DrillFact {
  time: string;
  ageSeconds: number;
  passed: boolean;
  snapshotKey: string;
  reason: string;
}

export interface ClusterStatus {
  name: string;
  kind: string;
  /** s3://bucket/prefix/cluster/, or "" for a cluster kubekeep does not snapshot. */
  catalog: string;
  snapshots: number;
  newest?: SnapshotFact;
  newestVerified?: SnapshotFact;
  lastDrill?: DrillFact;
  lastPassingDrill?: DrillFact;
  /** The versions cluster-info recorded next to the snapshots (versions/last.json), when there are some. */
  versions?: VersionsFact;
  /** The cluster's export folder in the repository, or "" for a cluster without an export. */
  exportPath: string;
  /** The export in the repository (clusters with an export in the inventory, when a repository is read). */
  export?: ExportFact;
  /** Why the export could not be read; a problem only when max-export-age is given. */
  exportError?: string;
  /** What could not be read (the catalog, a drill record); the cluster then fails. */
  errors: string[];
  /** Why the cluster fails; empty when it is fine. */
  problems: string[];
}

const CONCURRENCY = 16;

export function catalogUrl(loc: SnapshotLocation): string {
  return `s3://${loc.bucket}/${loc.prefix}${loc.clusterName}/`;
}

/** The store settings for a location: reads only, so upload tuning stays at its defaults. */
export function s3ConfigOf(loc: SnapshotLocation, stallTimeoutMs?: number): S3Config {
  return {
    bucket: loc.bucket,
    prefix: loc.prefix,
    ...(loc.endpoint ? { endpoint: loc.endpoint } : {}),
    ...(loc.region ? { region: loc.region } : {}),
    forcePathStyle: loc.endpoint !== undefined,
    sse: "none",
    checksum: "when_supported",
    partSize: 5 * 1024 * 1024,
    queueSize: 1,
    ...(stallTimeoutMs !== undefined ? { stallTimeoutMs } : {}),
  };
}

/** A duration for a person: 45s, 12m, 27h5m, 3d4h. */
export function humanDuration(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${m % 60 ? `${m % 60}m` : ""}`;
  const d = Math.floor(h / 24);
  return `${d}d${h % 24 ? `${h % 24}h` : ""}`;
}

const ageOf = (t: Date, now: Date) => Math.round((now.getTime() - t.getTime()) / 1000);

function drillFact(r: DrillRecord, now: Date): DrillFact {
  return {
    time: r.at,
    ageSeconds: ageOf(new Date(r.at), now),
    passed: r.passed,
    snapshotKey: r.snapshotKey,
    reason: r.reason,
  };
}

/** Reads one cluster's catalog and drill records into its status (not yet judged). */
export async function readClusterStatus(
  store: SnapshotStore | undefined,
  c: FleetCluster,
  now: Date,
): Promise<ClusterStatus> {
  const status: ClusterStatus = {
    name: c.name,
    kind: c.kind,
    catalog: "",
    snapshots: 0,
    exportPath: c.export?.path ?? "",
    errors: [],
    problems: [],
  };
  const loc = c.snapshots;
  if (!loc || !store) return status;
  status.catalog = catalogUrl(loc);
  const storage: StorageConfig = { s3: store.config, clusterName: loc.clusterName };
  try {
    // Only usable snapshots count: what the bucket holds beyond them is untrusted (SECURITY.md).
    const { snapshots: all } = await listSnapshots(store, storage);
    status.snapshots = all.length;
    const fact = (s: (typeof all)[number]): SnapshotFact => ({
      key: s.key,
      time: s.time.toISOString(),
      ageSeconds: ageOf(s.time, now),
      verified: s.metadata?.verified === true,
    });
    if (all[0]) status.newest = fact(all[0]);
    const verified = all.find((s) => s.metadata?.verified === true);
    if (verified) status.newestVerified = fact(verified);
  } catch (err) {
    status.errors.push(`cannot read its snapshot catalog ${status.catalog}: ${errorMessage(err)}`);
  }
  try {
    const drills = await readDrillRecords(store, loc.prefix, loc.clusterName, now);
    if (drills.last) status.lastDrill = drillFact(drills.last, now);
    if (drills.lastPass) status.lastPassingDrill = drillFact(drills.lastPass, now);
  } catch (err) {
    status.errors.push(errorMessage(err));
  }
  try {
    const record = await readVersionRecord(store, loc.prefix, loc.clusterName, now);
    if (record) status.versions = versionsFact(record, now);
  } catch (err) {
    status.errors.push(errorMessage(err));
  }
  return status;
}

/** Judges a status against the limits: fills `problems`. */
export function judge(s: ClusterStatus, limits: Limits): ClusterStatus {
  const problems = [...s.errors];
  if (s.catalog !== "") {
    const maxS = limits.maxSnapshotAgeMs / 1000;
    if (!s.newestVerified)
      problems.push(
        s.snapshots === 0 ? "no snapshot at all" : `none of its ${s.snapshots} snapshots is verified`,
      );
    else if (s.newestVerified.ageSeconds < -300)
      problems.push(`its newest verified snapshot is dated in the future (${s.newestVerified.time})`);
    else if (s.newestVerified.ageSeconds > maxS)
      problems.push(
        `newest verified snapshot is ${humanDuration(s.newestVerified.ageSeconds * 1000)} old (max-snapshot-age ${humanDuration(limits.maxSnapshotAgeMs)})`,
      );
    if (s.lastDrill && !s.lastDrill.passed) problems.push(`last drill failed (${s.lastDrill.time})`);
    if (limits.maxDrillAgeMs !== undefined) {
      if (!s.lastPassingDrill) problems.push("no passing drill recorded");
      else if (s.lastPassingDrill.ageSeconds > limits.maxDrillAgeMs / 1000)
        problems.push(
          `last passing drill is ${humanDuration(s.lastPassingDrill.ageSeconds * 1000)} old (max-drill-age ${humanDuration(limits.maxDrillAgeMs)})`,
        );
    }
  }
  if (limits.maxExportAgeMs !== undefined && s.exportPath !== "") {
    if (s.exportError !== undefined) problems.push(`cannot read its export: ${s.exportError}`);
    else if (!s.export) problems.push("no export commit found");
    else if (s.export.ageSeconds > limits.maxExportAgeMs / 1000)
      problems.push(
        `newest export commit is ${humanDuration(s.export.ageSeconds * 1000)} old (max-export-age ${humanDuration(limits.maxExportAgeMs)})`,
      );
  }
  // A kubelet the skew policy forbids next to its API server breaks the cluster as surely as a stale backup.
  for (const v of s.versions?.skew ?? []) problems.push(`version skew: ${v}`);
  return { ...s, problems };
}

/** A key that tells stores apart: clusters on the same endpoint, region and bucket share a client. */
function storeKey(loc: SnapshotLocation): string {
  return JSON.stringify([loc.endpoint ?? "", loc.region ?? "", loc.bucket, loc.prefix]);
}

export interface StatusOptions {
  stallTimeoutMs?: number;
  /** The repository (a checkout) holding the exports; undefined: exports are not read. */
  repository?: string;
}

/** Adds the export facts (or why they cannot be read) to a status. */
async function withExport(
  s: ClusterStatus,
  c: FleetCluster,
  git: Git | undefined,
  repoProblem: string | undefined,
  now: Date,
): Promise<ClusterStatus> {
  if (!c.export) return s;
  if (repoProblem !== undefined) return { ...s, exportError: repoProblem };
  if (!git) return s;
  try {
    const fact = await readExportFact(git, c.export, now);
    return fact ? { ...s, export: fact } : s;
  } catch (err) {
    return { ...s, exportError: errorMessage(err) };
  }
}

/** Reads and judges every cluster, in the given order; stores are opened once each and always closed. */
export async function fleetStatus(
  clusters: FleetCluster[],
  limits: Limits,
  now: Date,
  logger: Logger,
  options: StatusOptions = {},
): Promise<ClusterStatus[]> {
  const { stallTimeoutMs, repository } = options;
  let git: Git | undefined;
  let repoProblem: string | undefined;
  if (repository !== undefined && clusters.some((c) => c.export)) {
    git = gitIn(repository);
    repoProblem = await checkRepository(git, repository);
    if (repoProblem) logger.warning(`exports not read: ${repoProblem}`);
  }
  const { SnapshotStore } = await import("../storage/s3.ts");
  const stores = new Map<string, Promise<SnapshotStore>>();
  const storeFor = (loc: SnapshotLocation) => {
    const k = storeKey(loc);
    let s = stores.get(k);
    if (!s) {
      s = SnapshotStore.open(s3ConfigOf(loc, stallTimeoutMs));
      stores.set(k, s);
    }
    return s;
  };
  const out: ClusterStatus[] = new Array<ClusterStatus>(clusters.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < clusters.length; i = next++) {
      const c = clusters[i] as FleetCluster;
      const status = await readClusterStatus(c.snapshots && (await storeFor(c.snapshots)), c, now);
      out[i] = judge(await withExport(status, c, git, repoProblem, now), limits);
      if (++done % 50 === 0) logger.info(`read ${done} of ${clusters.length} clusters`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, clusters.length) }, worker));
  } finally {
    for (const s of stores.values()) (await s.catch(() => undefined))?.close();
  }
  fleetSupportNotes(out.flatMap((s) => (s.versions ? [s.versions] : [])));
  return out;
}
