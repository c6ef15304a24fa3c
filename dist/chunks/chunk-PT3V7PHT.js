import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  asArray,
  asObject,
  isRawNumber,
  linkRefused,
  str
} from "./chunk-4CTNR5KV.js";
import {
  CLUSTER_DIR,
  INDEX_FILE,
  NAMESPACES_DIR,
  toNative
} from "./chunk-YRWW7SUK.js";
import {
  ConfigurationError
} from "./chunk-YBANDQLS.js";

// src/export/diff.ts
var SAMPLE_LIMIT = 1e3;
var ChangeSet = class _ChangeSet {
  count = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  /** Up to SAMPLE_LIMIT file names per change, so memory stays flat on a first export of a large cluster. */
  added = [];
  changed = [];
  removed = [];
  risky = [];
  /** The index changed (a kind newly skipped, say) even when no object did. */
  indexChanged = false;
  static from(data) {
    const c = new _ChangeSet();
    Object.assign(c.count, data.count);
    c.added.push(...data.added);
    c.changed.push(...data.changed);
    c.removed.push(...data.removed);
    c.risky.push(...data.risky);
    c.indexChanged = data.indexChanged;
    return c;
  }
  /** `risks` are the object's `riskOf` reasons, reported when the file was added or changed. */
  record(file, status, risks) {
    this.count[status]++;
    if (status === "unchanged") return;
    const list = status === "added" ? this.added : this.changed;
    if (list.length < SAMPLE_LIMIT) list.push(file);
    for (const why of risks) this.risky.push({ file, change: status, why });
  }
  recordRemoved(files) {
    this.count.removed += files.length;
    this.removed.push(...files.slice(0, SAMPLE_LIMIT));
  }
  get total() {
    return this.count.added + this.count.changed + this.count.removed;
  }
};
function riskOf(o) {
  const kind = str(o.kind);
  const apiVersion = str(o.apiVersion);
  const out = [];
  if (apiVersion.startsWith("rbac.authorization.k8s.io/") && (kind === "ClusterRoleBinding" || kind === "RoleBinding")) {
    const ref = asObject(o.roleRef);
    if (ref?.kind === "ClusterRole" && ref.name === "cluster-admin") out.push(`${kind} to cluster-admin`);
  }
  if (apiVersion.startsWith("rbac.authorization.k8s.io/") && (kind === "ClusterRole" || kind === "Role")) {
    const all = asArray(o.rules).some((r) => {
      const rule = asObject(r);
      return asArray(rule?.verbs).includes("*") && asArray(rule?.resources).includes("*");
    });
    if (all) out.push(`${kind} granting every verb on every resource`);
  }
  if (apiVersion.startsWith("admissionregistration.k8s.io/")) out.push(`admission control: ${kind}`);
  const spec = podSpecOf(o);
  if (spec) out.push(...podRisks(spec));
  return out;
}
function podSpecOf(o) {
  const spec = asObject(o.spec);
  if (!spec) return void 0;
  if (o.kind === "Pod") return spec;
  if (o.kind === "CronJob") return asObject(asObject(asObject(asObject(spec.jobTemplate)?.spec)?.template)?.spec);
  return asObject(asObject(spec.template)?.spec);
}
function podRisks(spec) {
  const out = [];
  for (const f of ["hostNetwork", "hostPID", "hostIPC"]) if (spec[f] === true) out.push(`pod uses ${f}`);
  const containers = [...asArray(spec.initContainers), ...asArray(spec.containers), ...asArray(spec.ephemeralContainers)];
  for (const c of containers) {
    const sc = asObject(asObject(c)?.securityContext);
    const name = str(asObject(c)?.name, "?");
    if (sc?.privileged === true) out.push(`privileged container ${name}`);
    const add = asArray(asObject(sc?.capabilities)?.add).map(String);
    const bad = add.filter(
      (a) => ["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE"].includes(a.replace(/^CAP_/, ""))
    );
    if (bad.length) out.push(`container ${name} adds capabilities ${bad.join(",")}`);
  }
  const hostPaths = asArray(spec.volumes).map(asObject).filter((v) => v?.hostPath).map((v) => str(asObject(v?.hostPath)?.path));
  if (hostPaths.length) out.push(`pod mounts host paths ${hostPaths.join(",")}`);
  return out;
}

// src/export/tree-cache.ts
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// src/export/path-set.ts
var EMPTY = 0;
var PathSet = class {
  /** Live entries. */
  size = 0;
  bytes = Buffer.allocUnsafe(64 * 1024);
  used = 0;
  count = 0;
  starts = new Int32Array(1024);
  lengths = new Int32Array(1024);
  hashes = new Int32Array(1024);
  live = new Uint8Array(1024);
  /** Entry number + 1 per slot (0: empty); a power of two, at most half full. */
  slots = new Int32Array(2048);
  scratch = Buffer.allocUnsafe(4096);
  add(path3) {
    const n = this.encode(path3);
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
  has(path3) {
    const n = this.encode(path3);
    const e = this.find(n, hash(this.scratch, n));
    return e >= 0 && this.live[e] === 1;
  }
  /** Gives back the room kept for growth (once the set is filled): a fifth of its memory. */
  trim() {
    this.bytes = Buffer.from(this.bytes.subarray(0, this.used));
    this.starts = this.starts.slice(0, this.count);
    this.lengths = this.lengths.slice(0, this.count);
    this.hashes = this.hashes.slice(0, this.count);
    this.live = this.live.slice(0, this.count);
  }
  /** Removes the path; true when it was there. */
  delete(path3) {
    const n = this.encode(path3);
    const e = this.find(n, hash(this.scratch, n));
    if (e < 0 || this.live[e] === 0) return false;
    this.live[e] = 0;
    this.size--;
    return true;
  }
  *[Symbol.iterator]() {
    for (let e = 0; e < this.count; e++) {
      const start = this.starts[e];
      if (this.live[e] === 1) yield this.bytes.toString("utf8", start, start + this.lengths[e]);
    }
  }
  /** The path's UTF-8 bytes into the scratch buffer; their length. */
  encode(path3) {
    if (path3.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(path3.length * 3);
    return this.scratch.write(path3, 0, "utf8");
  }
  /** The entry holding the scratch buffer's first `n` bytes, or -1. */
  find(n, h) {
    const mask = this.slots.length - 1;
    for (let i = h & mask; ; i = i + 1 & mask) {
      const slot = this.slots[i];
      if (slot === EMPTY) return -1;
      const e = slot - 1;
      if (this.hashes[e] !== h || this.lengths[e] !== n) continue;
      const start = this.starts[e];
      if (this.scratch.compare(this.bytes, start, start + n, 0, n) === 0) return e;
    }
  }
  place(e) {
    const mask = this.slots.length - 1;
    let i = this.hashes[e] & mask;
    while (this.slots[i] !== EMPTY) i = i + 1 & mask;
    this.slots[i] = e + 1;
  }
  rehash(size) {
    this.slots = new Int32Array(size);
    for (let e = 0; e < this.count; e++) this.place(e);
  }
  growEntries() {
    const grow = (a, make) => {
      const b = make(Math.max(1024, a.length * 2));
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, (n) => new Int32Array(n));
    this.lengths = grow(this.lengths, (n) => new Int32Array(n));
    this.hashes = grow(this.hashes, (n) => new Int32Array(n));
    this.live = grow(this.live, (n) => new Uint8Array(n));
  }
};
function hash(bytes, n, from = 0) {
  let h = 2166136261;
  for (let i = from; i < from + n; i++) h = Math.imul(h ^ bytes[i], 16777619);
  return h | 0;
}

// src/export/tree-cache.ts
var FORMAT = "kubekeep-export-cache 2";
var LINE = /^[\x21-\x7e]+ [\x21-\x7e]+ [\x21-\x7e]+\t[\x21-\x7e]+\t\d+\t\d+\t\d+\n$/;
var DIGITS = /^\d{1,20}$/;
var NL = 10;
var TAB = 9;
function identityOf(st) {
  return { size: st.size, mtimeNs: st.mtimeNs, ino: st.ino };
}
function sameIdentity(a, b) {
  return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ino === b.ino;
}
function cacheDir() {
  return path.join(process.env.KUBEKEEP_CACHE ?? path.join(os.homedir(), ".cache", "kubekeep"), "export");
}
function settingsFingerprint(settings, fingerprintKey, code) {
  const json = JSON.stringify(
    settings,
    (_k, v) => v instanceof RegExp ? `/${v.source}/${v.flags}` : v
  );
  const key = createHmac("sha256", fingerprintKey ?? "").update("kubekeep export cache").digest("hex");
  return createHash("sha256").update(FORMAT).update("\0").update(json).update("\0").update(key).update("\0").update(code).digest("hex");
}
function codeDigest(workerFile) {
  const h = createHash("sha256");
  try {
    const dir = path.dirname(workerFile);
    const names = workerFile.endsWith(".ts") ? fs.readdirSync(dir).filter((n) => n.endsWith(".ts")).sort() : [path.basename(workerFile)];
    for (const n of names)
      h.update(n).update("\0").update(fs.readFileSync(path.join(dir, n))).update("\0");
  } catch {
    h.update(String(Math.random()));
  }
  return h.digest("hex");
}
var TreeCache = class {
  file;
  dir;
  /** Format, settings fingerprint and the tree's path: a cache for anything else is not read. */
  header;
  /**
   * The previous cache's bytes, one line per object ("apiVersion kind uid",
   * tab, resourceVersion, size, mtime, inode), found through `slots` (line
   * start + 1 per slot, open addressing on a hash of the line's key); a line
   * is parsed on a hit only. One buffer and one typed array: at 200,000
   * objects a Map of strings cost three times the memory.
   */
  previous = Buffer.alloc(0);
  slots = new Int32Array(0);
  scratch = Buffer.allocUnsafe(1024);
  /** The line the last lookup found, which recordHit() carries over as it is. */
  hit;
  /**
   * Files modified at or after the previous cache was written are not
   * trusted (git's "racily clean" rule): an edit within the same clock tick
   * as our write would leave size, mtime and inode as recorded.
   */
  racyFrom = 0n;
  out;
  pending = [];
  pendingBytes = 0;
  constructor(root, fingerprint, dir = cacheDir()) {
    const tree = path.resolve(root);
    this.dir = dir;
    this.file = path.join(dir, `${createHash("sha256").update(tree).digest("hex").slice(0, 32)}.cache`);
    this.header = `${FORMAT}	${fingerprint}	${JSON.stringify(tree)}`;
    try {
      this.racyFrom = fs.statSync(this.file, { bigint: true }).mtimeNs;
      this.load(fs.readFileSync(this.file));
    } catch {
      this.previous = Buffer.alloc(0);
      this.slots = new Int32Array(0);
    }
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 448 });
      this.out = fs.openSync(`${this.file}.${process.pid}.tmp`, "w", 384);
      this.pending.push(`${this.header}
`);
    } catch {
      this.out = void 0;
    }
  }
  /** Indexes the lines of a cache with this tree's header (any other is ignored). */
  load(bytes) {
    const first = bytes.indexOf(NL);
    if (first < 0 || bytes.length >= 2 ** 30 || bytes.toString("latin1", 0, first) !== this.header) return;
    let lines = 0;
    for (let at = bytes.indexOf(NL, first + 1); at >= 0; at = bytes.indexOf(NL, at + 1)) lines++;
    if (lines === 0) return;
    let size = 1024;
    while (size < lines * 2) size *= 2;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let start = first + 1; start < bytes.length; ) {
      let end = bytes.indexOf(NL, start);
      if (end < 0) end = bytes.length;
      const tab = bytes.indexOf(TAB, start);
      if (tab > start && tab < end) {
        let i = hash(bytes, tab - start, start) & mask;
        while (slots[i] !== 0) i = i + 1 & mask;
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
  lookup(apiVersion, kind, uid, rv) {
    this.hit = void 0;
    if (this.slots.length === 0) return void 0;
    const key = `${apiVersion} ${kind} ${uid}`;
    if (key.length * 3 + 1 > this.scratch.length) this.scratch = Buffer.allocUnsafe(key.length * 3 + 1);
    const n = this.scratch.write(key, 0, "utf8");
    this.scratch[n] = TAB;
    const bytes = this.previous;
    const mask = this.slots.length - 1;
    for (let i = hash(this.scratch, n) & mask; ; i = i + 1 & mask) {
      const slot = this.slots[i];
      if (slot === 0) return void 0;
      const start = slot - 1;
      if (start + n + 1 > bytes.length || this.scratch.compare(bytes, start, start + n + 1, 0, n + 1) !== 0)
        continue;
      let end = bytes.indexOf(NL, start + n + 1);
      if (end < 0) end = bytes.length;
      const [prv, size, mtime, ino, extra] = bytes.toString("latin1", start + n + 1, end).split("	");
      if (prv !== rv || extra !== void 0 || !size || !mtime || !ino) return void 0;
      if (!DIGITS.test(size) || !DIGITS.test(mtime) || !DIGITS.test(ino)) return void 0;
      const identity = { size: BigInt(size), mtimeNs: BigInt(mtime), ino: BigInt(ino) };
      if (identity.mtimeNs >= this.racyFrom) return void 0;
      this.hit = { start, end };
      return identity;
    }
  }
  /** Records this run's file for the object. Only printable ASCII is cached (else: the full path next time). */
  record(apiVersion, kind, uid, rv, id) {
    if (this.out === void 0) return;
    const line = `${apiVersion} ${kind} ${uid}	${rv}	${id.size}	${id.mtimeNs}	${id.ino}
`;
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
  recordHit() {
    if (this.out === void 0 || this.hit === void 0) return;
    const line = this.previous.toString("latin1", this.hit.start, this.hit.end) + "\n";
    this.hit = void 0;
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes > 256 * 1024) this.flush();
  }
  /** Drops the previous run's entries (once every page is handled). */
  forgetPrevious() {
    this.hit = void 0;
    this.previous = Buffer.alloc(0);
    this.slots = new Int32Array(0);
  }
  /** Replaces the previous cache with this run's (after the tree's commit). */
  save() {
    if (this.out === void 0) return;
    try {
      this.flush();
      fs.closeSync(this.out);
      this.out = void 0;
      fs.renameSync(`${this.file}.${process.pid}.tmp`, this.file);
    } catch {
      this.discard();
    }
    this.sweep();
  }
  /** Removes the caches of trees that are gone (a benchmark's or a test's temporary trees), and stale temporary files. */
  sweep() {
    try {
      const head = Buffer.alloc(4096);
      for (const name of fs.readdirSync(this.dir)) {
        const file = path.join(this.dir, name);
        if (name.endsWith(".tmp") && Date.now() - fs.statSync(file).mtimeMs > 864e5)
          fs.rmSync(file, { force: true });
        if (!name.endsWith(".cache") || file === this.file) continue;
        const fd = fs.openSync(file, "r");
        let n;
        try {
          n = fs.readSync(fd, head, 0, head.length, 0);
        } finally {
          fs.closeSync(fd);
        }
        const [format, , tree] = (head.toString("latin1", 0, n).split("\n")[0] ?? "").split("	");
        if (format !== FORMAT || tree === void 0) continue;
        const where = JSON.parse(tree);
        if (typeof where === "string" && path.isAbsolute(where) && !fs.existsSync(where))
          fs.rmSync(file, { force: true });
      }
    } catch {
    }
  }
  /**
   * Drops this run's entries; the previous cache stays (a run that failed
   * before its commit left the tree as it was, and files a half-applied
   * commit replaced have other inodes than recorded).
   */
  discard() {
    try {
      if (this.out !== void 0) fs.closeSync(this.out);
    } catch {
    }
    this.out = void 0;
    fs.rmSync(`${this.file}.${process.pid}.tmp`, { force: true });
  }
  flush() {
    if (this.out === void 0 || this.pending.length === 0) return;
    try {
      fs.writeSync(this.out, this.pending.join(""), null, "latin1");
    } catch {
      this.discard();
    }
    this.pending = [];
    this.pendingBytes = 0;
  }
};

// src/export/write.ts
import fs2 from "node:fs";
import path2 from "node:path";
var JOURNAL = ".kubekeep-journal.json";
var TreeWriter = class {
  root;
  staging;
  madeDirs = /* @__PURE__ */ new Set();
  staged = [];
  /** Files of the previous tree not written (yet) in this run, relative with `/` separators. */
  unseen = new PathSet();
  /** Object files in the previous tree (what the deletion limit is a share of). */
  previousObjects = 0;
  fresh = false;
  constructor(root) {
    this.root = path2.resolve(root);
    this.staging = `${this.root}.kubekeep-new`;
  }
  /** Finishes or discards an interrupted run, scans the previous tree, opens an empty staging folder. */
  begin() {
    if (fs2.existsSync(path2.join(this.root, ".git"))) {
      throw new ConfigurationError(
        `input 'path': ${this.root} is a git checkout's root; give the export a folder of its own (e.g. cluster-export)`
      );
    }
    const journal = path2.join(this.staging, JOURNAL);
    if (fs2.existsSync(journal)) this.apply(readJournal(journal));
    fs2.rmSync(this.staging, { recursive: true, force: true });
    fs2.mkdirSync(this.staging, { recursive: true });
    this.madeDirs.add(this.staging);
    this.fresh = !fs2.existsSync(this.root);
    this.unseen = new PathSet();
    this.previousObjects = walk(this.root, "", this.unseen, this.root);
    this.unseen.trim();
  }
  /**
   * Stages one file of the new tree when it differs from the previous one,
   * and says how it compares. Synchronous on purpose: small files, and
   * libuv's four-thread pool only adds queueing to what the disk does anyway.
   */
  write(rel, text) {
    return this.writeFile(rel, text).status;
  }
  /**
   * write(), also returning the identity (size, mtime, inode) the file will
   * have in the tree: staged files keep theirs when renamed into place.
   */
  writeFile(rel, text) {
    let status = "added";
    if (this.unseen.delete(rel)) {
      const identity2 = this.sameAsBefore(this.root + path2.sep + toNative(rel), Buffer.from(text));
      if (identity2) return { status: "unchanged", identity: identity2 };
      status = "changed";
    }
    const target = this.staging + path2.sep + toNative(rel);
    this.ensureDir(target.slice(0, target.lastIndexOf(path2.sep)));
    fs2.writeFileSync(target, text);
    const identity = identityOf(fs2.statSync(target, { bigint: true }));
    if (!this.fresh) this.staged.push(rel);
    return { status, identity };
  }
  /**
   * Keeps a file of the previous tree as it is, without reading it, when it
   * is still exactly the file recorded (same size, mtime and inode: see
   * tree-cache.ts). False (and nothing done) otherwise: write() it then.
   */
  keep(rel, identity) {
    if (!this.unseen.has(rel)) return false;
    let st;
    try {
      st = fs2.lstatSync(this.root + path2.sep + toNative(rel), { bigint: true, throwIfNoEntry: false });
    } catch {
      return false;
    }
    if (!st?.isFile() || !sameIdentity(identityOf(st), identity)) return false;
    this.unseen.delete(rel);
    return true;
  }
  /** One buffer for every comparison: objects' files are small. */
  readBuffer = Buffer.alloc(64 * 1024);
  /**
   * Does the file hold exactly `bytes`? Its identity when it does. Reads into
   * one reused buffer (open, read, close): at 50k files readFileSync's stat,
   * allocation and decoding cost half as much again as the reads themselves.
   */
  sameAsBefore(file, bytes) {
    let fd;
    try {
      fd = fs2.openSync(file, "r");
    } catch {
      return void 0;
    }
    try {
      if (this.readBuffer.length <= bytes.length) this.readBuffer = Buffer.alloc(bytes.length * 2);
      let n = 0;
      for (let got = 1; got > 0 && n <= bytes.length; n += got) {
        got = fs2.readSync(fd, this.readBuffer, n, this.readBuffer.length - n, null);
      }
      if (n !== bytes.length || this.readBuffer.compare(bytes, 0, n, 0, n) !== 0) return void 0;
      return identityOf(fs2.fstatSync(fd, { bigint: true }));
    } finally {
      fs2.closeSync(fd);
    }
  }
  /** Writes the journal: from here on the new tree is committed (pure file I/O; unit-tested). */
  seal(removals) {
    const journal = { moves: [...this.staged], removals };
    if (!this.fresh) {
      const file = path2.join(this.staging, JOURNAL);
      fs2.writeFileSync(`${file}.tmp`, JSON.stringify(journal));
      fs2.renameSync(`${file}.tmp`, file);
    }
    return journal;
  }
  /** Commits the staged files and removals into the tree. */
  commit(removals) {
    const journal = this.seal(removals);
    if (this.fresh) {
      fs2.renameSync(this.staging, this.root);
      return;
    }
    this.apply(journal);
    fs2.rmSync(this.staging, { recursive: true, force: true });
  }
  /** Drops the staging folder; the previous tree stays as it was. */
  abort() {
    fs2.rmSync(this.staging, { recursive: true, force: true });
  }
  /** Applies a journal; every step can run again after an interruption. */
  apply(journal) {
    for (const rel of journal.moves) {
      const from = path2.join(this.staging, toNative(rel));
      const to = path2.join(this.root, toNative(rel));
      if (!fs2.existsSync(from)) continue;
      fs2.mkdirSync(path2.dirname(to), { recursive: true });
      fs2.renameSync(from, to);
    }
    for (const rel of journal.removals) {
      fs2.rmSync(path2.join(this.root, toNative(rel)), { force: true });
      for (let dir = path2.dirname(path2.join(this.root, toNative(rel))); dir.startsWith(this.root + path2.sep); dir = path2.dirname(dir)) {
        try {
          fs2.rmdirSync(dir);
        } catch {
          break;
        }
      }
    }
  }
  ensureDir(dir) {
    if (this.madeDirs.has(dir)) return;
    fs2.mkdirSync(dir, { recursive: true });
    for (let d = dir; d.startsWith(this.staging) && !this.madeDirs.has(d); d = path2.dirname(d))
      this.madeDirs.add(d);
  }
};
function discardStaging(root) {
  const staging = `${path2.resolve(root)}.kubekeep-new`;
  if (!fs2.existsSync(path2.join(staging, JOURNAL))) fs2.rmSync(staging, { recursive: true, force: true });
}
function isExportFile(rel) {
  return rel === INDEX_FILE || rel.startsWith(`${CLUSTER_DIR}/`) || rel.startsWith(`${NAMESPACES_DIR}/`);
}
function readJournal(file) {
  const refuse = (why) => new ConfigurationError(
    `${file} is not a journal an export wrote (${why}); if no export is running into this path, remove ${path2.dirname(file)}`
  );
  let j;
  try {
    j = JSON.parse(fs2.readFileSync(file, "utf8"));
  } catch {
    throw refuse("not JSON");
  }
  const { moves, removals } = j ?? {};
  for (const list of [moves, removals]) {
    if (!Array.isArray(list)) throw refuse("no list of moves and removals");
    for (const rel of list)
      if (typeof rel !== "string" || !isTreeFile(rel))
        throw refuse(`entry ${JSON.stringify(rel).slice(0, 200)} is not a file of an export tree`);
  }
  return { moves, removals };
}
function isTreeFile(rel) {
  return isExportFile(rel) && !/[\\\0]/.test(rel) && rel.split("/").every((part) => part !== "" && part !== "." && part !== "..");
}
function walk(root, rel, into, input, depth = 1, top = "") {
  const objectDepth = top === CLUSTER_DIR ? 4 : top === NAMESPACES_DIR ? 5 : 0;
  let objects = 0;
  let entries;
  try {
    entries = fs2.readdirSync(path2.join(root, toNative(rel)), { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isSymbolicLink() && (child === CLUSTER_DIR || child === NAMESPACES_DIR || isExportFile(child)))
      throw new ConfigurationError(linkRefused("path", path2.join(input, toNative(child)), "an export tree"));
    if (e.isDirectory()) objects += walk(root, child, into, input, depth + 1, rel ? top : e.name);
    else if (e.isFile()) {
      into.add(child);
      if (depth === objectDepth) objects++;
    }
  }
  return objects;
}

// src/export/yaml.ts
var asGiven = (keys) => keys;
function toYaml(value, order = asGiven) {
  if (value !== null && typeof value === "object" && !isEmpty(value) && !isRawNumber(value))
    return block(value, "", "", order, 0, "");
  return scalar(value, "") + "\n";
}
function isEmpty(v) {
  if (Array.isArray(v)) return v.length === 0;
  for (const _ in v) return false;
  return true;
}
function block(value, indent, first, order, depth, parentKey) {
  let out = "";
  let prefix = first;
  if (Array.isArray(value)) {
    const inner = indent + "  ";
    for (const item of value) {
      if (item !== null && typeof item === "object" && !isEmpty(item) && !isRawNumber(item)) {
        out += block(item, inner, prefix + "- ", order, depth + 1, "");
      } else {
        out += prefix + "- " + scalar(item, inner) + "\n";
      }
      prefix = indent;
    }
    return out;
  }
  for (const k of order(Object.keys(value), depth, parentKey)) {
    const v = value[k];
    const key = quoteKey(k);
    if (v !== null && typeof v === "object" && !isEmpty(v) && !isRawNumber(v)) {
      out += prefix + key + ":\n";
      const nested = Array.isArray(v) ? indent : indent + "  ";
      out += block(v, nested, nested, order, depth + 1, k);
    } else {
      out += prefix + key + ": " + scalar(v, indent + "  ") + "\n";
    }
    prefix = indent;
  }
  return out;
}
var keyCache = /* @__PURE__ */ new Map();
function quoteKey(k) {
  let q = keyCache.get(k);
  if (q === void 0) {
    q = quoteIfNeeded(k);
    if (keyCache.size < 1e4) keyCache.set(k, q);
  }
  return q;
}
function scalar(v, indent) {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "null";
  if (typeof v === "string") return stringScalar(v, indent);
  if (isRawNumber(v)) return v.rawJSON;
  return Array.isArray(v) ? "[]" : "{}";
}
function stringScalar(s, indent) {
  if (s.includes("\n") && literalOk(s)) {
    const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
    const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
    const body = trailing ? s.slice(0, s.length - trailing) : s;
    const lines = body.split("\n").map((l) => l === "" ? "" : indent + l);
    const extra = trailing > 1 ? "\n".repeat(trailing - 1) : "";
    return "|" + chomp + "\n" + lines.join("\n") + extra;
  }
  return quoteIfNeeded(s);
}
function literalOk(s) {
  if (s.startsWith(" ") || s.startsWith("\n")) return false;
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff\t]/.test(s)) return false;
  return !/ \n|[ ]$/.test(s);
}
var PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@()+=:#,%-]*(?: [A-Za-z0-9_./@()+=:#,%-]+)*$/;
var AMBIGUOUS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN|[-+]?\.(?:inf|Inf|INF))$/;
function quoteIfNeeded(s) {
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) return QUANTITY.test(s) && !/^0[xob]/i.test(s) ? s : JSON.stringify(s);
  if (s === "" || !PLAIN.test(s)) return JSON.stringify(s);
  if (s.length <= 5 && AMBIGUOUS.test(s)) return JSON.stringify(s);
  if (s.includes(" ") && (s.includes(": ") || s.includes(" #")) || s.endsWith(":"))
    return JSON.stringify(s);
  return s;
}
var QUANTITY = /^[0-9]+(?:[A-Za-z]+|%)$/;

export {
  ChangeSet,
  riskOf,
  toYaml,
  settingsFingerprint,
  codeDigest,
  TreeCache,
  TreeWriter,
  discardStaging,
  isExportFile
};
