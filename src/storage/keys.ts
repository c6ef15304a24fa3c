/**
 * Object key scheme: `<prefix><cluster>/<cluster>-etcd-<UTC timestamp>.db<.zst|.gz><.enc>`
 * with a `<key>.json` sidecar holding the snapshot's metadata. The timestamp
 * sorts lexically, so a listing is already in time order.
 */
import { EXTENSIONS, type Compression } from "./compression.ts";
import { sleep } from "../core/sleep.ts";

export const SIDECAR_SUFFIX = ".json";

export function timestamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

export function clusterPrefix(prefix: string, cluster: string): string {
  return `${prefix}${cluster}/`;
}

export function snapshotKey(
  prefix: string,
  cluster: string,
  at: Date,
  compression: Compression,
  encrypted: boolean,
): string {
  return `${clusterPrefix(prefix, cluster)}${cluster}-etcd-${timestamp(at)}.db${EXTENSIONS[compression]}${encrypted ? ".enc" : ""}`;
}

export interface ParsedKey {
  key: string;
  cluster: string;
  time: Date;
  compression: Compression;
  encrypted: boolean;
}

const KEY_RE = /(?:^|\/)([^/]+)-etcd-(\d{8})T(\d{6})Z\.db(\.zst|\.gz)?(\.enc)?$/;

/** Parses a snapshot key; undefined for other objects (sidecars, strangers). */
export function parseSnapshotKey(key: string): ParsedKey | undefined {
  const m = KEY_RE.exec(key);
  if (!m) return undefined;
  const [, cluster, day, time, ext, enc] = m as unknown as [string, string, string, string, string?, string?];
  const iso = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}Z`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return undefined;
  return {
    key,
    cluster,
    time: at,
    compression: ext === ".zst" ? "zstd" : ext === ".gz" ? "gzip" : "none",
    encrypted: enc !== undefined,
  };
}

/** What the sidecar JSON (and the object's metadata, where known up front) records. */
export interface SnapshotMetadata {
  formatVersion: 1;
  key: string;
  cluster: string;
  createdAt: string;
  etcdVersion: string;
  storageVersion: string;
  clusterId: string;
  memberId: string;
  /** The store revision when the snapshot started (etcd's Status header). */
  revision: number;
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
}

/**
 * A snapshot key no stored object has yet. Keys name the second they were
 * taken, so a second snapshot of the same cluster within that second (a re-run,
 * two schedules) would overwrite the first: nothing may be lost, so move on to
 * the next free second instead.
 */
export async function unusedKey(
  makeKey: (at: Date) => string,
  exists: (key: string) => Promise<boolean>,
  now: () => Date = () => new Date(),
  wait: (ms: number) => Promise<void> = sleep,
  attempts = 10,
): Promise<{ key: string; at: Date }> {
  for (let i = 0; i < attempts; i++) {
    const at = now();
    const key = makeKey(at);
    if (!(await exists(key))) return { key, at };
    await wait(1000 - at.getUTCMilliseconds());
  }
  throw new Error(
    `every snapshot key for the last ${attempts} seconds is taken; is another snapshot job writing to the same cluster name?`,
  );
}
