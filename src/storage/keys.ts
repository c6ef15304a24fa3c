/**
 * Object key scheme:
 * `<prefix><cluster>/<cluster>-etcd-<UTC time>-<run id>.db<.zst|.gz><.enc>`,
 * e.g. `etcd/prod/prod-etcd-20260315T040506.789Z-3f9a0c1d2e.db.zst.enc`, with
 * a `<key>.json` sidecar holding the snapshot's metadata. The time (to the
 * millisecond) sorts lexically, so a listing is in time order; the run id (10
 * random hex digits) makes each run's key its own, so two runs started in the
 * same millisecond for the same cluster name (a matrix on one cron) never pick
 * the same key. Keys of older versions (`<cluster>-etcd-<YYYYMMDDTHHMMSSZ>.db...`,
 * one per second, no run id) are still read.
 */
import { randomBytes } from "node:crypto";
import { EXTENSIONS, type Compression } from "./compression.ts";

export const SIDECAR_SUFFIX = ".json";

/** `20260315T040506.789Z`: ISO 8601 basic format, to the millisecond. */
export function timestamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, "");
}

export function clusterPrefix(prefix: string, cluster: string): string {
  return `${prefix}${cluster}/`;
}

/** A fresh run id: 10 random hex digits. */
export function newRunId(): string {
  return randomBytes(5).toString("hex");
}

export function snapshotKey(
  prefix: string,
  cluster: string,
  at: Date,
  runId: string,
  compression: Compression,
  encrypted: boolean,
): string {
  return `${clusterPrefix(prefix, cluster)}${cluster}-etcd-${timestamp(at)}-${runId}.db${EXTENSIONS[compression]}${encrypted ? ".enc" : ""}`;
}

export interface ParsedKey {
  key: string;
  cluster: string;
  time: Date;
  /** The run that wrote it; "" for keys of older versions. */
  runId: string;
  compression: Compression;
  encrypted: boolean;
}

/**
 * A snapshot's name (the key after `<prefix><cluster>/`), matched whole: the
 * cluster part is the cluster-name pattern, the rest digits and fixed text, so
 * a name that parses holds only safe characters (letters, digits, `.`, `_`, `-`).
 */
const NAME_RE =
  /^([A-Za-z0-9][A-Za-z0-9._-]{0,62})-etcd-(\d{8})T(\d{6})(?:\.(\d{3}))?Z(?:-([0-9a-f]{10}))?\.db(\.zst|\.gz)?(\.enc)?$/;

/**
 * What an output, a log line or a path may carry from a stored key: letters,
 * digits and `. _ - /`. Anything else (spaces, quotes, `$`, `;`, backticks, new
 * lines: all possible in an S3 key) could reach a workflow's `run:` line.
 */
export const SAFE_KEY_RE = /^[A-Za-z0-9._/-]+$/;

/**
 * Parses a snapshot key (new or old form); undefined for other objects
 * (sidecars, strangers). The name after the last `/` is matched whole; with
 * `where`, the key must also sit directly in that cluster's folder
 * (`<prefix><cluster>/<cluster>-etcd-...`), never deeper.
 */
export function parseSnapshotKey(
  key: string,
  where?: { prefix: string; cluster: string },
): ParsedKey | undefined {
  if (!SAFE_KEY_RE.test(key)) return undefined;
  let name = key.slice(key.lastIndexOf("/") + 1);
  if (where) {
    const folder = clusterPrefix(where.prefix, where.cluster);
    if (!key.startsWith(folder)) return undefined;
    name = key.slice(folder.length);
  }
  const m = NAME_RE.exec(name);
  if (!m) return undefined;
  const [, cluster, day, time, ms, runId, ext, enc] = m as unknown as [
    string,
    string,
    string,
    string,
    string?,
    string?,
    string?,
    string?,
  ];
  if (where && cluster !== where.cluster) return undefined;
  // Both or neither: the new form always has the milliseconds and the run id.
  if ((ms === undefined) !== (runId === undefined)) return undefined;
  const iso = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.${ms ?? "000"}Z`;
  const at = new Date(iso);
  // A real instant: no month 13, and no "February 30" that Date rolls over.
  if (Number.isNaN(at.getTime()) || at.toISOString() !== iso) return undefined;
  return {
    key,
    cluster,
    time: at,
    runId: runId ?? "",
    compression: ext === ".zst" ? "zstd" : ext === ".gz" ? "gzip" : "none",
    encrypted: enc !== undefined,
  };
}

/**
 * Newest first: by time, then by key (a total order, so "the newest" never
 * depends on the order S3 listed two snapshots of the same instant in).
 */
export function newestFirst<T extends { time: Date; key: string }>(a: T, b: T): number {
  return b.time.getTime() - a.time.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

/** What the sidecar JSON (and the object's metadata, where known up front) records. */
export interface SnapshotMetadata {
  /** 2: authenticated with a MAC (written with an encryption key); 1: not. */
  formatVersion: 1 | 2;
  key: string;
  cluster: string;
  createdAt: string;
  etcdVersion: string;
  storageVersion: string;
  clusterId: string;
  memberId: string;
  /**
   * The store revision the snapshot holds: read from the database itself as
   * it streams by (the newest revision in its key bucket, or its finished
   * compaction when that is newer), which is what a restored member starts at.
   * Versions before it recorded etcd's Status revision taken before the
   * snapshot started (possibly older than the content).
   */
  revision: number;
  /** The run that wrote the object (also in the object's metadata as run-id); absent in old sidecars. */
  runId?: string;
  /** The stored object's ETag right after the upload; absent in old sidecars. */
  etag?: string;
  /**
   * Fingerprint of the encryption key (see storage/encryption.ts: HMAC-SHA256
   * of a fixed label under the key, first 8 bytes, hex); never the key itself.
   */
  keyFingerprint?: string;
  /** Bytes of the bolt database (without the 32-byte sha256 trailer). */
  dbSize: number;
  /** sha256 of the database, as etcd sent it in the trailer. */
  sha256: string;
  /** Bytes of the stored object. */
  objectSize: number;
  compression: Compression;
  /** "none" or the encryption scheme. */
  encryption: string;
  verified: boolean;
  verifiedAt?: string;
  /** HashKV of the live member at `revision`, where it could be taken. */
  hashKV?: { revision: number; hash: number; compactRevision: number };
  /** Format 2: HMAC-SHA256 of the rest, under a key derived from the encryption key (storage/sidecar.ts). */
  mac?: string;
}
