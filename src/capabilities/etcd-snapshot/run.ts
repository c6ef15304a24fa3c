/**
 * etcd-snapshot's run, phase by phase: clear stale uploads, take the
 * snapshot into the store (etcd/snapshot.ts streams it), verify the stored
 * copy, then apply retention (only after a successful verify).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Result, RunContext } from "../../config/capability.ts";
import { errorMessage } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { formatBytes, formatDuration } from "../../core/units.ts";
import { maskEtcdSecrets } from "../../etcd/access-config.ts";
import {
  listSnapshots,
  markVerified,
  notUsedTable,
  prune,
  reportNotUsed,
  retentionTable,
  sealSidecar,
  verifyStored,
} from "../../etcd/catalog.ts";
import type { EtcdConnection } from "../../etcd/connect.ts";
import { compareHashKV, confirmStored, streamSnapshot, type HashKVCheck } from "../../etcd/snapshot.ts";
import { effectiveCompression } from "../../storage/compression.ts";
import { ENCRYPTION_SCHEME, keyFingerprint } from "../../storage/encryption.ts";
import {
  clusterPrefix,
  newRunId,
  parseSnapshotKey,
  SIDECAR_SUFFIX,
  snapshotKey,
  type SnapshotMetadata,
} from "../../storage/keys.ts";
import { policyIsEmpty } from "../../storage/retention.ts";
import type { SnapshotStore } from "../../storage/s3.ts";
import { withStore } from "../../storage/with-store.ts";
import type { SnapshotConfig } from "./config.ts";
import { snapshotResult, type SnapshotOutcome } from "./report.ts";

export function run(config: SnapshotConfig, { logger }: RunContext): Promise<Result> {
  maskEtcdSecrets(logger, config.etcd);
  const started = Date.now();
  return withStore(config.storage, logger, async (store) => {
    await store.checkBucket();
    await abortStaleUploads(store, config, logger);
    // gRPC is loaded here, when etcd is about to be reached: not by `--help`, nor by a run that
    // fails on its inputs or on S3 first (bench/startup).
    const { withEtcd } = await import("../../etcd/connect.ts");
    const taken = await withEtcd(config.etcd, logger, async (conn) => {
      const stored = await takeSnapshot(conn, store, config, logger, started);
      const snapshotMs = Date.now() - started;
      const verified = config.verify ? await verifySnapshot(conn, store, config, stored, logger) : undefined;
      return { meta: verified?.meta ?? stored, hashKV: verified?.hashKV, via: conn.via, snapshotMs };
    });
    const retention = await applyRetention(store, config, taken.meta, logger);
    return snapshotResult({
      bucket: config.storage.s3.bucket,
      meta: taken.meta,
      via: taken.via,
      ...(taken.hashKV ? { hashKV: taken.hashKV } : {}),
      snapshotMs: taken.snapshotMs,
      totalMs: Date.now() - started,
      retention,
    });
  });
}

/**
 * Parts of runs that died with S3 (which then could not take their abort)
 * are cleaned up here. A day leaves concurrent runs alone, even one
 * streaming a large database over a slow link for hours.
 */
async function abortStaleUploads(
  store: SnapshotStore,
  config: SnapshotConfig,
  logger: Logger,
): Promise<void> {
  const { s3, clusterName } = config.storage;
  try {
    const stale = await store.abortStaleUploads(
      clusterPrefix(s3.prefix, clusterName),
      new Date(Date.now() - 86_400_000),
    );
    if (stale.length) logger.info(`aborted ${stale.length} stale multipart uploads: ${stale.join(", ")}`);
  } catch (err) {
    logger.warning(`could not list stale multipart uploads (${errorMessage(err)}); continuing`);
  }
}

/** Streams the snapshot to a key of its own, proves the stored object is ours and writes its sidecar. */
async function takeSnapshot(
  conn: EtcdConnection,
  store: SnapshotStore,
  config: SnapshotConfig,
  logger: Logger,
  started: number,
): Promise<SnapshotMetadata> {
  const storage = config.storage;
  const status = await logger.group("etcd status", async () => {
    const s = await conn.client.status();
    logger.info(
      `etcd ${s.version} member ${s.header.memberId} of cluster ${s.header.clusterId}: revision ${s.header.revision}, db ${formatBytes(s.dbSize)} (${formatBytes(s.dbSizeInUse)} in use)`,
    );
    for (const e of s.errors) logger.warning(`etcd reports: ${e}`);
    return s;
  });
  const compression = effectiveCompression(config.compression);
  if (compression !== config.compression) logger.warning("this Node.js has no zstd; compressing with gzip");
  // A key of its own (time + run id): concurrent runs for the same
  // cluster name never share one, and the conditional upload refuses to
  // replace anything that is there all the same.
  const now = new Date();
  const runId = newRunId();
  const key = snapshotKey(
    storage.s3.prefix,
    storage.clusterName,
    now,
    runId,
    compression,
    !!storage.encryptionKey,
  );
  const encryption = storage.encryptionKey ? ENCRYPTION_SCHEME : "none";
  const fingerprint = storage.encryptionKey ? keyFingerprint(storage.encryptionKey).toString("hex") : "";
  const streamed = await logger.group(`snapshot to s3://${storage.s3.bucket}/${key}`, async () => {
    const r = await streamSnapshot(
      conn.client,
      store,
      key,
      {
        compression,
        ...(storage.encryptionKey ? { encryptionKey: storage.encryptionKey } : {}),
        metadata: {
          cluster: storage.clusterName,
          "run-id": runId,
          "etcd-version": status.version,
          "cluster-id": status.header.clusterId,
          compression,
          encryption,
          ...(fingerprint ? { "key-fingerprint": fingerprint } : {}),
          "created-at": now.toISOString(),
        },
      },
      logger,
    );
    logger.info(
      `uploaded ${formatBytes(r.objectSize)} (database ${formatBytes(r.dbSize)} at revision ${r.revision}, sha256 ${r.sha256}) in ${formatDuration(Date.now() - started)}`,
    );
    return r;
  });
  const etag = await confirmStored(store, key, runId, streamed);
  const meta: SnapshotMetadata = sealSidecar(
    {
      formatVersion: 1,
      key,
      runId,
      etag,
      cluster: storage.clusterName,
      createdAt: now.toISOString(),
      etcdVersion: status.version,
      storageVersion: streamed.storageVersion || status.storageVersion,
      clusterId: status.header.clusterId,
      memberId: status.header.memberId,
      // The database's own revision: Status was read before the snapshot
      // started, and writes landing in between would make it too old.
      revision: streamed.revision,
      dbSize: streamed.dbSize,
      sha256: streamed.sha256,
      objectSize: streamed.objectSize,
      compression,
      encryption,
      ...(fingerprint ? { keyFingerprint: fingerprint } : {}),
      verified: false,
    },
    storage.encryptionKey,
  );
  // With a key, authenticated (format 2): a reader holding the key uses it only if its MAC verifies.
  await store.putJson(key + SIDECAR_SUFFIX, meta, { create: true });
  return meta;
}

/** Downloads and checks the stored copy (and its HashKV when asked), then marks it verified. */
function verifySnapshot(
  conn: EtcdConnection,
  store: SnapshotStore,
  config: SnapshotConfig,
  stored: SnapshotMetadata,
  logger: Logger,
): Promise<{ meta: SnapshotMetadata; hashKV?: HashKVCheck }> {
  return logger.group("verify the stored snapshot", async () => {
    // HashKV needs the database as a file (random access to its B+tree).
    const tmp = config.verifyHashKV ? fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-hashkv-")) : undefined;
    try {
      const file = tmp ? path.join(tmp, "snapshot.db") : undefined;
      const { prefix } = config.storage.s3;
      const parsed = parseSnapshotKey(stored.key, { prefix, cluster: config.storage.clusterName });
      if (!parsed) throw new Error(`${stored.key} does not parse as a snapshot key`);
      const v = await verifyStored(
        store,
        config.storage,
        { ...parsed, metadata: stored },
        logger,
        file ? fs.createWriteStream(file, { mode: 0o600 }) : undefined,
      );
      logger.info(`verified: sha256 matches, ${v.bolt.highWaterPage} bolt pages of ${v.bolt.pageSize} bytes`);
      const key = config.storage.encryptionKey;
      if (!file) return { meta: await markVerified(store, stored, key) };
      const hashKV = await compareHashKV(conn.client, file, logger);
      if (!hashKV.hashKV) return { meta: await markVerified(store, stored, key), hashKV };
      const withHash = sealSidecar({ ...stored, hashKV: hashKV.hashKV }, key);
      await store.putJson(stored.key + SIDECAR_SUFFIX, withHash);
      return { meta: await markVerified(store, withHash, key), hashKV };
    } finally {
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
}

/** Prunes by the policy, only once the new snapshot is verified. */
async function applyRetention(
  store: SnapshotStore,
  config: SnapshotConfig,
  meta: SnapshotMetadata,
  logger: Logger,
): Promise<SnapshotOutcome["retention"]> {
  if (policyIsEmpty(config.retention)) return { kind: "none" };
  if (!meta.verified) {
    logger.warning(
      "retention skipped: pruning only happens after the new snapshot is verified (verify: true)",
    );
    return { kind: "skipped" };
  }
  const { result, notUsed } = await logger.group("retention", async () => {
    const listed = await listSnapshots(store, config.storage);
    reportNotUsed(listed.notUsed, logger);
    return {
      result: await prune(store, listed.snapshots, config.retention, config.dryRun, logger),
      notUsed: listed.notUsed,
    };
  });
  return {
    kind: "applied",
    deleted: result.deleted.length,
    table: retentionTable(result.decisions, config.dryRun, result.locked),
    ...(notUsed.length ? { notUsed: notUsedTable(notUsed) } : {}),
  };
}
