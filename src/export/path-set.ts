/**
 * A set of paths held as bytes: the previous tree's files, which the export
 * keeps for the whole run (what it did not write again is what it removes).
 * At 200,000 files a Set of strings costs about 30 MB of heap (a string, a
 * cons string from the walk and a hash table slot each) and leaves more as
 * garbage; here every path is its UTF-8 bytes in one growing buffer, found
 * through an open-addressing table of entry numbers: about 15 MB, in a few
 * large allocations the allocator gives back when they are dropped.
 *
 * Deleting an entry only marks it, so probes stay valid and a path added
 * again takes its old entry.
 */
const EMPTY = 0;

export class PathSet {
  /** Live entries. */
  size = 0;
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private count = 0;
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  private hashes = new Int32Array(1024);
  private live = new Uint8Array(1024);
  /** Entry number + 1 per slot (0: empty); a power of two, at most half full. */
  private slots = new Int32Array(2048);
  private scratch = Buffer.allocUnsafe(4096);

  add(path: string): void {
    const n = this.encode(path);
    const h = hash(this.scratch, n);
    const found = this.find(n, h);
    if (found >= 0) {
      if (this.live[found] === 0) {
        this.live[found] = 1;
        this.size++;
      }
      return;
    }
    if (this.count >= this.starts.length) this.growEntries();
    if ((this.count + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    if (this.used + n > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.used + n, Math.floor(this.bytes.length * 1.5)));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.scratch.copy(this.bytes, this.used, 0, n);
    const e = this.count++;
    this.starts[e] = this.used;
    this.lengths[e] = n;
    this.hashes[e] = h;
    this.live[e] = 1;
    this.used += n;
    this.size++;
    this.place(e);
  }

  has(path: string): boolean {
    const n = this.encode(path);
    const e = this.find(n, hash(this.scratch, n));
    return e >= 0 && this.live[e] === 1;
  }

  /** Gives back the room kept for growth (once the set is filled): a fifth of its memory. */
  trim(): void {
    this.bytes = Buffer.from(this.bytes.subarray(0, this.used));
    this.starts = this.starts.slice(0, this.count);
    this.lengths = this.lengths.slice(0, this.count);
    this.hashes = this.hashes.slice(0, this.count);
    this.live = this.live.slice(0, this.count);
  }

  /** Removes the path; true when it was there. */
  delete(path: string): boolean {
    const n = this.encode(path);
    const e = this.find(n, hash(this.scratch, n));
    if (e < 0 || this.live[e] === 0) return false;
    this.live[e] = 0;
    this.size--;
    return true;
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (let e = 0; e < this.count; e++) {
      const start = this.starts[e] as number;
      if (this.live[e] === 1) yield this.bytes.toString("utf8", start, start + (this.lengths[e] as number));
    }
  }

  /** The path's UTF-8 bytes into the scratch buffer; their length. */
  private encode(path: string): number {
    if (path.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(path.length * 3);
    return this.scratch.write(path, 0, "utf8");
  }

  /** The entry holding the scratch buffer's first `n` bytes, or -1. */
  private find(n: number, h: number): number {
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i] as number;
      if (slot === EMPTY) return -1;
      const e = slot - 1;
      if (this.hashes[e] !== h || this.lengths[e] !== n) continue;
      const start = this.starts[e] as number;
      if (this.scratch.compare(this.bytes, start, start + n, 0, n) === 0) return e;
    }
  }

  private place(e: number): void {
    const mask = this.slots.length - 1;
    let i = (this.hashes[e] as number) & mask;
    while (this.slots[i] !== EMPTY) i = (i + 1) & mask;
    this.slots[i] = e + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let e = 0; e < this.count; e++) this.place(e);
  }

  private growEntries(): void {
    const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(Math.max(1024, a.length * 2));
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, (n) => new Int32Array(n));
    this.lengths = grow(this.lengths, (n) => new Int32Array(n));
    this.hashes = grow(this.hashes, (n) => new Int32Array(n));
    this.live = grow(this.live, (n) => new Uint8Array(n));
  }
}

/** FNV-1a over the first `n` bytes. */
export function hash(bytes: Uint8Array, n: number, from = 0): number {
  let h = 0x811c9dc5;
  for (let i = from; i < from + n; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h | 0;
}
