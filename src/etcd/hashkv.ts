/**
 * etcd's HashKV recomputed from a snapshot file, to compare with the live
 * member's HashKV at the snapshot's revision: proof that the stored database
 * holds exactly the key-value history the cluster has, beyond the byte-level
 * sha256. Reads the bolt file's B+tree directly (root bucket -> "key" and
 * "meta" buckets) and hashes like etcd's kvHasher (storage/mvcc/hash.go):
 * CRC-32C over "key" and every (revision, KeyValue) pair up to the revision,
 * skipping revisions at or below the compaction revision that the key index
 * would not keep (for a revision at the head of history: all but each live
 * key's latest) and a tombstone at exactly the compaction revision.
 */
import fs from "node:fs";
import { checkBolt } from "./bolt.ts";

const PAGE_HEADER = 16;
const BRANCH = 0x01;
const LEAF = 0x02;
const BUCKET_LEAF = 0x01;
const REV_BYTES = 17;

const CRC32C = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[i] = c >>> 0;
  }
  return table;
})();

class Crc32c {
  private crc = 0xffffffff;
  update(buf: Buffer): void {
    let c = this.crc;
    for (let i = 0; i < buf.length; i++) c = (CRC32C[(c ^ (buf[i] as number)) & 0xff] as number) ^ (c >>> 8);
    this.crc = c;
  }
  digest(): number {
    return (this.crc ^ 0xffffffff) >>> 0;
  }
}

class BoltReader {
  private readonly fd: number;
  readonly pageSize: number;
  readonly root: bigint;

  constructor(file: string) {
    this.fd = fs.openSync(file, "r");
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(this.fd, head, 0, head.length, 0);
    const meta = checkBolt(head.subarray(0, n), fs.fstatSync(this.fd).size - 32);
    this.pageSize = meta.pageSize;
    this.root = meta.root;
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  page(id: bigint): Buffer {
    const offset = Number(id) * this.pageSize;
    const first = Buffer.alloc(this.pageSize);
    fs.readSync(this.fd, first, 0, this.pageSize, offset);
    const overflow = first.readUInt32LE(12);
    if (overflow === 0) return first;
    const all = Buffer.alloc(this.pageSize * (overflow + 1));
    fs.readSync(this.fd, all, 0, all.length, offset);
    return all;
  }

  /** Every leaf element of the tree rooted at `page`, in key order. */
  *entries(page: Buffer): Generator<{ key: Buffer; value: Buffer; flags: number }> {
    const flags = page.readUInt16LE(8);
    const count = page.readUInt16LE(10);
    for (let i = 0; i < count; i++) {
      const el = PAGE_HEADER + i * 16;
      if (flags & BRANCH) {
        yield* this.entries(this.page(page.readBigUInt64LE(el + 8)));
      } else if (flags & LEAF) {
        const elFlags = page.readUInt32LE(el);
        const pos = page.readUInt32LE(el + 4);
        const ksize = page.readUInt32LE(el + 8);
        const vsize = page.readUInt32LE(el + 12);
        const start = el + pos;
        yield {
          flags: elFlags,
          key: page.subarray(start, start + ksize),
          value: page.subarray(start + ksize, start + ksize + vsize),
        };
      } else throw new Error(`bolt: page ${page.readBigUInt64LE(0)} is neither branch nor leaf`);
    }
  }

  /** The root page of a top-level bucket, or undefined when absent. */
  bucket(name: string): Buffer | undefined {
    for (const e of this.entries(this.page(this.root))) {
      if (e.flags & BUCKET_LEAF && e.key.toString() === name) {
        const root = e.value.readBigUInt64LE(0);
        // root 0: an inline bucket, its page follows the 16-byte header.
        return root === 0n ? Buffer.from(e.value.subarray(16)) : this.page(root);
      }
    }
    return undefined;
  }
}

/** The user key of an mvccpb.KeyValue (field 1). */
function userKey(kv: Buffer): string {
  if (kv[0] !== 0x0a) return "";
  let len = 0;
  let shift = 0;
  let i = 1;
  for (; i < kv.length; i++) {
    const b = kv[i] as number;
    len |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) break;
    shift += 7;
  }
  return kv.subarray(i + 1, i + 1 + len).toString("latin1");
}

const mainRev = (k: Buffer) => Number(k.readBigInt64BE(0));

export interface SnapshotHashInfo {
  /** The newest revision in the snapshot. */
  revision: number;
  /** The compaction the snapshot had finished. */
  compactRevision: number;
}

/** Reads the revision and finished compaction of a snapshot file (db + sha256 trailer). */
export function snapshotRevision(file: string): SnapshotHashInfo {
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

/**
 * HashKV of the snapshot at its newest revision, with the compaction
 * revision the live member reports for that hash.
 */
export function snapshotHashKV(file: string, compactRevision: number): number {
  const bolt = new BoltReader(file);
  try {
    const keyRoot = bolt.bucket("key");
    const h = new Crc32c();
    h.update(Buffer.from("key"));
    if (!keyRoot) return h.digest();
    // The key index keeps, at the head revision, each live key's latest revision.
    const latest = new Map<string, { rev: string; tombstone: boolean }>();
    for (const e of bolt.entries(keyRoot)) {
      latest.set(userKey(e.value), {
        rev: e.key.subarray(0, REV_BYTES).toString("latin1"),
        tombstone: e.key.length > REV_BYTES,
      });
    }
    const keep = new Set([...latest.values()].filter((l) => !l.tombstone).map((l) => l.rev));
    for (const e of bolt.entries(keyRoot)) {
      const main = mainRev(e.key);
      const tombstone = e.key.length > REV_BYTES;
      if (
        main <= compactRevision &&
        keep.size > 0 &&
        !keep.has(e.key.subarray(0, REV_BYTES).toString("latin1"))
      ) {
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
