/**
 * The export's local index of the tree it wrote (like git's index: on this
 * machine only, never in the tree): for each object file, the listed
 * object's uid and resourceVersion and API version, and the file's identity
 * on disk (size, mtime in nanoseconds, inode). The API server changes an
 * object's resourceVersion on every write, so an object listed again with
 * the same uid, resourceVersion and API version is the same object, and with
 * the same export settings and the same export code its file is the same
 * file: when that file is still where it was, untouched (same size, mtime
 * and inode), the object is neither cleaned, redacted nor turned into YAML,
 * and the file is not read back. Anything else (no cache, other settings,
 * another build, a file edited, moved or replaced) takes the full path,
 * which compares bytes; the tree is the same either way.
 *
 * Lives in $KUBEKEEP_CACHE/export (else ~/.cache/kubekeep/export), one file
 * per tree, named by a hash of the tree's path. It holds names, uids and
 * resourceVersions, never values. Best effort: a cache that cannot be read
 * or written costs speed only.
 */
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { hash } from "./path-set.ts";

// 2: no path (the object's name gives it, and the recorded inode proves it); looked up in the bytes.
const FORMAT = "kubekeep-export-cache 2";
/** A line record() writes: printable ASCII fields (three in the key, one space apart), then numbers. */
const LINE = /^[\x21-\x7e]+ [\x21-\x7e]+ [\x21-\x7e]+\t[\x21-\x7e]+\t\d+\t\d+\t\d+\n$/;
const DIGITS = /^\d{1,20}$/;
const NL = 0x0a;
const TAB = 0x09;

/** A file's identity on disk: what changes when anything rewrites, replaces or edits it. */
export interface FileIdentity {
  size: bigint;
  mtimeNs: bigint;
  ino: bigint;
}

export function identityOf(st: fs.BigIntStats): FileIdentity {
  return { size: st.size, mtimeNs: st.mtimeNs, ino: st.ino };
}

export function sameIdentity(a: FileIdentity, b: FileIdentity): boolean {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ino === b.ino;
}

export function cacheDir(): string {
  return path.join(process.env.KUBEKEEP_CACHE ?? path.join(os.homedir(), ".cache", "kubekeep"), "export");
}

/**
 * What the files depend on besides the objects: the export settings (the
 * fingerprint key only as an HMAC of a constant, never itself), the code
 * that makes files (`code`: a digest of the worker's script and its
 * imports) and the tree's place.
 */
export function settingsFingerprint(
  settings: object,
  fingerprintKey: string | undefined,
  code: string,
): string {
  const json = JSON.stringify(settings, (_k, v: unknown) =>
    v instanceof RegExp ? `/${v.source}/${v.flags}` : v,
  );
  const key = createHmac("sha256", fingerprintKey ?? "")
    .update("kubekeep export cache")
    .digest("hex");
  return createHash("sha256")
    .update(FORMAT)
    .update("\0")
    .update(json)
    .update("\0")
    .update(key)
    .update("\0")
    .update(code)
    .digest("hex");
}

/**
 * A digest of the code that turns objects into files: the worker's script
 * and, from source (export-worker.ts), the modules beside it; a bundle's
 * chunk names are content hashes, so the bundle's entry covers its imports.
 */
export function codeDigest(workerFile: string): string {
  const h = createHash("sha256");
  try {
    const dir = path.dirname(workerFile);
    const names = workerFile.endsWith(".ts")
      ? fs
          .readdirSync(dir)
          .filter((n) => n.endsWith(".ts"))
          .sort()
      : [path.basename(workerFile)];
    for (const n of names)
      h.update(n)
        .update("\0")
        .update(fs.readFileSync(path.join(dir, n)))
        .update("\0");
  } catch {
    // Unreadable code: a digest no cache matches (every object takes the full path).
    h.update(String(Math.random()));
  }
  return h.digest("hex");
}

/** The previous run's entries (read once), and this run's (streamed to a temporary file, renamed at the end). */
export class TreeCache {
  private readonly file: string;
  private readonly dir: string;
  /** Format, settings fingerprint and the tree's path: a cache for anything else is not read. */
  private readonly header: string;
  /**
   * The previous cache's bytes, one line per object ("apiVersion kind uid",
   * tab, resourceVersion, size, mtime, inode), found through `slots` (line
   * start + 1 per slot, open addressing on a hash of the line's key); a line
   * is parsed on a hit only. One buffer and one typed array: at 200,000
   * objects a Map of strings cost three times the memory.
   */
  private previous: Buffer = Buffer.alloc(0);
  private slots = new Int32Array(0);
  private scratch = Buffer.allocUnsafe(1024);
  /** The line the last lookup found, which recordHit() carries over as it is. */
  private hit: { start: number; end: number } | undefined;
  /**
   * Files modified at or after the previous cache was written are not
   * trusted (git's "racily clean" rule): an edit within the same clock tick
   * as our write would leave size, mtime and inode as recorded.
   */
  private racyFrom = 0n;
  private out: number | undefined;
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(root: string, fingerprint: string, dir = cacheDir()) {
    const tree = path.resolve(root);
    this.dir = dir;
    this.file = path.join(dir, `${createHash("sha256").update(tree).digest("hex").slice(0, 32)}.cache`);
    this.header = `${FORMAT}\t${fingerprint}\t${JSON.stringify(tree)}`;
    try {
      this.racyFrom = fs.statSync(this.file, { bigint: true }).mtimeNs;
      this.load(fs.readFileSync(this.file));
    } catch {
      // No cache yet, or unreadable: every object takes the full path.
      this.previous = Buffer.alloc(0);
      this.slots = new Int32Array(0);
    }
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      this.out = fs.openSync(`${this.file}.${process.pid}.tmp`, "w", 0o600);
      this.pending.push(`${this.header}\n`);
    } catch {
      this.out = undefined;
    }
  }

  /** Indexes the lines of a cache with this tree's header (any other is ignored). */
  private load(bytes: Buffer): void {
    const first = bytes.indexOf(NL);
    // Offsets are kept in an Int32Array: a cache of 1 GiB is no cache of ours.
    if (first < 0 || bytes.length >= 2 ** 30 || bytes.toString("latin1", 0, first) !== this.header) return;
    let lines = 0;
    for (let at = bytes.indexOf(NL, first + 1); at >= 0; at = bytes.indexOf(NL, at + 1)) lines++;
    if (lines === 0) return;
    let size = 1024;
    while (size < lines * 2) size *= 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let start = first + 1; start < bytes.length;) {
      let end = bytes.indexOf(NL, start);
      if (end < 0) end = bytes.length; // a torn last line: its key finds no tab, or its fields fail to parse
      const tab = bytes.indexOf(TAB, start);
      if (tab > start && tab < end) {
        let i = hash(bytes, tab - start, start) & mask;
        while (slots[i] !== 0) i = (i + 1) & mask;
        slots[i] = start + 1;
      }
      start = end + 1;
    }
    this.previous = bytes;
    this.slots = slots;
  }

  /**
   * The identity the previous run recorded for this object's file when it is
   * the same object (API version, kind, uid, resourceVersion). The caller
   * checks it against the file where the object's name puts it: only the very
   * file recorded (same inode, size and mtime) matches, so the path itself is
   * not stored (nor trusted: uids may repeat).
   */
  lookup(apiVersion: string, kind: string, uid: string, rv: string): FileIdentity | undefined {
    // A first export (or other settings): nothing to find, no key to build.
    this.hit = undefined;
    if (this.slots.length === 0) return undefined;
    const key = `${apiVersion} ${kind} ${uid}`;
    if (key.length * 3 + 1 > this.scratch.length) this.scratch = Buffer.allocUnsafe(key.length * 3 + 1);
    const n = this.scratch.write(key, 0, "utf8");
    this.scratch[n] = TAB;
    const bytes = this.previous;
    const mask = this.slots.length - 1;
    for (let i = hash(this.scratch, n) & mask; ; i = (i + 1) & mask) {
      const slot = this.slots[i] as number;
      if (slot === 0) return undefined;
      const start = slot - 1;
      // The key and the tab after it.
      if (start + n + 1 > bytes.length || this.scratch.compare(bytes, start, start + n + 1, 0, n + 1) !== 0)
        continue;
      let end = bytes.indexOf(NL, start + n + 1);
      if (end < 0) end = bytes.length;
      const [prv, size, mtime, ino, extra] = bytes.toString("latin1", start + n + 1, end).split("\t");
      if (prv !== rv || extra !== undefined || !size || !mtime || !ino) return undefined;
      if (!DIGITS.test(size) || !DIGITS.test(mtime) || !DIGITS.test(ino)) return undefined;
      const identity = { size: BigInt(size), mtimeNs: BigInt(mtime), ino: BigInt(ino) };
      if (identity.mtimeNs >= this.racyFrom) return undefined;
      this.hit = { start, end };
      return identity;
    }
  }

  /** Records this run's file for the object. Only printable ASCII is cached (else: the full path next time). */
  record(apiVersion: string, kind: string, uid: string, rv: string, id: FileIdentity): void {
    if (this.out === undefined) return;
    const line = `${apiVersion} ${kind} ${uid}\t${rv}\t${id.size}\t${id.mtimeNs}\t${id.ino}\n`;
    if (!LINE.test(line)) return;
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes > 256 * 1024) this.flush();
  }

  /**
   * Records the object the last lookup() found, kept as it was: its line
   * again, copied (the same key, resourceVersion and file identity, checked
   * on the way in), without building and checking it anew.
   */
  recordHit(): void {
    if (this.out === undefined || this.hit === undefined) return;
    const line = this.previous.toString("latin1", this.hit.start, this.hit.end) + "\n";
    this.hit = undefined;
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes > 256 * 1024) this.flush();
  }

  /** Drops the previous run's entries (once every page is handled). */
  forgetPrevious(): void {
    this.hit = undefined;
    this.previous = Buffer.alloc(0);
    this.slots = new Int32Array(0);
  }

  /** Replaces the previous cache with this run's (after the tree's commit). */
  save(): void {
    if (this.out === undefined) return;
    try {
      this.flush();
      fs.closeSync(this.out);
      this.out = undefined;
      fs.renameSync(`${this.file}.${process.pid}.tmp`, this.file);
    } catch {
      this.discard();
    }
    this.sweep();
  }

  /** Removes the caches of trees that are gone (a benchmark's or a test's temporary trees), and stale temporary files. */
  private sweep(): void {
    try {
      const head = Buffer.alloc(4096);
      for (const name of fs.readdirSync(this.dir)) {
        const file = path.join(this.dir, name);
        // A crashed run's temporary file, a day old: nobody is writing it any more.
        if (name.endsWith(".tmp") && Date.now() - fs.statSync(file).mtimeMs > 86_400_000)
          fs.rmSync(file, { force: true });
        if (!name.endsWith(".cache") || file === this.file) continue;
        const fd = fs.openSync(file, "r");
        let n: number;
        try {
          n = fs.readSync(fd, head, 0, head.length, 0);
        } finally {
          fs.closeSync(fd);
        }
        const [format, , tree] = (head.toString("latin1", 0, n).split("\n")[0] ?? "").split("\t");
        if (format !== FORMAT || tree === undefined) continue;
        const where = JSON.parse(tree) as unknown;
        if (typeof where === "string" && path.isAbsolute(where) && !fs.existsSync(where))
          fs.rmSync(file, { force: true });
      }
    } catch {
      // Best effort: another run's cache being replaced, say.
    }
  }

  /**
   * Drops this run's entries; the previous cache stays (a run that failed
   * before its commit left the tree as it was, and files a half-applied
   * commit replaced have other inodes than recorded).
   */
  discard(): void {
    try {
      if (this.out !== undefined) fs.closeSync(this.out);
    } catch {
      // already closed
    }
    this.out = undefined;
    fs.rmSync(`${this.file}.${process.pid}.tmp`, { force: true });
  }

  private flush(): void {
    if (this.out === undefined || this.pending.length === 0) return;
    try {
      fs.writeSync(this.out, this.pending.join(""), null, "latin1");
    } catch {
      this.discard();
    }
    this.pending = [];
    this.pendingBytes = 0;
  }
}
