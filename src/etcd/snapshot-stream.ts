/**
 * Reads etcd's snapshot stream: the bolt database in chunks, then one last
 * message whose blob is the sha256 of everything before it. The reader holds
 * back the trailing 32 bytes, hashes the rest as it flows through, and only
 * at the end (after checking the hash and the length the server announced)
 * releases the trailer. A bad stream therefore fails the pipeline before the
 * upload completes, and the stored file is exactly what `etcdctl snapshot
 * save` writes (database + sha256), which `etcdutl snapshot restore` checks.
 */
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { OperationalError } from "../core/errors.ts";
import type { SnapshotResponse } from "./proto.ts";
import { RevisionScanner } from "./revision-scan.ts";

export const SHA256_SIZE = 32;

/** etcd sent a stream that does not check out: a peer's failure, named as such. */
export class SnapshotIntegrityError extends OperationalError {
  override name = "SnapshotIntegrityError";
}

export interface SnapshotStreamResult {
  /** Bytes of the bolt database, without the trailer. */
  dbSize: number;
  /** The size the server announced at the start of the stream. */
  announcedSize: number;
  /** Hex sha256 of the database, equal to the trailer. */
  sha256: string;
  /** etcd storage version the server reported (3.6+), e.g. 3.6.0. */
  storageVersion: string;
  /** The first bytes of the database (its bolt meta pages), for a structure check. */
  head: Buffer;
  /** The store revision the database holds (see revision-scan.ts). */
  revision: number;
}

export const HEAD_BYTES = 64 * 1024;

/** The database bytes seen so far: their sha256, their count, the first HEAD_BYTES of them and their revision. */
class DatabaseDigest {
  private readonly hash = createHash("sha256");
  readonly revisions = new RevisionScanner();
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;
  bytes = 0;

  add(out: Buffer): void {
    if (out.length === 0) return;
    this.hash.update(out);
    this.revisions.add(out);
    this.bytes += out.length;
    if (this.headLength < HEAD_BYTES) {
      const part = out.subarray(0, HEAD_BYTES - this.headLength);
      this.headChunks.push(Buffer.from(part));
      this.headLength += part.length;
    }
  }
  digest(): Buffer {
    return this.hash.digest();
  }
  head(): Buffer {
    return Buffer.concat(this.headChunks);
  }
}

export class SnapshotReader extends Transform {
  private readonly db = new DatabaseDigest();
  private held = Buffer.alloc(0);
  private announced = -1;
  private version = "";
  private readonly onProgress: ((bytes: number, total: number) => void) | undefined;
  result: SnapshotStreamResult | undefined;

  constructor(onProgress?: (bytes: number, total: number) => void) {
    super({ writableObjectMode: true, readableHighWaterMark: 1024 * 1024 });
    this.onProgress = onProgress;
  }

  override _transform(msg: SnapshotResponse, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.announced < 0) this.announced = msg.remainingBytes + msg.blob.length;
    if (msg.version) this.version = msg.version;
    const blob = msg.blob;
    // Release everything but the last 32 bytes seen so far, without copying
    // the (32 KiB) chunks themselves: the held bytes go first, then the blob.
    if (blob.length >= SHA256_SIZE) {
      this.release(this.held);
      this.release(blob.subarray(0, blob.length - SHA256_SIZE));
      this.held = Buffer.from(blob.subarray(blob.length - SHA256_SIZE));
    } else {
      const data = Buffer.concat([this.held, blob]);
      const cut = Math.max(0, data.length - SHA256_SIZE);
      this.release(data.subarray(0, cut));
      this.held = Buffer.from(data.subarray(cut));
    }
    this.onProgress?.(this.db.bytes, this.announced);
    cb();
  }

  private release(out: Buffer): void {
    if (out.length === 0) return;
    this.db.add(out);
    this.push(out);
  }

  override _flush(cb: TransformCallback): void {
    if (this.announced < 0) return cb(new SnapshotIntegrityError("etcd sent an empty snapshot stream"));
    if (this.held.length < SHA256_SIZE) {
      return cb(new SnapshotIntegrityError("the snapshot stream ended before its sha256 trailer"));
    }
    const sha = this.db.digest();
    if (!sha.equals(this.held)) {
      return cb(
        new SnapshotIntegrityError(
          `snapshot sha256 mismatch: the stream's trailer says ${this.held.toString("hex")}, the ${this.db.bytes} bytes received hash to ${sha.toString("hex")}`,
        ),
      );
    }
    if (this.db.bytes !== this.announced) {
      return cb(
        new SnapshotIntegrityError(
          `snapshot size mismatch: etcd announced ${this.announced} bytes and sent ${this.db.bytes}`,
        ),
      );
    }
    this.result = {
      dbSize: this.db.bytes,
      announcedSize: this.announced,
      sha256: sha.toString("hex"),
      storageVersion: this.version,
      head: this.db.head(),
      revision: this.db.revisions.revision,
    };
    this.push(this.held);
    cb();
  }
}

/**
 * Checks a stored snapshot file's bytes as they stream by (database +
 * trailer): the same trailer check, for `verify` and restore.
 */
export class TrailerVerifier extends Transform {
  private readonly db = new DatabaseDigest();
  private held = Buffer.alloc(0);
  result: { dbSize: number; sha256: string; head: Buffer; revision: number } | undefined;

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    const data = this.held.length ? Buffer.concat([this.held, chunk]) : chunk;
    const release = Math.max(0, data.length - SHA256_SIZE);
    const out = data.subarray(0, release);
    this.held = Buffer.from(data.subarray(release));
    this.db.add(out);
    this.push(chunk);
    cb();
  }

  override _flush(cb: TransformCallback): void {
    const sha = this.db.digest();
    if (this.held.length < SHA256_SIZE || !sha.equals(this.held)) {
      return cb(
        new SnapshotIntegrityError(
          `snapshot sha256 trailer mismatch: trailer ${this.held.toString("hex") || "(missing)"}, content hashes to ${sha.toString("hex")}`,
        ),
      );
    }
    this.result = {
      dbSize: this.db.bytes,
      sha256: sha.toString("hex"),
      head: this.db.head(),
      revision: this.db.revisions.revision,
    };
    cb();
  }
}
