/**
 * A snapshot over etcd's gRPC Maintenance API, streamed, checked, through
 * compression and encryption into an S3 multipart upload: memory stays
 * bounded whatever the database size, and no temporary file is written.
 * Then the proofs a run gives about the stored copy: that it is the object
 * this run wrote, and that its HashKV matches the live member's.
 */
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { errorMessage, OperationalError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { stallError, StallWatchdog } from "../core/stall.ts";
import { formatBytes } from "../core/units.ts";
import { compressor, type Compression } from "../storage/compression.ts";
import { boundName, EncryptStream } from "../storage/encryption.ts";
import type { SnapshotMetadata } from "../storage/keys.ts";
import type { SnapshotStore } from "../storage/s3.ts";
import type { EtcdClient } from "./client.ts";
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
    compression: Compression;
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

export interface HashKVCheck {
  result: "match" | "not-comparable";
  summary: string;
  hashKV?: SnapshotMetadata["hashKV"];
}

/**
 * Recomputes etcd's HashKV from the stored snapshot and compares it with the
 * live member's at the snapshot's revision. A mismatch fails the run; a
 * compaction between the two makes them incomparable (a warning).
 */
export async function compareHashKV(etcd: EtcdClient, file: string, logger: Logger): Promise<HashKVCheck> {
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
