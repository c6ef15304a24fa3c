import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  BoltReader,
  REV_BYTES,
  latestRevisions
} from "./chunk-IGP2PXZW.js";
import {
  maskEtcdSecrets
} from "./chunk-TC45NO27.js";
import {
  SnapshotIntegrityError,
  SnapshotReader,
  listSnapshots,
  markVerified,
  notUsedTable,
  prune,
  reportNotUsed,
  retentionTable,
  sealSidecar,
  verifyStored
} from "./chunk-VSOUHU74.js";
import "./chunk-6EQQZ7XH.js";
import {
  policyIsEmpty
} from "./chunk-IZQS6OXE.js";
import {
  withStore
} from "./chunk-A45PUICA.js";
import "./chunk-YFTWI7CJ.js";
import {
  SIDECAR_SUFFIX,
  clusterPrefix,
  newRunId,
  parseSnapshotKey,
  snapshotKey
} from "./chunk-USUH4Q42.js";
import {
  compressor,
  effectiveCompression
} from "./chunk-SMBKSNSB.js";
import "./chunk-MINQNAAS.js";
import {
  ENCRYPTION_SCHEME,
  EncryptStream,
  boundName,
  keyFingerprint
} from "./chunk-VGEDGZPT.js";
import "./chunk-422FMMWY.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-OB3FCZHL.js";
import "./chunk-PU6KKUXJ.js";
import {
  StallWatchdog,
  stallError
} from "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-3NY4DX7F.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import {
  formatBytes,
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-snapshot/run.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// src/etcd/snapshot.ts
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/etcd/hashkv.ts
var CRC32C = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 2197175160 ^ c >>> 1 : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();
var Crc32c = class {
  crc = 4294967295;
  update(buf) {
    let c = this.crc;
    for (let i = 0; i < buf.length; i++) c = CRC32C[(c ^ buf[i]) & 255] ^ c >>> 8;
    this.crc = c;
  }
  digest() {
    return (this.crc ^ 4294967295) >>> 0;
  }
};
var mainRev = (k) => Number(k.readBigInt64BE(0));
function snapshotRevision(file) {
  const bolt = new BoltReader(file);
  try {
    let revision = 0;
    const keyRoot = bolt.bucket("key");
    if (keyRoot) for (const e of bolt.entries(keyRoot)) revision = Math.max(revision, mainRev(e.key));
    let compactRevision = 0;
    const metaRoot = bolt.bucket("meta");
    if (metaRoot) {
      for (const e of bolt.entries(metaRoot)) {
        if (e.key.toString() === "finishedCompactRev" && e.value.length >= 8)
          compactRevision = mainRev(e.value);
      }
    }
    return { revision, compactRevision };
  } finally {
    bolt.close();
  }
}
function snapshotHashKV(file, compactRevision) {
  const bolt = new BoltReader(file);
  try {
    const keyRoot = bolt.bucket("key");
    const h = new Crc32c();
    h.update(Buffer.from("key"));
    if (!keyRoot) return h.digest();
    const latest = latestRevisions(bolt, keyRoot);
    const keep = new Set([...latest.values()].filter((l) => !l.tombstone).map((l) => l.rev));
    for (const e of bolt.entries(keyRoot)) {
      const main = mainRev(e.key);
      const tombstone = e.key.length > REV_BYTES;
      if (main <= compactRevision && keep.size > 0 && !keep.has(e.key.subarray(0, REV_BYTES).toString("latin1"))) {
        continue;
      }
      if (main === compactRevision && tombstone) continue;
      h.update(e.key);
      h.update(e.value);
    }
    return h.digest();
  } finally {
    bolt.close();
  }
}

// src/etcd/snapshot.ts
async function streamSnapshot(etcd, store, key, options, logger) {
  const { describeGrpcError } = await import("./client-3NA3MCZM.js");
  let nextReport = 0;
  let progress = () => {
  };
  const reader = new SnapshotReader((bytes, total) => {
    progress();
    if (bytes >= nextReport) {
      logger.info(
        `snapshot: ${formatBytes(bytes)} of ${formatBytes(total)} (${total ? Math.floor(bytes / total * 100) : 0}%)`
      );
      nextReport = bytes + Math.max(total / 10, 16 * 1024 * 1024);
    }
  });
  const grpcStream = etcd.snapshot();
  const source = grpcStream;
  const stages = [source, reader];
  const comp = compressor(options.compression);
  if (comp) stages.push(comp);
  if (options.encryptionKey) stages.push(new EncryptStream(options.encryptionKey, boundName(key)));
  let objectSize = 0;
  const body = new Transform({
    highWaterMark: 1024 * 1024,
    transform(chunk, _enc, cb) {
      objectSize += chunk.length;
      cb(null, chunk);
    }
  });
  let sourceError;
  const watchdog = new StallWatchdog({
    timeoutMs: etcd.stallTimeoutMs,
    excused: () => reader.writableNeedDrain,
    onStall: () => {
      sourceError = stallError(
        `etcd at ${etcd.description}`,
        "sent no snapshot data",
        etcd.stallTimeoutMs,
        `check etcd's health and load${etcd.description.includes("port-forward") ? ", and the API server and kubelet on the port-forward path" : " and the network to it"}, or raise stall-timeout`
      );
      grpcStream.cancel();
      source.destroy(sourceError);
    }
  });
  progress = () => watchdog.progress();
  const piped = pipeline([...stages, body]).catch((err) => {
    if (sourceError) throw err;
    if (typeof err.code === "number") {
      sourceError = describeGrpcError(err, etcd.description, "Snapshot");
    } else if (err instanceof SnapshotIntegrityError) sourceError = err;
    throw err;
  }).finally(() => watchdog.stop());
  const uploaded = store.upload(key, body, options.metadata).catch((err) => {
    body.destroy(err);
    throw err;
  });
  const [p, u] = await Promise.allSettled([piped, uploaded]);
  if (sourceError) throw sourceError;
  if (u.status === "rejected") throw u.reason;
  if (p.status === "rejected") throw p.reason;
  if (!reader.result) throw new Error("snapshot stream ended without a result");
  return { ...reader.result, objectSize, etag: u.value.etag };
}
async function confirmStored(store, key, runId, streamed) {
  const head = await store.head(key);
  const where = `s3://${store.config.bucket}/${key}`;
  if (!head) {
    throw new OperationalError(
      `${where} is gone right after its upload; is a prune with another policy running on the same prefix?`
    );
  }
  const theirs = head.metadata["run-id"] ?? "(none)";
  if (theirs !== runId || head.size !== streamed.objectSize || streamed.etag && head.etag !== streamed.etag) {
    throw new OperationalError(
      `${where} is not the object this run wrote (run id ${runId}, ${streamed.objectSize} bytes, ETag ${streamed.etag || "?"}; S3 has run id ${theirs}, ${head.size} bytes, ETag ${head.etag}): another writer replaced it; nothing was recorded or verified for it`
    );
  }
  return head.etag || streamed.etag;
}
async function compareHashKV(etcd, file, logger) {
  const snap = snapshotRevision(file);
  let live;
  try {
    live = await etcd.hashKV(snap.revision);
  } catch (err) {
    const summary2 = `not compared: the member cannot hash revision ${snap.revision} (${errorMessage(err)})`;
    logger.warning(`HashKV ${summary2}`);
    return { result: "not-comparable", summary: summary2 };
  }
  const liveCompact = Math.max(0, live.compactRevision);
  if (liveCompact !== snap.compactRevision) {
    const summary2 = `not compared: compaction moved from ${snap.compactRevision} to ${liveCompact} since the snapshot`;
    logger.warning(`HashKV ${summary2}`);
    return { result: "not-comparable", summary: summary2 };
  }
  const mine = snapshotHashKV(file, liveCompact);
  if (mine !== live.hash) {
    throw new OperationalError(
      `HashKV mismatch at revision ${snap.revision}: the stored snapshot hashes to ${mine}, member ${live.header.memberId} to ${live.hash}; the snapshot does not hold the cluster's key-value history`
    );
  }
  const summary = `${mine} at revision ${snap.revision} (compacted at ${liveCompact}) matches member ${live.header.memberId}`;
  logger.info(`HashKV ${summary}`);
  return {
    result: "match",
    summary,
    hashKV: { revision: snap.revision, hash: mine, compactRevision: liveCompact }
  };
}

// src/capabilities/etcd-snapshot/report.ts
function snapshotResult(o) {
  const { meta } = o;
  const report = newReport("etcd snapshot");
  if (o.retention.kind === "skipped")
    report.notes.push("Retention skipped: the new snapshot was not verified.");
  if (o.retention.kind === "applied") {
    report.tables.push(o.retention.table);
    if (o.retention.notUsed) report.tables.push(o.retention.notUsed);
  }
  report.facts.push(
    ["Snapshot", `s3://${o.bucket}/${meta.key}`],
    ["etcd", `${meta.etcdVersion}, cluster ${meta.clusterId}, revision ${meta.revision}`],
    ["Reached via", o.via],
    ["Database", `${formatBytes(meta.dbSize)}, sha256 ${meta.sha256}`],
    ["Stored", `${formatBytes(meta.objectSize)} (${meta.compression}, encryption ${meta.encryption})`],
    ["Verified", meta.verified ? "yes: downloaded, sha256 and bolt structure checked" : "no"],
    ...o.hashKV ? [["HashKV", o.hashKV.summary]] : [],
    ["Duration", `${formatDuration(o.snapshotMs)} snapshot + upload, ${formatDuration(o.totalMs)} total`]
  );
  return {
    outputs: {
      key: meta.key,
      uri: `s3://${o.bucket}/${meta.key}`,
      size: meta.objectSize,
      "db-size": meta.dbSize,
      sha256: meta.sha256,
      revision: meta.revision,
      "etcd-version": meta.etcdVersion,
      verified: meta.verified,
      hashkv: o.hashKV?.result ?? "",
      duration: Math.round(o.snapshotMs / 1e3),
      deleted: o.retention.kind === "applied" ? o.retention.deleted : 0
    },
    report
  };
}

// src/capabilities/etcd-snapshot/run.ts
function run(config, { logger }) {
  maskEtcdSecrets(logger, config.etcd);
  const started = Date.now();
  return withStore(config.storage, logger, async (store) => {
    await store.checkBucket();
    await abortStaleUploads(store, config, logger);
    const { withEtcd } = await import("./connect-5GUJF434.js");
    const taken = await withEtcd(config.etcd, logger, async (conn) => {
      const stored = await takeSnapshot(conn, store, config, logger, started);
      const snapshotMs = Date.now() - started;
      const verified = config.verify ? await verifySnapshot(conn, store, config, stored, logger) : void 0;
      return { meta: verified?.meta ?? stored, hashKV: verified?.hashKV, via: conn.via, snapshotMs };
    });
    const retention = await applyRetention(store, config, taken.meta, logger);
    return snapshotResult({
      bucket: config.storage.s3.bucket,
      meta: taken.meta,
      via: taken.via,
      ...taken.hashKV ? { hashKV: taken.hashKV } : {},
      snapshotMs: taken.snapshotMs,
      totalMs: Date.now() - started,
      retention
    });
  });
}
async function abortStaleUploads(store, config, logger) {
  const { s3, clusterName } = config.storage;
  try {
    const stale = await store.abortStaleUploads(
      clusterPrefix(s3.prefix, clusterName),
      new Date(Date.now() - 864e5)
    );
    if (stale.length) logger.info(`aborted ${stale.length} stale multipart uploads: ${stale.join(", ")}`);
  } catch (err) {
    logger.warning(`could not list stale multipart uploads (${errorMessage(err)}); continuing`);
  }
}
async function takeSnapshot(conn, store, config, logger, started) {
  const storage = config.storage;
  const status = await logger.group("etcd status", async () => {
    const s = await conn.client.status();
    logger.info(
      `etcd ${s.version} member ${s.header.memberId} of cluster ${s.header.clusterId}: revision ${s.header.revision}, db ${formatBytes(s.dbSize)} (${formatBytes(s.dbSizeInUse)} in use)`
    );
    for (const e of s.errors) logger.warning(`etcd reports: ${e}`);
    return s;
  });
  const compression = effectiveCompression(config.compression);
  if (compression !== config.compression) logger.warning("this Node.js has no zstd; compressing with gzip");
  const now = /* @__PURE__ */ new Date();
  const runId = newRunId();
  const key = snapshotKey(
    storage.s3.prefix,
    storage.clusterName,
    now,
    runId,
    compression,
    !!storage.encryptionKey
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
        ...storage.encryptionKey ? { encryptionKey: storage.encryptionKey } : {},
        metadata: {
          cluster: storage.clusterName,
          "run-id": runId,
          "etcd-version": status.version,
          "cluster-id": status.header.clusterId,
          compression,
          encryption,
          ...fingerprint ? { "key-fingerprint": fingerprint } : {},
          "created-at": now.toISOString()
        }
      },
      logger
    );
    logger.info(
      `uploaded ${formatBytes(r.objectSize)} (database ${formatBytes(r.dbSize)} at revision ${r.revision}, sha256 ${r.sha256}) in ${formatDuration(Date.now() - started)}`
    );
    return r;
  });
  const etag = await confirmStored(store, key, runId, streamed);
  const meta = sealSidecar(
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
      ...fingerprint ? { keyFingerprint: fingerprint } : {},
      verified: false
    },
    storage.encryptionKey
  );
  await store.putJson(key + SIDECAR_SUFFIX, meta, { create: true });
  return meta;
}
function verifySnapshot(conn, store, config, stored, logger) {
  return logger.group("verify the stored snapshot", async () => {
    const tmp = config.verifyHashKV ? fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-hashkv-")) : void 0;
    try {
      const file = tmp ? path.join(tmp, "snapshot.db") : void 0;
      const { prefix } = config.storage.s3;
      const parsed = parseSnapshotKey(stored.key, { prefix, cluster: config.storage.clusterName });
      if (!parsed) throw new Error(`${stored.key} does not parse as a snapshot key`);
      const v = await verifyStored(
        store,
        config.storage,
        { ...parsed, metadata: stored },
        logger,
        file ? fs.createWriteStream(file, { mode: 384 }) : void 0
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
async function applyRetention(store, config, meta, logger) {
  if (policyIsEmpty(config.retention)) return { kind: "none" };
  if (!meta.verified) {
    logger.warning(
      "retention skipped: pruning only happens after the new snapshot is verified (verify: true)"
    );
    return { kind: "skipped" };
  }
  const { result, notUsed } = await logger.group("retention", async () => {
    const listed = await listSnapshots(store, config.storage);
    reportNotUsed(listed.notUsed, logger);
    return {
      result: await prune(store, listed.snapshots, config.retention, config.dryRun, logger),
      notUsed: listed.notUsed
    };
  });
  return {
    kind: "applied",
    deleted: result.deleted.length,
    table: retentionTable(result.decisions, config.dryRun, result.locked),
    ...notUsed.length ? { notUsed: notUsedTable(notUsed) } : {}
  };
}
export {
  run
};
