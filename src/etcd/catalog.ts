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
  boundName,
  DecryptionError,
  DecryptStream,
  keyFingerprint,
  UnboundObjectError,
  WrongKeyError,
  wrongKeyMessage,
} from "../storage/encryption.ts";
import {
  clusterPrefix,
  newestFirst,
  parseSnapshotKey,
  SAFE_KEY_RE,
  SIDECAR_SUFFIX,
  type ParsedKey,
  type SnapshotMetadata,
} from "../storage/keys.ts";
import { isFutureDated, planRetention, type Decision, type RetentionPolicy } from "../storage/retention.ts";
import {
  checkSidecar,
  printableKey,
  SidecarProblem,
  sidecarAuthentic,
  signSidecar,
} from "../storage/sidecar.ts";
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
  /**
   * With an encryption key: read although its authentication is missing (a
   * plain object, an older format), because allow-unauthenticated-snapshots
   * is set or the key input names it. Its encryption need not bind its name.
   */
  unauthenticated?: string;
}

/** An object in the cluster's folder that is not used: why, and its key as safe to print. */
export interface NotUsed {
  key: string;
  reason: string;
  /** Written with another encryption key (its sidecar's fingerprint differs). */
  wrongKey?: boolean;
}

export interface Catalog {
  /** The usable snapshots, newest first (by time, then key). */
  snapshots: StoredSnapshot[];
  /** Everything else in the folder that looks like ours, with why it is left alone. */
  notUsed: NotUsed[];
}

/** Why a stored object is not used; `wrongKey` when it was written with another key. */
interface Refusal {
  reason: string;
  wrongKey?: string;
  /** An older format or a plain object: usable when named, or allowed. */
  unauthenticated?: boolean;
}

/**
 * The snapshots of the configured cluster. Everything read from the bucket
 * is untrusted input: only objects directly in `<prefix><cluster>/` (listed
 * with a delimiter) whose whole name is a snapshot name, dated no later than
 * now (and than their upload) beyond the clock skew, whose sidecar has every
 * field in its form and names them, and (with an encryption key) that are
 * encrypted with an authenticated sidecar, are snapshots. The rest is
 * reported, never chosen, counted or deleted.
 */
export async function listSnapshots(
  store: SnapshotStore,
  storage: StorageConfig,
  now = new Date(),
): Promise<Catalog> {
  const folder = clusterPrefix(storage.s3.prefix, storage.clusterName);
  const { objects, folders } = await store.list(folder);
  const keys = new Set(objects.map((o) => o.key));
  const snapshots: StoredSnapshot[] = [];
  const notUsed: NotUsed[] = folders.map((f) => ({
    key: printableKey(f),
    reason: "a folder inside the cluster's folder: kubekeep never nests snapshots, so nothing in it is used",
  }));
  for (const o of objects) {
    const parsed = parseSnapshotKey(o.key, { prefix: storage.s3.prefix, cluster: storage.clusterName });
    if (!parsed) {
      if (o.key.endsWith(SIDECAR_SUFFIX) && SAFE_KEY_RE.test(o.key)) {
        const of = o.key.slice(0, -SIDECAR_SUFFIX.length);
        // A sidecar: of a listed snapshot, or left by a deletion that took its object only.
        if (keys.has(of) || parseSnapshotKey(of, { prefix: storage.s3.prefix, cluster: storage.clusterName }))
          continue;
      }
      notUsed.push({
        key: printableKey(o.key),
        reason: SAFE_KEY_RE.test(o.key)
          ? "not a snapshot name"
          : "its name has characters outside letters, digits and . _ - /, which no kubekeep key has",
      });
      continue;
    }
    const sidecar = o.key + SIDECAR_SUFFIX;
    const snap: StoredSnapshot = {
      ...parsed,
      size: o.size,
      ...(o.lastModified ? { lastModified: o.lastModified } : {}),
    };
    const verdict = await judge(store, storage, snap, keys.has(sidecar), now);
    if ("reason" in verdict) {
      if (verdict.unauthenticated && storage.allowUnauthenticated) {
        snapshots.push({
          ...snap,
          ...(verdict.metadata ? { metadata: verdict.metadata } : {}),
          unauthenticated: verdict.reason,
        });
      } else
        notUsed.push({ key: o.key, reason: verdict.reason, ...(verdict.wrongKey ? { wrongKey: true } : {}) });
      continue;
    }
    snapshots.push(verdict);
  }
  return { snapshots: snapshots.sort(newestFirst), notUsed };
}

/**
 * The checks of one stored snapshot, in order: its date, its sidecar's form
 * and pairing, then (with a key) its encryption and the sidecar's MAC.
 * Returns the snapshot with its metadata, or why it is not used.
 */
async function judge(
  store: SnapshotStore,
  storage: StorageConfig,
  snap: StoredSnapshot,
  hasSidecar: boolean,
  now: Date | undefined,
): Promise<StoredSnapshot | (Refusal & { metadata?: SnapshotMetadata })> {
  const taken = snap.time.toISOString();
  // Without `now`: a snapshot the key input names, whose date only matters to the choice of the newest.
  if (now && isFutureDated(snap.time, now))
    return { reason: `dated ${taken}, in the future: its name was not given by a run of kubekeep` };
  if (now && snap.lastModified && isFutureDated(snap.time, snap.lastModified))
    return {
      reason: `named ${taken} but stored at ${snap.lastModified.toISOString()}: its name was not given by the run that stored it`,
    };
  let metadata: SnapshotMetadata | undefined;
  if (hasSidecar) {
    let raw: unknown;
    try {
      raw = await store.getJson<unknown>(snap.key + SIDECAR_SUFFIX);
    } catch (err) {
      if (!(err instanceof OperationalError) || !/is not valid JSON/.test(err.message)) throw err;
      return { reason: "its metadata is not valid JSON" };
    }
    if (raw !== undefined) {
      const checked = checkSidecar(raw, snap);
      if (checked instanceof SidecarProblem) return { reason: checked.problem };
      metadata = checked;
    }
  }
  const key = storage.encryptionKey;
  if (key) {
    if (!snap.encrypted)
      return {
        reason:
          "not encrypted, though encryption-key is set: anyone who can write to the bucket can put a plain object there",
        unauthenticated: true,
        ...(metadata ? { metadata } : {}),
      };
    if (metadata?.keyFingerprint) {
      const mine = keyFingerprint(key).toString("hex");
      if (metadata.keyFingerprint !== mine)
        return {
          reason: `written with another encryption key (fingerprint ${metadata.keyFingerprint}; the key given has ${mine})`,
          wrongKey: wrongKeyMessage(metadata.keyFingerprint, mine),
        };
    }
    if (metadata && !sidecarAuthentic(key, metadata)) {
      if (metadata.formatVersion === 1)
        return {
          reason: "its metadata is not authenticated (written before snapshot format 2)",
          unauthenticated: true,
          metadata,
        };
      return {
        reason:
          "its metadata fails authentication with this key: it was altered, or moved here from another snapshot",
      };
    }
  }
  return { ...snap, ...(metadata ? { metadata } : {}) };
}

/**
 * The snapshot to verify or restore: the one named, or the newest complete
 * one (with metadata). Ties in time are broken by key, so two runs of the
 * same millisecond always resolve to the same snapshot. A named snapshot that
 * is not usable is refused with the reason; one that is only unauthenticated
 * (an older format, a plain object) is read with a warning.
 */
export async function resolveKey(
  store: SnapshotStore,
  storage: StorageConfig,
  key?: string,
  logger?: Logger,
): Promise<StoredSnapshot> {
  const where = { prefix: storage.s3.prefix, cluster: storage.clusterName };
  if (key) {
    const parsed = parseSnapshotKey(key, where);
    if (!parsed)
      throw new ConfigurationError(
        `input 'key': ${JSON.stringify(key)} is not a snapshot key of cluster '${storage.clusterName}' (expected ${clusterPrefix(storage.s3.prefix, storage.clusterName)}${storage.clusterName}-etcd-<time>-<run id>.db[.zst|.gz][.enc])`,
      );
    const head = await store.head(key);
    const snap: StoredSnapshot = { ...parsed, size: head?.size ?? 0 };
    if (isFutureDated(snap.time, new Date()))
      logger?.warning(
        `snapshot ${key} is dated ${snap.time.toISOString()}, in the future: read only because the key input names it`,
      );
    const verdict = await judge(store, storage, snap, await store.exists(key + SIDECAR_SUFFIX), undefined);
    if (!("reason" in verdict)) return verdict;
    if (verdict.wrongKey) throw new WrongKeyError(`snapshot ${key}: ${verdict.wrongKey}`);
    if (verdict.unauthenticated && (storage.allowUnauthenticated || snap.encrypted)) {
      logger?.warning(`snapshot ${key} is read although ${verdict.reason}`);
      return {
        ...snap,
        ...(verdict.metadata ? { metadata: verdict.metadata } : {}),
        unauthenticated: verdict.reason,
      };
    }
    throw new OperationalError(
      `snapshot ${key} is not usable: ${verdict.reason}${verdict.unauthenticated ? "; set allow-unauthenticated-snapshots to read it anyway" : ""}`,
    );
  }
  const { snapshots: all, notUsed } = await listSnapshots(store, storage);
  reportNotUsed(notUsed, logger);
  const newest = all.find((s) => s.metadata) ?? all[0];
  const otherKey = notUsed.find((n) => n.wrongKey);
  if (!newest && otherKey)
    throw new WrongKeyError(
      `no snapshot of cluster '${storage.clusterName}' was written with the encryption key given: ${otherKey.key} was ${otherKey.reason}; give the key it was written with`,
    );
  if (!newest) {
    throw new OperationalError(
      `no usable snapshots of cluster '${storage.clusterName}' under s3://${storage.s3.bucket}/${clusterPrefix(storage.s3.prefix, storage.clusterName)}${notUsed.length ? ` (${notUsed.length} object(s) there are not used: see the warnings)` : ""}; check cluster-name and s3-prefix`,
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

/** One warning per object not used, so a forged or stray object is seen, not silently skipped. */
export function reportNotUsed(notUsed: NotUsed[], logger?: Logger): void {
  for (const n of notUsed) logger?.warning(`not used: ${n.key}: ${n.reason}`);
}

/** The table of objects not used, for a report. */
export function notUsedTable(notUsed: NotUsed[]): { header: string[]; rows: string[][]; caption: string } {
  return {
    caption: "Not used (suspicious or not a snapshot): left as they are",
    header: ["object", "why"],
    rows: notUsed.map((n) => [n.key, n.reason]),
  };
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
  snap: ParsedKey & { metadata?: SnapshotMetadata; unauthenticated?: string },
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
  const decrypt =
    snap.encrypted && key
      ? new DecryptStream(key, {
          name: boundName(snap.key),
          keyKnownRight: meta?.keyFingerprint !== undefined,
          allowUnbound: snap.unauthenticated !== undefined,
        })
      : undefined;
  if (decrypt) stages.push(decrypt);
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
    if (err instanceof UnboundObjectError)
      throw new OperationalError(`snapshot ${snap.key} is not usable: ${err.message}`);
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
  if (decrypt?.bound === false)
    logger.warning(
      `${snap.key} is in an older encryption format that does not bind the object's name: it could be an older snapshot copied under this name`,
    );
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
    // Before 0.2.0 the scan also counted free pages a concurrent write had
    // reused, so a snapshot taken under writes may record a revision above its
    // database's. The sha256 and size above already bind this sidecar to this
    // database: such a snapshot is sound, and its database's revision is used.
    if (result.revision > 0 && meta.revision > result.revision)
      logger.warning(
        `${printableKey(snap.key)}: its metadata records revision ${meta.revision}, its database holds ${result.revision} (a kubekeep before 0.2.0 could count a reused free page); using ${result.revision}`,
      );
    else
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

/**
 * The sidecar as a run writes it: with an encryption key, authenticated
 * (format 2, storage/sidecar.ts); without, as it is.
 */
export function sealSidecar(meta: SnapshotMetadata, key: Buffer | undefined): SnapshotMetadata {
  return key ? signSidecar(key, meta) : meta;
}

/**
 * Marks a snapshot verified in its sidecar. An unauthenticated one (read
 * because it was named or allowed) keeps its sidecar as it is: signing it
 * would vouch for what was never authenticated.
 */
export async function markVerified(
  store: SnapshotStore,
  meta: SnapshotMetadata,
  key: Buffer | undefined,
  unauthenticated?: string,
): Promise<SnapshotMetadata> {
  const updated = { ...meta, verified: true, verifiedAt: new Date().toISOString() };
  if (unauthenticated) return updated;
  const sealed = sealSidecar(updated, key);
  await store.putJson(meta.key + SIDECAR_SUFFIX, sealed);
  return sealed;
}

export interface PruneResult {
  decisions: Decision[];
  deleted: string[];
  /** Snapshots the policy would delete that S3 Object Lock holds: left, with why. */
  locked: { key: string; why: string }[];
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
  const planned = decisions.filter((d) => !d.keep).map((d) => d.key);
  if (planned.length === 0) {
    logger.info(`retention: all ${decisions.length} snapshots are kept`);
    return { decisions, deleted: [], locked: [] };
  }
  // An Object Lock retention (or legal hold) still running: the snapshot is
  // left and reported; deleting it would fail, or on a versioned bucket only
  // hide it behind a delete marker.
  const locked: { key: string; why: string }[] = [];
  const doomed: string[] = [];
  for (const k of planned) {
    const why = await store.lockOf(k, now);
    if (why) locked.push({ key: k, why });
    else doomed.push(k);
  }
  for (const l of locked) {
    const d = decisions.find((x) => x.key === l.key) as Decision;
    d.reasons.push(`${l.why}: left in place`);
  }
  if (locked.length)
    logger.warning(
      `retention: ${locked.length} snapshot(s) the policy deletes are held by S3 Object Lock and left in place: ${locked.map((l) => `${l.key} (${l.why})`).join(", ")}`,
    );
  if (dryRun) {
    logger.info(`retention (dry run): would delete ${doomed.length} of ${decisions.length} snapshots`);
    return { decisions, deleted: [], locked };
  }
  // Sidecars go with their snapshot; a snapshot without sidecar is no longer listed as complete.
  if (doomed.length) await store.delete(doomed.flatMap((k) => [k, k + SIDECAR_SUFFIX]));
  logger.info(`retention: deleted ${doomed.length} of ${decisions.length} snapshots`);
  return { decisions, deleted: doomed, locked };
}

export function retentionTable(
  decisions: Decision[],
  dryRun: boolean,
  lockedKeys: { key: string }[] = [],
): { header: string[]; rows: string[][]; caption: string } {
  const locked = new Set(lockedKeys.map((l) => l.key));
  return {
    caption: dryRun ? "Retention (dry run: nothing deleted)" : "Retention",
    header: ["snapshot", "taken (UTC)", "decision", "why"],
    rows: decisions.map((d) => [
      d.key.slice(d.key.lastIndexOf("/") + 1),
      d.time.toISOString().replace(".000Z", "Z"),
      d.keep ? "keep" : locked.has(d.key) ? "locked: kept" : dryRun ? "would delete" : "deleted",
      d.reasons.join(", ") || "no rule keeps it",
    ]),
  };
}
