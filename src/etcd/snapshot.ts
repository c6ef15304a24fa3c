/**
 * `etcd-snapshot`: takes a snapshot over etcd's gRPC Maintenance API and
 * streams it, checked, through compression and encryption into an S3
 * multipart upload: memory stays bounded whatever the database size, and no
 * temporary file is written. Then records metadata, verifies the stored copy
 * and applies the retention policy.
 */
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineCapability } from "../core/capability.ts";
import { errorMessage, OperationalError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { stallError, StallWatchdog } from "../core/stall.ts";
import { formatBytes, formatDuration } from "../core/units.ts";
import { newReport } from "../report/report.ts";
import { compressor, effectiveCompression } from "../storage/compression.ts";
import { boundName, EncryptStream, ENCRYPTION_SCHEME, keyFingerprint } from "../storage/encryption.ts";
import {
  clusterPrefix,
  newRunId,
  parseSnapshotKey,
  SIDECAR_SUFFIX,
  snapshotKey,
  type SnapshotMetadata,
} from "../storage/keys.ts";
import { policyIsEmpty } from "../storage/retention.ts";
import { SnapshotStore } from "../storage/s3.ts";
import {
  listSnapshots,
  markVerified,
  notUsedTable,
  prune,
  reportNotUsed,
  retentionTable,
  sealSidecar,
  verifyStored,
} from "./catalog.ts";
import type { EtcdClient } from "./client.ts";
import { maskSecrets, parseSnapshotConfig, snapshotInputs, type SnapshotConfig } from "./config.ts";
import { snapshotHashKV, snapshotRevision } from "./hashkv.ts";
import { SnapshotIntegrityError, SnapshotReader, type SnapshotStreamResult } from "./snapshot-stream.ts";

export interface StreamedSnapshot extends SnapshotStreamResult {
  objectSize: number;
  /** The stored object's ETag, as the upload's last request returned it. */
  etag: string;
}

/** Streams one snapshot from `etcd` to `key`; throws (with no object left behind) on any failure. */
export async function streamSnapshot(
  etcd: EtcdClient,
  store: SnapshotStore,
  key: string,
  options: {
    compression: SnapshotConfig["compression"];
    encryptionKey?: Buffer;
    metadata: Record<string, string>;
  },
  logger: Logger,
): Promise<StreamedSnapshot> {
  // Already loaded with `etcd` (it is where EtcdClient lives); imported here so
  // that this module does not load gRPC for `--help` or a bad input.
  const { describeGrpcError } = await import("./client.ts");
  let nextReport = 0;
  // Each message etcd sends comes by here: progress.
  let progress = () => {};
  const reader = new SnapshotReader((bytes, total) => {
    progress();
    if (bytes >= nextReport) {
      logger.info(
        `snapshot: ${formatBytes(bytes)} of ${formatBytes(total)} (${total ? Math.floor((bytes / total) * 100) : 0}%)`,
      );
      nextReport = bytes + Math.max(total / 10, 16 * 1024 * 1024);
    }
  });
  const grpcStream = etcd.snapshot();
  const source = grpcStream as unknown as Readable;
  const stages: (Readable | Transform)[] = [source, reader];
  const comp = compressor(options.compression);
  if (comp) stages.push(comp);
  if (options.encryptionKey) stages.push(new EncryptStream(options.encryptionKey, boundName(key)));
  // Counts what is stored without a 'data' listener, which would switch the
  // body to flowing mode and defeat backpressure (and bounded memory).
  let objectSize = 0;
  const body = new Transform({
    highWaterMark: 1024 * 1024,
    transform(chunk: Buffer, _enc, cb) {
      objectSize += chunk.length;
      cb(null, chunk);
    },
  });
  // Errors of the source (etcd, the trailer check) explain a failure better
  // than the upload's reaction to them; otherwise the upload's error does.
  let sourceError: Error | undefined;
  // A frozen etcd (or port-forward) sends nothing and never ends the stream.
  // Quiet while the upload is not taking data is S3's (whose requests have
  // their own stall timeout), not etcd's: it does not count.
  const watchdog = new StallWatchdog({
    timeoutMs: etcd.stallTimeoutMs,
    excused: () => reader.writableNeedDrain,
    onStall: () => {
      sourceError = stallError(
        `etcd at ${etcd.description}`,
        "sent no snapshot data",
        etcd.stallTimeoutMs,
        `check etcd's health and load${etcd.description.includes("port-forward") ? ", and the API server and kubelet on the port-forward path" : " and the network to it"}, or raise stall-timeout`,
      );
      grpcStream.cancel();
      source.destroy(sourceError);
    },
  });
  progress = () => watchdog.progress();
  const piped = pipeline([...stages, body] as unknown as [Readable, Transform])
    .catch((err: unknown) => {
      if (sourceError) throw err;
      if (typeof (err as { code?: unknown }).code === "number") {
        sourceError = describeGrpcError(err, etcd.description, "Snapshot");
      } else if (err instanceof SnapshotIntegrityError) sourceError = err;
      throw err;
    })
    .finally(() => watchdog.stop());
  const uploaded = store.upload(key, body, options.metadata).catch((err: unknown) => {
    // Stop reading from etcd: nothing will take the bytes any more.
    body.destroy(err as Error);
    throw err;
  });
  const [p, u] = await Promise.allSettled([piped, uploaded]);
  if (sourceError) throw sourceError;
  if (u.status === "rejected") throw u.reason;
  if (p.status === "rejected") throw p.reason;
  if (!reader.result) throw new Error("snapshot stream ended without a result");
  return { ...reader.result, objectSize, etag: u.value.etag };
}

/**
 * Proof that the object now at `key` is the one this run wrote: its run-id
 * metadata, size and ETag. Stores that ignore If-None-Match would otherwise
 * let a concurrent writer's object be described, and verified, as ours.
 */
export async function confirmStored(
  store: SnapshotStore,
  key: string,
  runId: string,
  streamed: { objectSize: number; etag: string },
): Promise<string> {
  const head = await store.head(key);
  const where = `s3://${store.config.bucket}/${key}`;
  if (!head) {
    throw new OperationalError(
      `${where} is gone right after its upload; is a prune with another policy running on the same prefix?`,
    );
  }
  const theirs = head.metadata["run-id"] ?? "(none)";
  if (
    theirs !== runId ||
    head.size !== streamed.objectSize ||
    (streamed.etag && head.etag !== streamed.etag)
  ) {
    throw new OperationalError(
      `${where} is not the object this run wrote (run id ${runId}, ${streamed.objectSize} bytes, ETag ${streamed.etag || "?"}; S3 has run id ${theirs}, ${head.size} bytes, ETag ${head.etag}): another writer replaced it; nothing was recorded or verified for it`,
    );
  }
  return head.etag || streamed.etag;
}

interface HashKVCheck {
  result: "match" | "not-comparable";
  summary: string;
  hashKV?: SnapshotMetadata["hashKV"];
}

/**
 * Recomputes etcd's HashKV from the stored snapshot and compares it with the
 * live member's at the snapshot's revision. A mismatch fails the run; a
 * compaction between the two makes them incomparable (a warning).
 */
async function compareHashKV(etcd: EtcdClient, file: string, logger: Logger): Promise<HashKVCheck> {
  const snap = snapshotRevision(file);
  let live;
  try {
    live = await etcd.hashKV(snap.revision);
  } catch (err) {
    const summary = `not compared: the member cannot hash revision ${snap.revision} (${errorMessage(err)})`;
    logger.warning(`HashKV ${summary}`);
    return { result: "not-comparable", summary };
  }
  const liveCompact = Math.max(0, live.compactRevision);
  if (liveCompact !== snap.compactRevision) {
    const summary = `not compared: compaction moved from ${snap.compactRevision} to ${liveCompact} since the snapshot`;
    logger.warning(`HashKV ${summary}`);
    return { result: "not-comparable", summary };
  }
  const mine = snapshotHashKV(file, liveCompact);
  if (mine !== live.hash) {
    throw new OperationalError(
      `HashKV mismatch at revision ${snap.revision}: the stored snapshot hashes to ${mine}, member ${live.header.memberId} to ${live.hash}; the snapshot does not hold the cluster's key-value history`,
    );
  }
  const summary = `${mine} at revision ${snap.revision} (compacted at ${liveCompact}) matches member ${live.header.memberId}`;
  logger.info(`HashKV ${summary}`);
  return {
    result: "match",
    summary,
    hashKV: { revision: snap.revision, hash: mine, compactRevision: liveCompact },
  };
}

export const etcdSnapshot = defineCapability<SnapshotConfig>({
  name: "etcd-snapshot",
  summary: "snapshot etcd over gRPC (mTLS), stream it compressed/encrypted to S3, verify, prune",
  description:
    "Snapshot etcd over its gRPC API (mTLS), directly or by port-forward through the Kubernetes API, and stream it (checked against etcd's sha256 trailer and size, zstd-compressed, optionally encrypted) into an S3 multipart upload with bounded memory; record metadata, verify the stored copy and prune by retention policy.",
  inputs: snapshotInputs,
  outputs: {
    key: "Object key of the snapshot",
    uri: "s3:// URI of the snapshot",
    size: "Bytes stored (after compression and encryption)",
    "db-size": "Bytes of the etcd database",
    sha256: "sha256 of the database (etcd's trailer)",
    revision: "etcd revision when the snapshot started",
    "etcd-version": "etcd server version",
    verified: "true when the stored copy was verified",
    hashkv:
      "match when verify-hashkv compared the snapshot's HashKV with the live member's, not-comparable when a compaction intervened, empty otherwise",
    duration: "Seconds the snapshot and upload took",
    deleted: "Snapshots deleted by retention",
  },
  parse: parseSnapshotConfig,
  async run(config, { logger }) {
    maskSecrets(logger, config);
    const started = Date.now();
    const storage = config.storage;
    const store = await SnapshotStore.open(storage.s3);
    const report = newReport("etcd snapshot");
    try {
      await store.checkBucket();
      // Parts of runs that died with S3 (which then could not take their
      // abort) are cleaned up here. A day leaves concurrent runs alone, even
      // one streaming a large database over a slow link for hours.
      try {
        const stale = await store.abortStaleUploads(
          clusterPrefix(storage.s3.prefix, storage.clusterName),
          new Date(Date.now() - 86_400_000),
        );
        if (stale.length) logger.info(`aborted ${stale.length} stale multipart uploads: ${stale.join(", ")}`);
      } catch (err) {
        logger.warning(`could not list stale multipart uploads (${errorMessage(err)}); continuing`);
      }
      // gRPC is loaded here, when etcd is about to be reached: not by `--help`, nor by a run that
      // fails on its inputs or on S3 first (bench/startup).
      const { openEtcd } = await import("./connect.ts");
      const conn = await openEtcd(config.etcd, logger);
      let meta: SnapshotMetadata;
      let snapshotDuration = 0;
      let hashKV: HashKVCheck | undefined;
      let streamed: StreamedSnapshot;
      try {
        const status = await logger.group("etcd status", async () => {
          const s = await conn.client.status();
          logger.info(
            `etcd ${s.version} member ${s.header.memberId} of cluster ${s.header.clusterId}: revision ${s.header.revision}, db ${formatBytes(s.dbSize)} (${formatBytes(s.dbSizeInUse)} in use)`,
          );
          for (const e of s.errors) logger.warning(`etcd reports: ${e}`);
          return s;
        });
        const compression = effectiveCompression(config.compression);
        if (compression !== config.compression)
          logger.warning("this Node.js has no zstd; compressing with gzip");
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
        const fingerprint = storage.encryptionKey
          ? keyFingerprint(storage.encryptionKey).toString("hex")
          : "";
        streamed = await logger.group(`snapshot to s3://${storage.s3.bucket}/${key}`, async () => {
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
        meta = {
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
        };
        meta = sealSidecar(meta, storage.encryptionKey);
        await store.putJson(key + SIDECAR_SUFFIX, meta, { create: true });
        snapshotDuration = Date.now() - started;

        if (config.verify) {
          const stored = meta;
          meta = await logger.group("verify the stored snapshot", async () => {
            // HashKV needs the database as a file (random access to its B+tree).
            const tmp = config.verifyHashKV
              ? fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-hashkv-"))
              : undefined;
            try {
              const file = tmp ? path.join(tmp, "snapshot.db") : undefined;
              const parsed = parseSnapshotKey(key, {
                prefix: storage.s3.prefix,
                cluster: storage.clusterName,
              });
              if (!parsed) throw new Error(`${key} does not parse as a snapshot key`);
              const v = await verifyStored(
                store,
                storage,
                { ...parsed, metadata: stored },
                logger,
                file ? fs.createWriteStream(file, { mode: 0o600 }) : undefined,
              );
              logger.info(
                `verified: sha256 matches, ${v.bolt.highWaterPage} bolt pages of ${v.bolt.pageSize} bytes`,
              );
              if (file) {
                hashKV = await compareHashKV(conn.client, file, logger);
                if (hashKV.hashKV)
                  await store.putJson(
                    key + SIDECAR_SUFFIX,
                    sealSidecar({ ...stored, hashKV: hashKV.hashKV }, storage.encryptionKey),
                  );
                return markVerified(
                  store,
                  hashKV.hashKV ? { ...stored, hashKV: hashKV.hashKV } : stored,
                  storage.encryptionKey,
                );
              }
              return markVerified(store, stored, storage.encryptionKey);
            } finally {
              if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
            }
          });
        }
      } finally {
        await conn.close();
      }

      let deleted = 0;
      if (!policyIsEmpty(config.retention)) {
        if (!meta.verified) {
          logger.warning(
            "retention skipped: pruning only happens after the new snapshot is verified (verify: true)",
          );
          report.notes.push("Retention skipped: the new snapshot was not verified.");
        } else {
          const result = await logger.group("retention", async () => {
            const { snapshots, notUsed } = await listSnapshots(store, storage);
            reportNotUsed(notUsed, logger);
            if (notUsed.length) report.tables.push(notUsedTable(notUsed));
            return prune(store, snapshots, config.retention, config.dryRun, logger);
          });
          deleted = result.deleted.length;
          report.tables.push(retentionTable(result.decisions, config.dryRun, result.locked));
        }
      }

      report.facts.push(
        ["Snapshot", `s3://${storage.s3.bucket}/${meta.key}`],
        ["etcd", `${meta.etcdVersion}, cluster ${meta.clusterId}, revision ${meta.revision}`],
        ["Reached via", conn.via],
        ["Database", `${formatBytes(meta.dbSize)}, sha256 ${meta.sha256}`],
        ["Stored", `${formatBytes(meta.objectSize)} (${meta.compression}, encryption ${meta.encryption})`],
        ["Verified", meta.verified ? "yes: downloaded, sha256 and bolt structure checked" : "no"],
        ...(hashKV ? [["HashKV", hashKV.summary] as [string, string]] : []),
        [
          "Duration",
          `${formatDuration(snapshotDuration)} snapshot + upload, ${formatDuration(Date.now() - started)} total`,
        ],
      );
      return {
        outputs: {
          key: meta.key,
          uri: `s3://${storage.s3.bucket}/${meta.key}`,
          size: meta.objectSize,
          "db-size": meta.dbSize,
          sha256: meta.sha256,
          revision: meta.revision,
          "etcd-version": meta.etcdVersion,
          verified: meta.verified,
          hashkv: hashKV?.result ?? "",
          duration: Math.round(snapshotDuration / 1000),
          deleted,
        },
        report,
      };
    } finally {
      store.close();
    }
  },
});
