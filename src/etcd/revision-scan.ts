/**
 * The store revision a snapshot holds, read from the bolt database as it
 * streams by, without a temporary file: the revision a member restored from
 * it starts at. etcd's restore (mvcc's kvstore restore) takes the newest
 * revision in the `key` bucket, or the finished compaction when that is newer
 * (a compaction can remove a key's last tombstone). The revision etcd's
 * Status reports before the snapshot starts is older whenever writes land in
 * between, so a recorded revision taken from there would lie.
 *
 * A streamed file gives no random access to follow the B+tree, so every page
 * is looked at on its own: leaf pages' elements whose key has the form of an
 * mvcc revision (8-byte main, '_', 8-byte sub, an optional 't' for a
 * tombstone) count toward the maximum, and the `meta` bucket's
 * finishedCompactRev toward the compaction (inline buckets, kept inside their
 * parent's leaf, are read too). Pages on bolt's freelist may still
 * hold stale elements; theirs are older revisions (revisions only grow), so
 * the maximum stays right. A leaf whose elements spill into overflow pages is
 * gathered (up to MAX_GATHER bytes) before it is read; every page is also
 * read on its own, so a stale overflow count never hides a live page.
 */
const PAGE_HEADER = 16;
const LEAF = 0x02;
const BUCKET_LEAF = 0x01;
const BOLT_MAGIC = 0xed0cdaed;
const MAX_GATHER = 64 * 1024 * 1024;
const FINISHED_COMPACT = Buffer.from("finishedCompactRev");

interface Gathering {
  parts: Buffer[];
  have: number;
  need: number;
}

export class RevisionScanner {
  private pageSize = 0;
  private carry: Buffer = Buffer.alloc(0);
  private gathering: Gathering[] = [];
  private disabled = false;
  /** The newest revision seen in a revision-shaped leaf key. */
  keyRevision = 0;
  /** The newest finishedCompactRev seen. */
  compactRevision = 0;

  /** The revision a member restored from the database starts at (0: not a bolt file). */
  get revision(): number {
    return Math.max(this.keyRevision, this.compactRevision);
  }

  add(data: Buffer): void {
    if (this.disabled || data.length === 0) return;
    let off = 0;
    if (!this.pageSize) {
      // Meta page 0: page header, then magic, version, page size.
      const head = this.carry.length ? Buffer.concat([this.carry, data]) : data;
      if (head.length < PAGE_HEADER + 12) {
        this.carry = Buffer.from(head);
        return;
      }
      const size = head.readUInt32LE(PAGE_HEADER + 8);
      if (head.readUInt32LE(PAGE_HEADER) !== BOLT_MAGIC || size < 512 || size > 65536 || size & (size - 1)) {
        this.disabled = true;
        this.carry = Buffer.alloc(0);
        return;
      }
      this.pageSize = size;
    }
    // Only a page cut by a chunk boundary is copied; whole pages are read in place.
    if (this.carry.length) {
      const need = this.pageSize - this.carry.length;
      if (data.length < need) {
        this.carry = Buffer.concat([this.carry, data]);
        return;
      }
      this.page(Buffer.concat([this.carry, data.subarray(0, need)]));
      off = need;
    }
    for (; off + this.pageSize <= data.length; off += this.pageSize) {
      this.page(data.subarray(off, off + this.pageSize));
    }
    this.carry = Buffer.from(data.subarray(off));
  }

  private page(page: Buffer): void {
    if (this.gathering.length) {
      const done: Gathering[] = [];
      for (const g of this.gathering) {
        g.parts.push(Buffer.from(page));
        g.have += page.length;
        if (g.have >= g.need) done.push(g);
      }
      if (done.length) {
        this.gathering = this.gathering.filter((g) => !done.includes(g));
        for (const g of done) this.leaf(Buffer.concat(g.parts));
      }
    }
    if (page.readUInt16LE(8) !== LEAF) return;
    const overflow = page.readUInt32LE(12);
    if (overflow === 0) return this.leaf(page);
    const need = (overflow + 1) * this.pageSize;
    // Bounded in total, so stale headers on freed pages cannot make memory grow.
    const gathered = this.gathering.reduce((n, g) => n + g.need, 0);
    if (gathered + need <= MAX_GATHER)
      this.gathering.push({ parts: [Buffer.from(page)], have: page.length, need });
    // The part of it that is here already may hold keys (they come before large values).
    this.leaf(page);
  }

  private leaf(page: Buffer, depth = 0): void {
    const count = page.readUInt16LE(10);
    for (let i = 0; i < count; i++) {
      const el = PAGE_HEADER + i * 16;
      if (el + 16 > page.length) return;
      const flags = page.readUInt32LE(el);
      const start = el + page.readUInt32LE(el + 4);
      const ksize = page.readUInt32LE(el + 8);
      const vsize = page.readUInt32LE(el + 12);
      if (start + ksize > page.length) continue;
      if (flags === BUCKET_LEAF) {
        // A small bucket (often `meta`, or `key` of a young cluster) lives inline in
        // its parent's leaf: a 16-byte bucket header with root 0, then its page.
        const end = start + ksize + vsize;
        if (end > page.length || vsize < 16 + PAGE_HEADER || depth > 4) continue;
        const value = page.subarray(start + ksize, end);
        if (value.readBigUInt64LE(0) === 0n && value.readUInt16LE(16 + 8) === LEAF) {
          this.leaf(value.subarray(16), depth + 1);
        }
        continue;
      }
      if (flags !== 0) continue;
      const key = page.subarray(start, start + ksize);
      if (isRevisionKey(key)) {
        this.keyRevision = Math.max(this.keyRevision, Number(key.readBigUInt64BE(0)));
      } else if (key.equals(FINISHED_COMPACT) && vsize === 17 && start + ksize + vsize <= page.length) {
        const value = page.subarray(start + ksize, start + ksize + vsize);
        if (isRevisionKey(value)) {
          this.compactRevision = Math.max(this.compactRevision, Number(value.readBigUInt64BE(0)));
        }
      }
    }
  }
}

/** mvcc's revision key: main (int64 BE, < 2^48 here), '_', sub (< 2^32), and 't' for a tombstone. */
function isRevisionKey(k: Buffer): boolean {
  if (k.length !== 17 && !(k.length === 18 && k[17] === 0x74)) return false;
  return k[8] === 0x5f && k[0] === 0 && k[1] === 0 && k[9] === 0 && k[10] === 0 && k[11] === 0 && k[12] === 0;
}
