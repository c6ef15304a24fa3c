/**
 * A reader of a bolt (bbolt) database file: pages, the elements of a B+tree
 * in key order, top-level buckets. Used on snapshot files (the db with
 * etcd's sha256 trailer) to recompute HashKV and to count the keys a
 * snapshot holds. The structure is checked first (./bolt.ts).
 */
import fs from "node:fs";
import { checkBolt } from "./bolt.ts";

const PAGE_HEADER = 16;
const BRANCH = 0x01;
const LEAF = 0x02;
const BUCKET_LEAF = 0x01;
/** An mvcc revision key: 8-byte main, '_', 8-byte sub; a tombstone adds 't'. */
export const REV_BYTES = 17;

export class BoltReader {
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

/**
 * Each user key's newest revision in an mvcc `key` bucket (its elements come
 * in revision order, so the last one seen is the newest), and whether that
 * revision is a tombstone: the key deleted.
 */
export function latestRevisions(
  bolt: BoltReader,
  keyRoot: Buffer,
): Map<string, { rev: string; tombstone: boolean }> {
  const latest = new Map<string, { rev: string; tombstone: boolean }>();
  for (const e of bolt.entries(keyRoot)) {
    latest.set(userKey(e.value), {
      rev: e.key.subarray(0, REV_BYTES).toString("latin1"),
      tombstone: e.key.length > REV_BYTES,
    });
  }
  return latest;
}

/** The keys a snapshot file holds at its newest revision (deleted ones left out), latin1-decoded. */
export function snapshotKeys(file: string): string[] {
  const bolt = new BoltReader(file);
  try {
    const keyRoot = bolt.bucket("key");
    if (!keyRoot) return [];
    return [...latestRevisions(bolt, keyRoot)].filter(([, l]) => !l.tombstone).map(([k]) => k);
  } finally {
    bolt.close();
  }
}
