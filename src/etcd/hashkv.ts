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
import { BoltReader, latestRevisions, REV_BYTES } from "./bolt-reader.ts";

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
    const latest = latestRevisions(bolt, keyRoot);
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
