/**
 * The store revision a snapshot holds, read from the bolt database as it
 * streams by, without a temporary file: the revision a member restored from
 * it starts at. etcd's restore (mvcc's kvstore restore) takes the newest
 * revision in the `key` bucket, or the finished compaction when that is newer
 * (a compaction can remove a key's last tombstone). The revision etcd's
 * Status reports before the snapshot starts is older whenever writes land in
 * between, so a recorded revision taken from there would lie.
 *
 * Only pages reachable from the database's tree count. bolt's tx.WriteTo
 * copies the file while writers run, so a page that was free when the
 * snapshot's read transaction began may be reused by a later write and
 * reach the snapshot holding NEWER revisions than its tree; counting every
 * leaf page recorded such revisions (seen on a real node: 856 recorded, the
 * restored member at 775). A streamed file gives no random access, so each
 * page is summarised by its page id as it passes (a leaf's newest
 * revision-shaped key and any finishedCompactRev, a branch's children, the
 * `key` and `meta` bucket roots in a leaf of the top-level tree), and the
 * tree is followed at the end from the newest valid meta page. Leaf keys
 * count when they have the form of an mvcc revision (8-byte main, '_',
 * 8-byte sub, an optional 't' for a tombstone). Small buckets (often `meta`)
 * live inline in their parent's leaf and are read in place. A leaf whose
 * elements spill into overflow pages is gathered (up to MAX_GATHER bytes in
 * all) before it is read. When the tree cannot be followed (not a bolt
 * file, a page it names is missing) the revision is 0: unknown.
 */
import { readMeta } from "./bolt.ts";

const PAGE_HEADER = 16;
const BRANCH = 0x01;
const LEAF = 0x02;
const META = 0x04;
const BUCKET_LEAF = 0x01;
const BOLT_MAGIC = 0xed0cdaed;
const MAX_GATHER = 64 * 1024 * 1024;
/** bolt trees are shallow; this only stops a cycle in a damaged file. */
const MAX_DEPTH = 64;
const FINISHED_COMPACT = Buffer.from("finishedCompactRev");
const KEY_BUCKET = Buffer.from("key");
const META_BUCKET = Buffer.from("meta");

const KIND_LEAF = 1;
const KIND_BRANCH = 2;

interface Gathering {
  pgid: number;
  parts: Buffer[];
  have: number;
  need: number;
}

/** A `key` or `meta` bucket named in a leaf: its root page, or its inline contents (root 0). */
interface BucketRef {
  name: "key" | "meta";
  root: number;
  rev: number;
  compact: number;
}

interface LeafSummary {
  rev: number;
  compact: number;
  buckets: BucketRef[];
}

interface Meta {
  root: number;
  pages: number;
  txid: bigint;
}

export class RevisionScanner {
  private pageSize = 0;
  private carry: Buffer = Buffer.alloc(0);
  private gathering: Gathering[] = [];
  private disabled = false;
  /** Page id of the next whole page. */
  private next = 0;
  private metas: Meta[] = [];
  // Per page id, bounded for multi-GiB files: a kind byte and a leaf's newest key revision.
  private kind = new Uint8Array(1024);
  private leafRev = new Float64Array(1024);
  // Few pages have these: branches (their children), leaves naming a finishedCompactRev or buckets.
  private children = new Map<number, Float64Array>();
  private compacts = new Map<number, number>();
  private buckets = new Map<number, BucketRef[]>();
  private cached: { key: number; compact: number } | undefined;

  /** The newest revision in the `key` bucket reachable from the tree (0: unknown). */
  get keyRevision(): number {
    return this.result().key;
  }

  /** The finishedCompactRev in the reachable `meta` bucket (0: none or unknown). */
  get compactRevision(): number {
    return this.result().compact;
  }

  /** The revision a member restored from the database starts at (0: unknown, not a bolt file). */
  get revision(): number {
    const r = this.result();
    return Math.max(r.key, r.compact);
  }

  add(data: Buffer): void {
    if (this.disabled || data.length === 0) return;
    this.cached = undefined;
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
    const pgid = this.next++;
    if (this.gathering.length) {
      const done: Gathering[] = [];
      for (const g of this.gathering) {
        g.parts.push(Buffer.from(page));
        g.have += page.length;
        if (g.have >= g.need) done.push(g);
      }
      if (done.length) {
        this.gathering = this.gathering.filter((g) => !done.includes(g));
        for (const g of done) this.record(g.pgid, summarise(Buffer.concat(g.parts)));
      }
    }
    // bolt writes each page's own id in its header; a page that names another id is
    // the body of an overflow page (or garbage) and is never a node of the tree.
    if (headerId(page) !== pgid) return;
    const flags = page.readUInt16LE(8);
    if (flags === META && pgid < 2) return this.meta(page);
    if (flags === BRANCH) return this.branch(pgid, page);
    if (flags !== LEAF) return;
    const overflow = page.readUInt32LE(12);
    if (overflow > 0) {
      const need = (overflow + 1) * this.pageSize;
      // Bounded in total, so stale headers on freed pages cannot make memory grow.
      const gathered = this.gathering.reduce((n, g) => n + g.need, 0);
      if (gathered + need <= MAX_GATHER)
        this.gathering.push({ pgid, parts: [Buffer.from(page)], have: page.length, need });
    }
    // The part of it that is here already may hold keys (they come before large values).
    this.record(pgid, summarise(page));
  }

  private meta(page: Buffer): void {
    const m = readMeta(page, 0);
    if (typeof m === "string" || m.pageSize !== this.pageSize) return;
    this.metas.push({ root: Number(m.root), pages: Number(m.highWaterPage), txid: m.txid });
  }

  private branch(pgid: number, page: Buffer): void {
    const count = page.readUInt16LE(10);
    if (PAGE_HEADER + count * 16 > page.length) return;
    const kids = new Float64Array(count);
    for (let i = 0; i < count; i++) kids[i] = u64(page, PAGE_HEADER + i * 16 + 8);
    this.grow(pgid);
    this.kind[pgid] = KIND_BRANCH;
    this.children.set(pgid, kids);
  }

  private record(pgid: number, s: LeafSummary): void {
    this.grow(pgid);
    this.kind[pgid] = KIND_LEAF;
    // A gathered overflow leaf is summarised twice (first page, then whole): keep the most.
    this.leafRev[pgid] = Math.max(this.leafRev[pgid] ?? 0, s.rev);
    if (s.compact) this.compacts.set(pgid, Math.max(this.compacts.get(pgid) ?? 0, s.compact));
    if (s.buckets.length && s.buckets.length >= (this.buckets.get(pgid)?.length ?? 0))
      this.buckets.set(pgid, s.buckets);
  }

  private grow(pgid: number): void {
    if (pgid < this.kind.length) return;
    let size = this.kind.length;
    while (size <= pgid) size *= 2;
    const kind = new Uint8Array(size);
    kind.set(this.kind);
    const rev = new Float64Array(size);
    rev.set(this.leafRev);
    this.kind = kind;
    this.leafRev = rev;
  }

  private result(): { key: number; compact: number } {
    this.cached ??= this.follow() ?? { key: 0, compact: 0 };
    return this.cached;
  }

  /** Follows the tree from the newest valid meta page; undefined when it cannot be followed. */
  private follow(): { key: number; compact: number } | undefined {
    if (this.disabled || !this.metas.length) return undefined;
    const meta = this.metas.reduce((a, b) => (b.txid > a.txid ? b : a));
    // The top-level tree's leaves name the buckets.
    const refs: BucketRef[] = [];
    if (!this.walk(meta, meta.root, (pgid) => refs.push(...(this.buckets.get(pgid) ?? [])))) return undefined;
    const key = refs.find((r) => r.name === "key");
    if (!key) return undefined;
    let keyRev = key.rev;
    if (
      key.root &&
      !this.walk(meta, key.root, (pgid) => (keyRev = Math.max(keyRev, this.leafRev[pgid] ?? 0)))
    )
      return undefined;
    // A database without a `meta` bucket has no compaction to add.
    const metaBucket = refs.find((r) => r.name === "meta");
    let compact = metaBucket?.compact ?? 0;
    if (metaBucket?.root) {
      const ok = this.walk(
        meta,
        metaBucket.root,
        (pgid) => (compact = Math.max(compact, this.compacts.get(pgid) ?? 0)),
      );
      if (!ok) return undefined;
    }
    return { key: keyRev, compact };
  }

  /** Visits the leaves under root; false when a page it names was not seen as a branch or leaf. */
  private walk(meta: Meta, root: number, leaf: (pgid: number) => void): boolean {
    const stack: [number, number][] = [[root, 0]];
    while (stack.length) {
      const [pgid, depth] = stack.pop()!;
      if (pgid < 2 || pgid >= meta.pages || pgid >= this.kind.length || depth > MAX_DEPTH) return false;
      if (this.kind[pgid] === KIND_LEAF) leaf(pgid);
      else if (this.kind[pgid] === KIND_BRANCH)
        for (const c of this.children.get(pgid)!) stack.push([c, depth + 1]);
      else return false;
    }
    return true;
  }
}

/** A leaf's newest revision-shaped key, its finishedCompactRev and the `key`/`meta` buckets it names. */
function summarise(page: Buffer, depth = 0): LeafSummary {
  const s: LeafSummary = { rev: 0, compact: 0, buckets: [] };
  const count = page.readUInt16LE(10);
  for (let i = 0; i < count; i++) {
    const el = PAGE_HEADER + i * 16;
    if (el + 16 > page.length) break;
    const flags = page.readUInt32LE(el);
    const start = el + page.readUInt32LE(el + 4);
    const ksize = page.readUInt32LE(el + 8);
    const vsize = page.readUInt32LE(el + 12);
    if (start + ksize > page.length) continue;
    const key = page.subarray(start, start + ksize);
    if (flags === BUCKET_LEAF) {
      const name = key.equals(KEY_BUCKET) ? "key" : key.equals(META_BUCKET) ? "meta" : undefined;
      const end = start + ksize + vsize;
      if (!name || vsize < 16 || end > page.length) continue;
      const value = page.subarray(start + ksize, end);
      const root = u64(value, 0);
      if (root !== 0) {
        s.buckets.push({ name, root, rev: 0, compact: 0 });
        continue;
      }
      // A small bucket lives inline in its parent's leaf: the 16-byte bucket header with
      // root 0, then its page.
      if (vsize < 16 + PAGE_HEADER || depth > 4 || value.readUInt16LE(16 + 8) !== LEAF) continue;
      const inline = summarise(value.subarray(16), depth + 1);
      s.buckets.push({ name, root: 0, rev: inline.rev, compact: inline.compact });
      continue;
    }
    if (flags !== 0) continue;
    if (isRevisionKey(key)) {
      s.rev = Math.max(s.rev, Number(key.readBigUInt64BE(0)));
    } else if (key.equals(FINISHED_COMPACT) && vsize === 17 && start + ksize + vsize <= page.length) {
      const value = page.subarray(start + ksize, start + ksize + vsize);
      if (isRevisionKey(value)) s.compact = Math.max(s.compact, Number(value.readBigUInt64BE(0)));
    }
  }
  return s;
}

/** mvcc's revision key: main (int64 BE, < 2^48 here), '_', sub (< 2^32), and 't' for a tombstone. */
function isRevisionKey(k: Buffer): boolean {
  if (k.length !== 17 && !(k.length === 18 && k[17] === 0x74)) return false;
  return k[8] === 0x5f && k[0] === 0 && k[1] === 0 && k[9] === 0 && k[10] === 0 && k[11] === 0 && k[12] === 0;
}

function headerId(page: Buffer): number {
  return u64(page, 0);
}

/** A little-endian uint64 as a number (page ids stay far below 2^53; larger ones read as huge). */
function u64(b: Buffer, off: number): number {
  return b.readUInt32LE(off + 4) * 2 ** 32 + b.readUInt32LE(off);
}
