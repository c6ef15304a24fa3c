/**
 * The snapshots stored for a cluster, each with its sidecar metadata, and the
 * operations on stored snapshots: verify (download, decrypt, decompress, check
 * the sha256 trailer, the recorded size and hash, and the bolt structure) and
 * prune (by the retention plan).
 */
import { Transform, Writable, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatBytes } from "../core/units.ts";
import { decompressor } from "../storage/compression.ts";
import { DecryptStream } from "../storage/encryption.ts";
import {
  clusterPrefix,
  parseSnapshotKey,
  SIDECAR_SUFFIX,
  type ParsedKey,
  type SnapshotMetadata,
} from "../storage/keys.ts";
import { planRetention, type Decision, type RetentionPolicy } from "../storage/retention.ts";
import type { SnapshotStore } from "../storage/s3.ts";
import { checkBolt, type BoltMeta } from "./bolt.ts";
import type { StorageConfig } from "./config.ts";
import { TrailerVerifier } from "./snapshot-stream.ts";

export interface StoredSnapshot extends ParsedKey {
  size: number;
  /** Undefined when the sidecar is missing (an interrupted run). */
  metadata?: SnapshotMetadata;
}

export async function listSnapshots(store: SnapshotStore, storage: StorageConfig): Promise<StoredSnapshot[]> {
  const objects = await store.list(clusterPrefix(storage.s3.prefix, storage.clusterName));
  const keys = new Set(objects.map((o) => o.key));
  const out: StoredSnapshot[] = [];
  for (const o of objects) {
    const parsed = parseSnapshotKey(o.key);
    if (!parsed || parsed.cluster !== storage.clusterName) continue;
    const sidecar = o.key + SIDECAR_SUFFIX;
    const metadata = keys.has(sidecar) ? await store.getJson<SnapshotMetadata>(sidecar) : undefined;
    out.push({ ...parsed, size: o.size, ...(metadata ? { metadata } : {}) });
  }
  return out.sort((a, b) => b.time.getTime() - a.time.getTime());
}

export async function resolveKey(
  store: SnapshotStore,
  storage: StorageConfig,
  key?: string,
): Promise<StoredSnapshot> {
  const all = await listSnapshots(store, storage);
  if (key) {
    const found = all.find((s) => s.key === key);
    if (found) return found;
    const parsed = parseSnapshotKey(key);
    if (!parsed)
      throw new ConfigurationError(`input 'key': ${JSON.stringify(key)} is not a kubekeep snapshot key`);
    return { ...parsed, size: 0 };
  }
  const newest = all.find((s) => s.metadata) ?? all[0];
  if (!newest) {
    throw new ConfigurationError(
      `no snapshots of cluster '${storage.clusterName}' under s3://${storage.s3.bucket}/${clusterPrefix(storage.s3.prefix, storage.clusterName)}`,
    );
  }
  return newest;
}

export interface VerifyResult {
  dbSize: number;
  sha256: string;
  objectSize: number;
  bolt: BoltMeta;
}

/**
 * Streams a stored snapshot through decryption, decompression and the trailer
 * check into `sink` (a file for restore; nothing for verify), then checks it
 * against its metadata and bolt's structure.
 */
export async function verifyStored(
  store: SnapshotStore,
  storage: StorageConfig,
  snap: ParsedKey & { metadata?: SnapshotMetadata },
  logger: Logger,
  sink?: Writable,
): Promise<VerifyResult> {
  if (snap.encrypted && !storage.encryptionKey) {
    throw new ConfigurationError(`snapshot ${snap.key} is encrypted: give encryption-key`);
  }
  const { body, size } = await store.download(snap.key);
  let objectSize = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      objectSize += chunk.length;
      cb(null, chunk);
    },
  });
  const verifier = new TrailerVerifier();
  const stages: (Readable | Writable)[] = [body, counter];
  if (snap.encrypted && storage.encryptionKey) stages.push(new DecryptStream(storage.encryptionKey));
  const dec = decompressor(snap.compression);
  if (dec) stages.push(dec);
  stages.push(verifier);
  stages.push(
    sink ??
      new Writable({
        write(_c, _e, cb) {
          cb();
        },
      }),
  );
  logger.info(`checking ${snap.key} (${formatBytes(size)})`);
  await pipeline(stages as unknown as [Readable, Writable]);
  const result = verifier.result;
  if (!result) throw new Error("verification produced no result");
  const meta = snap.metadata;
  if (meta && meta.sha256 !== result.sha256) {
    throw new Error(`snapshot ${snap.key}: sha256 ${result.sha256} differs from the recorded ${meta.sha256}`);
  }
  if (meta && meta.dbSize !== result.dbSize) {
    throw new Error(`snapshot ${snap.key}: ${result.dbSize} bytes differ from the recorded ${meta.dbSize}`);
  }
  const bolt = checkBolt(result.head, result.dbSize);
  return { dbSize: result.dbSize, sha256: result.sha256, objectSize, bolt };
}

/** Marks a snapshot verified in its sidecar. */
export async function markVerified(store: SnapshotStore, meta: SnapshotMetadata): Promise<SnapshotMetadata> {
  const updated = { ...meta, verified: true, verifiedAt: new Date().toISOString() };
  await store.putJson(meta.key + SIDECAR_SUFFIX, updated);
  return updated;
}

export interface PruneResult {
  decisions: Decision[];
  deleted: string[];
}

export async function prune(
  store: SnapshotStore,
  snapshots: StoredSnapshot[],
  policy: RetentionPolicy,
  dryRun: boolean,
  logger: Logger,
  now = new Date(),
): Promise<PruneResult> {
  const decisions = planRetention(
    snapshots.map((s) => ({ key: s.key, time: s.time, verified: s.metadata?.verified ?? false })),
    policy,
    now,
  );
  const doomed = decisions.filter((d) => !d.keep).map((d) => d.key);
  if (doomed.length === 0) {
    logger.info(`retention: all ${decisions.length} snapshots are kept`);
    return { decisions, deleted: [] };
  }
  if (dryRun) {
    logger.info(`retention (dry run): would delete ${doomed.length} of ${decisions.length} snapshots`);
    return { decisions, deleted: [] };
  }
  // Sidecars go with their snapshot; a snapshot without sidecar is no longer listed as complete.
  await store.delete(doomed.flatMap((k) => [k, k + SIDECAR_SUFFIX]));
  logger.info(`retention: deleted ${doomed.length} of ${decisions.length} snapshots`);
  return { decisions, deleted: doomed };
}

export function retentionTable(
  decisions: Decision[],
  dryRun: boolean,
): { header: string[]; rows: string[][]; caption: string } {
  return {
    caption: dryRun ? "Retention (dry run: nothing deleted)" : "Retention",
    header: ["snapshot", "taken (UTC)", "decision", "why"],
    rows: decisions.map((d) => [
      d.key.slice(d.key.lastIndexOf("/") + 1),
      d.time.toISOString().replace(".000Z", "Z"),
      d.keep ? "keep" : dryRun ? "would delete" : "deleted",
      d.reasons.join(", ") || "no rule keeps it",
    ]),
  };
}
