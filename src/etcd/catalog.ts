/**
 * The snapshots stored for a cluster, each with its sidecar metadata, and the
 * operations on stored snapshots: verify (download, decrypt, decompress, check
 * the sha256 trailer, the recorded size and hash, and the bolt structure) and
 * prune (by the retention plan).
 */
import { Transform, Writable, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ConfigurationError, errorMessage, OperationalError, UserFacingError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatBytes } from "../core/units.ts";
import { decompressor } from "../storage/compression.ts";
import {
  DecryptionError,
  DecryptStream,
  keyFingerprint,
  WrongKeyError,
  wrongKeyMessage,
} from "../storage/encryption.ts";
import {
  clusterPrefix,
  newestFirst,
  parseSnapshotKey,
  SIDECAR_SUFFIX,
  type ParsedKey,
  type SnapshotMetadata,
} from "../storage/keys.ts";
import { planRetention, type Decision, type RetentionPolicy } from "../storage/retention.ts";
import type { SnapshotStore } from "../storage/s3.ts";
import { checkBolt, type BoltMeta } from "./bolt.ts";
import type { StorageConfig } from "../storage/config.ts";
import { SnapshotIntegrityError, TrailerVerifier } from "./snapshot-stream.ts";

export interface StoredSnapshot extends ParsedKey {
  size: number;
  /** When S3 stored it (the upload's completion), where the listing says. */
  lastModified?: Date;
  /** Undefined when the sidecar is missing (an interrupted run, or one writing it right now). */
  metadata?: SnapshotMetadata;
}

/** The snapshots of the configured cluster, newest first (by time, then key). */
export async function listSnapshots(store: SnapshotStore, storage: StorageConfig): Promise<StoredSnapshot[]> {
  const objects = await store.list(clusterPrefix(storage.s3.prefix, storage.clusterName));
  const keys = new Set(objects.map((o) => o.key));
  const out: StoredSnapshot[] = [];
  for (const o of objects) {
    const parsed = parseSnapshotKey(o.key);
    if (!parsed || parsed.cluster !== storage.clusterName) continue;
    const sidecar = o.key + SIDECAR_SUFFIX;
    const metadata = keys.has(sidecar) ? await store.getJson<SnapshotMetadata>(sidecar) : undefined;
    out.push({
      ...parsed,
      size: o.size,
      ...(o.lastModified ? { lastModified: o.lastModified } : {}),
      // A sidecar is only this object's when it names it (and, for new keys, the same run).
      ...(metadata && pairedWith(metadata, parsed) ? { metadata } : {}),
    });
  }
  return out.sort(newestFirst);
}

function pairedWith(meta: SnapshotMetadata, key: ParsedKey): boolean {
  return meta.key === key.key && (!key.runId || !meta.runId || meta.runId === key.runId);
}

/**
 * The snapshot to verify or restore: the one named, or the newest complete
 * one (with metadata). Ties in time are broken by key, so two runs of the
 * same millisecond always resolve to the same snapshot.
 */
export async function resolveKey(
  store: SnapshotStore,
  storage: StorageConfig,
  key?: string,
  logger?: Logger,
): Promise<StoredSnapshot> {
  const all = await listSnapshots(store, storage);
  if (key) {
    const found = all.find((s) => s.key === key);
    if (found) return found;
    const parsed = parseSnapshotKey(key);
    if (!parsed)
      throw new ConfigurationError(
        `input 'key': ${JSON.stringify(key)} is not a kubekeep snapshot key (expected <prefix><cluster>/<cluster>-etcd-<time>-<run id>.db[.zst|.gz][.enc])`,
      );
    const sidecar = await store.getJson<SnapshotMetadata>(key + SIDECAR_SUFFIX);
    return { ...parsed, size: 0, ...(sidecar && pairedWith(sidecar, parsed) ? { metadata: sidecar } : {}) };
  }
  const newest = all.find((s) => s.metadata) ?? all[0];
  if (!newest) {
    throw new OperationalError(
      `no snapshots of cluster '${storage.clusterName}' under s3://${storage.s3.bucket}/${clusterPrefix(storage.s3.prefix, storage.clusterName)}; check cluster-name and s3-prefix`,
    );
  }
  const skipped = all.indexOf(newest);
  if (skipped > 0)
    logger?.warning(
      `skipping ${skipped} newer snapshot(s) without metadata (interrupted, or being written right now): ${all
        .slice(0, skipped)
        .map((s) => s.key)
        .join(", ")}`,
    );
  if (!newest.metadata)
    logger?.warning(`${newest.key} has no metadata: checking its trailer and structure only`);
  return newest;
}

export interface VerifyResult {
  dbSize: number;
  sha256: string;
  objectSize: number;
  /** The store revision the database holds. */
  revision: number;
  bolt: BoltMeta;
}

/** The message of a damaged stored object; an OperationalError naming the key. */
export function corrupt(key: string, detail: string): OperationalError {
  return new OperationalError(`snapshot ${key} is corrupt or truncated: ${detail}`);
}

/** zlib/zstd's complaints about their input (not about memory or the API). */
function isCodecError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === "string" && /^(Z_|ZSTD_|ERR_ZLIB|ERR_ZSTD)/.test(code) && code !== "Z_MEM_ERROR";
}

/**
 * Streams a stored snapshot through decryption, decompression and the trailer
 * check into `sink` (a file for restore; nothing for verify), then checks it
 * against its metadata and bolt's structure. With metadata it checks the
 * object's size, then its ETag, against what the metadata recorded, so a
 * damaged or replaced object is named as such before any bytes are decoded.
 */
export async function verifyStored(
  store: SnapshotStore,
  storage: StorageConfig,
  snap: ParsedKey & { metadata?: SnapshotMetadata },
  logger: Logger,
  sink?: Writable,
): Promise<VerifyResult> {
  const meta = snap.metadata;
  const key = storage.encryptionKey;
  let opened: Awaited<ReturnType<SnapshotStore["download"]>>;
  try {
    opened = await openChecked(store, snap, key);
  } catch (err) {
    // Once the pipeline below runs it ends every stage on failure; a check
    // that fails before it (key, size, ETag) must end the caller's sink
    // itself: a lazily opened file stream would otherwise create its file
    // after the caller has removed it.
    sink?.destroy();
    throw err;
  }
  const { body, size } = opened;
  let objectSize = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      objectSize += chunk.length;
      cb(null, chunk);
    },
  });
  const verifier = new TrailerVerifier();
  const stages: (Readable | Writable)[] = [body, counter];
  if (snap.encrypted && key) stages.push(new DecryptStream(key, meta?.keyFingerprint !== undefined));
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
  try {
    await pipeline(stages as unknown as [Readable, Writable]);
  } catch (err) {
    if (err instanceof WrongKeyError) throw new WrongKeyError(`snapshot ${snap.key}: ${err.message}`);
    if (err instanceof DecryptionError || err instanceof SnapshotIntegrityError || isCodecError(err)) {
      throw corrupt(snap.key, errorMessage(err));
    }
    if (err instanceof UserFacingError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.syscall && e.path) {
      throw new OperationalError(
        `cannot write ${e.path} (${e.code ?? ""} ${e.message}); check the output folder`,
      );
    }
    if (typeof e.code === "string") {
      throw new OperationalError(
        `the download of s3://${storage.s3.bucket}/${snap.key} failed after ${objectSize} bytes (${e.code}: ${e.message}); check the S3 endpoint and retry`,
      );
    }
    throw err;
  }
  const result = verifier.result;
  if (!result) throw new Error("verification produced no result");
  if (meta && meta.sha256 !== result.sha256) {
    throw corrupt(snap.key, `its database hashes to ${result.sha256}, its metadata records ${meta.sha256}`);
  }
  if (meta && meta.dbSize !== result.dbSize) {
    throw corrupt(snap.key, `its database has ${result.dbSize} bytes, its metadata records ${meta.dbSize}`);
  }
  // Sidecars with a run id record the revision read from the database itself.
  if (meta?.runId && meta.revision !== result.revision) {
    throw corrupt(
      snap.key,
      `its database holds revision ${result.revision}, its metadata records ${meta.revision}`,
    );
  }
  let bolt: BoltMeta;
  try {
    bolt = checkBolt(result.head, result.dbSize);
  } catch (err) {
    throw corrupt(snap.key, errorMessage(err));
  }
  return { dbSize: result.dbSize, sha256: result.sha256, objectSize, revision: result.revision, bolt };
}

/**
 * The checks made before a byte is decoded: the key (present, and the one
 * the snapshot was written with), then the stored object's size and ETag
 * against its metadata. Returns the open download.
 */
async function openChecked(
  store: SnapshotStore,
  snap: ParsedKey & { metadata?: SnapshotMetadata },
  key: Buffer | undefined,
): Promise<Awaited<ReturnType<SnapshotStore["download"]>>> {
  const meta = snap.metadata;
  if (snap.encrypted && !key) {
    throw new ConfigurationError(`snapshot ${snap.key} is encrypted: give encryption-key`);
  }
  if (snap.encrypted && key && meta?.keyFingerprint) {
    const mine = keyFingerprint(key).toString("hex");
    if (mine !== meta.keyFingerprint)
      throw new WrongKeyError(`snapshot ${snap.key}: ${wrongKeyMessage(meta.keyFingerprint, mine)}`);
  }
  // The response's own size and ETag are checked (not a HEAD before it), so
  // what is decoded below is exactly the object they describe.
  const opened = await store.download(snap.key);
  const { body, size, etag } = opened;
  if (meta && meta.objectSize !== size) {
    body.destroy();
    throw corrupt(
      snap.key,
      `S3 holds ${size} bytes, its metadata (${snap.key}${SIDECAR_SUFFIX}) records ${meta.objectSize}`,
    );
  }
  if (meta?.etag && etag && meta.etag !== etag) {
    body.destroy();
    throw corrupt(
      snap.key,
      `its ETag is ${etag}, not the recorded ${meta.etag}: the object was altered or written over since the backup`,
    );
  }
  return opened;
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
    snapshots.map((s) => ({
      key: s.key,
      time: s.time,
      verified: s.metadata?.verified ?? false,
      complete: s.metadata !== undefined,
      ...(s.lastModified ? { storedAt: s.lastModified } : {}),
    })),
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
