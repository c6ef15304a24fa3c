import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  checkBolt,
  readMeta
} from "./chunk-6EQQZ7XH.js";
import {
  isFutureDated,
  planRetention
} from "./chunk-IZQS6OXE.js";
import {
  SAFE_KEY_RE,
  SIDECAR_SUFFIX,
  clusterPrefix,
  newestFirst,
  parseSnapshotKey
} from "./chunk-USUH4Q42.js";
import {
  COMPRESSIONS,
  decompressor
} from "./chunk-SMBKSNSB.js";
import {
  DecryptStream,
  DecryptionError,
  ENCRYPTION_SCHEME,
  UnboundObjectError,
  WrongKeyError,
  boundName,
  keyFingerprint,
  wrongKeyMessage
} from "./chunk-VGEDGZPT.js";
import {
  formatBytes
} from "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  OperationalError,
  UserFacingError,
  errorMessage
} from "./chunk-YBANDQLS.js";

// src/etcd/catalog.ts
import { Transform as Transform2, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/storage/sidecar.ts
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
var SIDECAR_MAC_INFO = "kubekeep sidecar mac v1";
var ETCD_VERSION_RE = /^v?\d{1,3}\.\d{1,3}\.\d{1,3}(?:-[0-9A-Za-z]{1,20}(?:\.[0-9A-Za-z]{1,20}){0,3})?$/;
var SidecarProblem = class {
  problem;
  constructor(problem) {
    this.problem = problem;
  }
};
var ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
var ID_RE = /^[0-9a-fA-F]{1,20}$|^\d{1,20}$/;
var ETAG_RE = /^"?[0-9A-Za-z+/=_-]{1,100}"?$/;
function isCount(v) {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}
function isDate(v) {
  return typeof v === "string" && ISO_RE.test(v) && !Number.isNaN(new Date(v).getTime());
}
function checkSidecar(raw, parsed) {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return new SidecarProblem("its metadata is not a JSON object");
  const m = raw;
  const bad = (field, expected) => new SidecarProblem(`its metadata field '${field}' is not ${expected}`);
  if (m.formatVersion !== 1 && m.formatVersion !== 2) return bad("formatVersion", "1 or 2");
  if (m.key !== parsed.key) return new SidecarProblem("its metadata describes another object (key differs)");
  if (m.cluster !== parsed.cluster) return bad("cluster", "the cluster of its key");
  if (m.runId !== void 0 && (typeof m.runId !== "string" || !/^[0-9a-f]{10}$/.test(m.runId)))
    return bad("runId", "10 hex digits");
  if (parsed.runId && m.runId !== void 0 && m.runId !== parsed.runId)
    return new SidecarProblem("its metadata names another run than its key");
  if (m.formatVersion === 2 && m.runId !== parsed.runId) return bad("runId", "the run id of its key");
  if (!isDate(m.createdAt)) return bad("createdAt", "an ISO 8601 UTC time");
  const created = new Date(m.createdAt).getTime();
  if (Math.abs(created - parsed.time.getTime()) >= (parsed.runId ? 1 : 1e3))
    return new SidecarProblem("its metadata records another time than its key");
  if (typeof m.etcdVersion !== "string" || !ETCD_VERSION_RE.test(m.etcdVersion))
    return bad("etcdVersion", "an etcd version such as 3.6.16");
  if (typeof m.storageVersion !== "string" || !/^(?:\d{1,3}\.\d{1,3}(?:\.\d{1,3})?)?$/.test(m.storageVersion))
    return bad("storageVersion", "a version such as 3.6.0");
  if (typeof m.clusterId !== "string" || !ID_RE.test(m.clusterId)) return bad("clusterId", "an etcd id");
  if (typeof m.memberId !== "string" || !ID_RE.test(m.memberId)) return bad("memberId", "an etcd id");
  if (!isCount(m.revision)) return bad("revision", "a non-negative integer");
  if (m.etag !== void 0 && (typeof m.etag !== "string" || !ETAG_RE.test(m.etag)))
    return bad("etag", "an S3 ETag");
  if (m.keyFingerprint !== void 0 && (typeof m.keyFingerprint !== "string" || !/^[0-9a-f]{16}$/.test(m.keyFingerprint)))
    return bad("keyFingerprint", "16 hex digits");
  if (!isCount(m.dbSize)) return bad("dbSize", "a non-negative integer");
  if (typeof m.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(m.sha256)) return bad("sha256", "64 hex digits");
  if (!isCount(m.objectSize)) return bad("objectSize", "a non-negative integer");
  if (m.compression !== parsed.compression) return bad("compression", "the compression of its key");
  if (!COMPRESSIONS.includes(m.compression)) return bad("compression", "zstd, gzip or none");
  if (m.encryption !== (parsed.encrypted ? ENCRYPTION_SCHEME : "none"))
    return bad("encryption", parsed.encrypted ? ENCRYPTION_SCHEME : "none");
  if (typeof m.verified !== "boolean") return bad("verified", "true or false");
  if (m.verifiedAt !== void 0 && !isDate(m.verifiedAt)) return bad("verifiedAt", "an ISO 8601 UTC time");
  if (m.hashKV !== void 0) {
    const h = m.hashKV;
    if (typeof h !== "object" || h === null || !isCount(h.revision) || !isCount(h.hash) || !isCount(h.compactRevision))
      return bad("hashKV", "{revision, hash, compactRevision} of non-negative integers");
  }
  if (m.mac !== void 0 && (typeof m.mac !== "string" || !/^[0-9a-f]{64}$/.test(m.mac)))
    return bad("mac", "64 hex digits");
  return m;
}
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== void 0).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
function macKey(encryptionKey) {
  return Buffer.from(hkdfSync("sha256", encryptionKey, Buffer.alloc(0), SIDECAR_MAC_INFO, 32));
}
function macOf(encryptionKey, meta) {
  const { mac: _mac, ...rest } = meta;
  return createHmac("sha256", macKey(encryptionKey)).update(canonicalJson(rest)).digest();
}
function signSidecar(encryptionKey, meta) {
  const unsigned = { ...meta, formatVersion: 2 };
  delete unsigned.mac;
  return { ...unsigned, mac: macOf(encryptionKey, unsigned).toString("hex") };
}
function sidecarAuthentic(encryptionKey, meta) {
  if (meta.formatVersion !== 2 || !meta.mac) return false;
  const given = Buffer.from(meta.mac, "hex");
  const expected = macOf(encryptionKey, meta);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
function printableKey(key) {
  const shown = key.replace(/[^A-Za-z0-9._/-]/g, "?");
  return shown.length > 200 ? `${shown.slice(0, 200)}...` : shown;
}

// src/etcd/snapshot-stream.ts
import { createHash } from "node:crypto";
import { Transform } from "node:stream";

// src/etcd/revision-scan.ts
var PAGE_HEADER = 16;
var BRANCH = 1;
var LEAF = 2;
var META = 4;
var BUCKET_LEAF = 1;
var BOLT_MAGIC = 3977042669;
var MAX_GATHER = 64 * 1024 * 1024;
var MAX_DEPTH = 64;
var FINISHED_COMPACT = Buffer.from("finishedCompactRev");
var KEY_BUCKET = Buffer.from("key");
var META_BUCKET = Buffer.from("meta");
var KIND_LEAF = 1;
var KIND_BRANCH = 2;
var RevisionScanner = class {
  pageSize = 0;
  carry = Buffer.alloc(0);
  gathering = [];
  disabled = false;
  /** Page id of the next whole page. */
  next = 0;
  metas = [];
  // Per page id, bounded for multi-GiB files: a kind byte and a leaf's newest key revision.
  kind = new Uint8Array(1024);
  leafRev = new Float64Array(1024);
  // Few pages have these: branches (their children), leaves naming a finishedCompactRev or buckets.
  children = /* @__PURE__ */ new Map();
  compacts = /* @__PURE__ */ new Map();
  buckets = /* @__PURE__ */ new Map();
  cached;
  /** The newest revision in the `key` bucket reachable from the tree (0: unknown). */
  get keyRevision() {
    return this.result().key;
  }
  /** The finishedCompactRev in the reachable `meta` bucket (0: none or unknown). */
  get compactRevision() {
    return this.result().compact;
  }
  /** The revision a member restored from the database starts at (0: unknown, not a bolt file). */
  get revision() {
    const r = this.result();
    return Math.max(r.key, r.compact);
  }
  add(data) {
    if (this.disabled || data.length === 0) return;
    this.cached = void 0;
    let off = 0;
    if (!this.pageSize) {
      const head = this.carry.length ? Buffer.concat([this.carry, data]) : data;
      if (head.length < PAGE_HEADER + 12) {
        this.carry = Buffer.from(head);
        return;
      }
      const size = head.readUInt32LE(PAGE_HEADER + 8);
      if (head.readUInt32LE(PAGE_HEADER) !== BOLT_MAGIC || size < 512 || size > 65536 || size & size - 1) {
        this.disabled = true;
        this.carry = Buffer.alloc(0);
        return;
      }
      this.pageSize = size;
    }
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
  page(page) {
    const pgid = this.next++;
    if (this.gathering.length) {
      const done = [];
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
    if (headerId(page) !== pgid) return;
    const flags = page.readUInt16LE(8);
    if (flags === META && pgid < 2) return this.meta(page);
    if (flags === BRANCH) return this.branch(pgid, page);
    if (flags !== LEAF) return;
    const overflow = page.readUInt32LE(12);
    if (overflow > 0) {
      const need = (overflow + 1) * this.pageSize;
      const gathered = this.gathering.reduce((n, g) => n + g.need, 0);
      if (gathered + need <= MAX_GATHER)
        this.gathering.push({ pgid, parts: [Buffer.from(page)], have: page.length, need });
    }
    this.record(pgid, summarise(page));
  }
  meta(page) {
    const m = readMeta(page, 0);
    if (typeof m === "string" || m.pageSize !== this.pageSize) return;
    this.metas.push({ root: Number(m.root), pages: Number(m.highWaterPage), txid: m.txid });
  }
  branch(pgid, page) {
    const count = page.readUInt16LE(10);
    if (PAGE_HEADER + count * 16 > page.length) return;
    const kids = new Float64Array(count);
    for (let i = 0; i < count; i++) kids[i] = u64(page, PAGE_HEADER + i * 16 + 8);
    this.grow(pgid);
    this.kind[pgid] = KIND_BRANCH;
    this.children.set(pgid, kids);
  }
  record(pgid, s) {
    this.grow(pgid);
    this.kind[pgid] = KIND_LEAF;
    this.leafRev[pgid] = Math.max(this.leafRev[pgid] ?? 0, s.rev);
    if (s.compact) this.compacts.set(pgid, Math.max(this.compacts.get(pgid) ?? 0, s.compact));
    if (s.buckets.length && s.buckets.length >= (this.buckets.get(pgid)?.length ?? 0))
      this.buckets.set(pgid, s.buckets);
  }
  grow(pgid) {
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
  result() {
    this.cached ??= this.follow() ?? { key: 0, compact: 0 };
    return this.cached;
  }
  /** Follows the tree from the newest valid meta page; undefined when it cannot be followed. */
  follow() {
    if (this.disabled || !this.metas.length) return void 0;
    const meta = this.metas.reduce((a, b) => b.txid > a.txid ? b : a);
    const refs = [];
    if (!this.walk(meta, meta.root, (pgid) => refs.push(...this.buckets.get(pgid) ?? []))) return void 0;
    const key = refs.find((r) => r.name === "key");
    if (!key) return void 0;
    let keyRev = key.rev;
    if (key.root && !this.walk(meta, key.root, (pgid) => keyRev = Math.max(keyRev, this.leafRev[pgid] ?? 0)))
      return void 0;
    const metaBucket = refs.find((r) => r.name === "meta");
    let compact = metaBucket?.compact ?? 0;
    if (metaBucket?.root) {
      const ok = this.walk(
        meta,
        metaBucket.root,
        (pgid) => compact = Math.max(compact, this.compacts.get(pgid) ?? 0)
      );
      if (!ok) return void 0;
    }
    return { key: keyRev, compact };
  }
  /** Visits the leaves under root; false when a page it names was not seen as a branch or leaf. */
  walk(meta, root, leaf) {
    const stack = [[root, 0]];
    while (stack.length) {
      const [pgid, depth] = stack.pop();
      if (pgid < 2 || pgid >= meta.pages || pgid >= this.kind.length || depth > MAX_DEPTH) return false;
      if (this.kind[pgid] === KIND_LEAF) leaf(pgid);
      else if (this.kind[pgid] === KIND_BRANCH)
        for (const c of this.children.get(pgid)) stack.push([c, depth + 1]);
      else return false;
    }
    return true;
  }
};
function summarise(page, depth = 0) {
  const s = { rev: 0, compact: 0, buckets: [] };
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
      const name = key.equals(KEY_BUCKET) ? "key" : key.equals(META_BUCKET) ? "meta" : void 0;
      const end = start + ksize + vsize;
      if (!name || vsize < 16 || end > page.length) continue;
      const value = page.subarray(start + ksize, end);
      const root = u64(value, 0);
      if (root !== 0) {
        s.buckets.push({ name, root, rev: 0, compact: 0 });
        continue;
      }
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
function isRevisionKey(k) {
  if (k.length !== 17 && !(k.length === 18 && k[17] === 116)) return false;
  return k[8] === 95 && k[0] === 0 && k[1] === 0 && k[9] === 0 && k[10] === 0 && k[11] === 0 && k[12] === 0;
}
function headerId(page) {
  return u64(page, 0);
}
function u64(b, off) {
  return b.readUInt32LE(off + 4) * 2 ** 32 + b.readUInt32LE(off);
}

// src/etcd/snapshot-stream.ts
var SHA256_SIZE = 32;
var SnapshotIntegrityError = class extends OperationalError {
  name = "SnapshotIntegrityError";
};
var HEAD_BYTES = 64 * 1024;
var DatabaseDigest = class {
  hash = createHash("sha256");
  revisions = new RevisionScanner();
  headChunks = [];
  headLength = 0;
  bytes = 0;
  add(out) {
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
  digest() {
    return this.hash.digest();
  }
  head() {
    return Buffer.concat(this.headChunks);
  }
};
var SnapshotReader = class extends Transform {
  db = new DatabaseDigest();
  held = Buffer.alloc(0);
  announced = -1;
  version = "";
  onProgress;
  result;
  constructor(onProgress) {
    super({ writableObjectMode: true, readableHighWaterMark: 1024 * 1024 });
    this.onProgress = onProgress;
  }
  _transform(msg, _enc, cb) {
    if (this.announced < 0) this.announced = msg.remainingBytes + msg.blob.length;
    if (msg.version) this.version = msg.version;
    const blob = msg.blob;
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
  release(out) {
    if (out.length === 0) return;
    this.db.add(out);
    this.push(out);
  }
  _flush(cb) {
    if (this.announced < 0) return cb(new SnapshotIntegrityError("etcd sent an empty snapshot stream"));
    if (this.held.length < SHA256_SIZE) {
      return cb(new SnapshotIntegrityError("the snapshot stream ended before its sha256 trailer"));
    }
    const sha = this.db.digest();
    if (!sha.equals(this.held)) {
      return cb(
        new SnapshotIntegrityError(
          `snapshot sha256 mismatch: the stream's trailer says ${this.held.toString("hex")}, the ${this.db.bytes} bytes received hash to ${sha.toString("hex")}`
        )
      );
    }
    if (this.db.bytes !== this.announced) {
      return cb(
        new SnapshotIntegrityError(
          `snapshot size mismatch: etcd announced ${this.announced} bytes and sent ${this.db.bytes}`
        )
      );
    }
    this.result = {
      dbSize: this.db.bytes,
      announcedSize: this.announced,
      sha256: sha.toString("hex"),
      storageVersion: this.version,
      head: this.db.head(),
      revision: this.db.revisions.revision
    };
    this.push(this.held);
    cb();
  }
};
var TrailerVerifier = class extends Transform {
  db = new DatabaseDigest();
  held = Buffer.alloc(0);
  result;
  _transform(chunk, _enc, cb) {
    const data = this.held.length ? Buffer.concat([this.held, chunk]) : chunk;
    const release = Math.max(0, data.length - SHA256_SIZE);
    const out = data.subarray(0, release);
    this.held = Buffer.from(data.subarray(release));
    this.db.add(out);
    this.push(chunk);
    cb();
  }
  _flush(cb) {
    const sha = this.db.digest();
    if (this.held.length < SHA256_SIZE || !sha.equals(this.held)) {
      return cb(
        new SnapshotIntegrityError(
          `snapshot sha256 trailer mismatch: trailer ${this.held.toString("hex") || "(missing)"}, content hashes to ${sha.toString("hex")}`
        )
      );
    }
    this.result = {
      dbSize: this.db.bytes,
      sha256: sha.toString("hex"),
      head: this.db.head(),
      revision: this.db.revisions.revision
    };
    cb();
  }
};

// src/etcd/catalog.ts
async function listSnapshots(store, storage, now = /* @__PURE__ */ new Date()) {
  const folder = clusterPrefix(storage.s3.prefix, storage.clusterName);
  const { objects, folders } = await store.list(folder);
  const keys = new Set(objects.map((o) => o.key));
  const snapshots = [];
  const notUsed = folders.map((f) => ({
    key: printableKey(f),
    reason: "a folder inside the cluster's folder: kubekeep never nests snapshots, so nothing in it is used"
  }));
  for (const o of objects) {
    const parsed = parseSnapshotKey(o.key, { prefix: storage.s3.prefix, cluster: storage.clusterName });
    if (!parsed) {
      if (o.key.endsWith(SIDECAR_SUFFIX) && SAFE_KEY_RE.test(o.key)) {
        const of = o.key.slice(0, -SIDECAR_SUFFIX.length);
        if (keys.has(of) || parseSnapshotKey(of, { prefix: storage.s3.prefix, cluster: storage.clusterName }))
          continue;
      }
      notUsed.push({
        key: printableKey(o.key),
        reason: SAFE_KEY_RE.test(o.key) ? "not a snapshot name" : "its name has characters outside letters, digits and . _ - /, which no kubekeep key has"
      });
      continue;
    }
    const sidecar = o.key + SIDECAR_SUFFIX;
    const snap = {
      ...parsed,
      size: o.size,
      ...o.lastModified ? { lastModified: o.lastModified } : {}
    };
    const verdict = await judge(store, storage, snap, keys.has(sidecar), now);
    if ("reason" in verdict) {
      if (verdict.unauthenticated && storage.allowUnauthenticated) {
        snapshots.push({
          ...snap,
          ...verdict.metadata ? { metadata: verdict.metadata } : {},
          unauthenticated: verdict.reason
        });
      } else
        notUsed.push({ key: o.key, reason: verdict.reason, ...verdict.wrongKey ? { wrongKey: true } : {} });
      continue;
    }
    snapshots.push(verdict);
  }
  return { snapshots: snapshots.sort(newestFirst), notUsed };
}
async function judge(store, storage, snap, hasSidecar, now) {
  const taken = snap.time.toISOString();
  if (now && isFutureDated(snap.time, now))
    return { reason: `dated ${taken}, in the future: its name was not given by a run of kubekeep` };
  if (now && snap.lastModified && isFutureDated(snap.time, snap.lastModified))
    return {
      reason: `named ${taken} but stored at ${snap.lastModified.toISOString()}: its name was not given by the run that stored it`
    };
  let metadata;
  if (hasSidecar) {
    let raw;
    try {
      raw = await store.getJson(snap.key + SIDECAR_SUFFIX);
    } catch (err) {
      if (!(err instanceof OperationalError) || !/is not valid JSON/.test(err.message)) throw err;
      return { reason: "its metadata is not valid JSON" };
    }
    if (raw !== void 0) {
      const checked = checkSidecar(raw, snap);
      if (checked instanceof SidecarProblem) return { reason: checked.problem };
      metadata = checked;
    }
  }
  const key = storage.encryptionKey;
  if (key) {
    if (!snap.encrypted)
      return {
        reason: "not encrypted, though encryption-key is set: anyone who can write to the bucket can put a plain object there",
        unauthenticated: true,
        ...metadata ? { metadata } : {}
      };
    if (metadata?.keyFingerprint) {
      const mine = keyFingerprint(key).toString("hex");
      if (metadata.keyFingerprint !== mine)
        return {
          reason: `written with another encryption key (fingerprint ${metadata.keyFingerprint}; the key given has ${mine})`,
          wrongKey: wrongKeyMessage(metadata.keyFingerprint, mine)
        };
    }
    if (metadata && !sidecarAuthentic(key, metadata)) {
      if (metadata.formatVersion === 1)
        return {
          reason: "its metadata is not authenticated (written before snapshot format 2)",
          unauthenticated: true,
          metadata
        };
      return {
        reason: "its metadata fails authentication with this key: it was altered, or moved here from another snapshot"
      };
    }
  }
  return { ...snap, ...metadata ? { metadata } : {} };
}
async function resolveKey(store, storage, key, logger) {
  const where = { prefix: storage.s3.prefix, cluster: storage.clusterName };
  if (key) {
    const parsed = parseSnapshotKey(key, where);
    if (!parsed)
      throw new ConfigurationError(
        `input 'key': ${JSON.stringify(key)} is not a snapshot key of cluster '${storage.clusterName}' (expected ${clusterPrefix(storage.s3.prefix, storage.clusterName)}${storage.clusterName}-etcd-<time>-<run id>.db[.zst|.gz][.enc])`
      );
    const head = await store.head(key);
    const snap = { ...parsed, size: head?.size ?? 0 };
    if (isFutureDated(snap.time, /* @__PURE__ */ new Date()))
      logger?.warning(
        `snapshot ${key} is dated ${snap.time.toISOString()}, in the future: read only because the key input names it`
      );
    const verdict = await judge(store, storage, snap, await store.exists(key + SIDECAR_SUFFIX), void 0);
    if (!("reason" in verdict)) return verdict;
    if (verdict.wrongKey) throw new WrongKeyError(`snapshot ${key}: ${verdict.wrongKey}`);
    if (verdict.unauthenticated && (storage.allowUnauthenticated || snap.encrypted)) {
      logger?.warning(`snapshot ${key} is read although ${verdict.reason}`);
      return {
        ...snap,
        ...verdict.metadata ? { metadata: verdict.metadata } : {},
        unauthenticated: verdict.reason
      };
    }
    throw new OperationalError(
      `snapshot ${key} is not usable: ${verdict.reason}${verdict.unauthenticated ? "; set allow-unauthenticated-snapshots to read it anyway" : ""}`
    );
  }
  const { snapshots: all, notUsed } = await listSnapshots(store, storage);
  reportNotUsed(notUsed, logger);
  const newest = all.find((s) => s.metadata) ?? all[0];
  const otherKey = notUsed.find((n) => n.wrongKey);
  if (!newest && otherKey)
    throw new WrongKeyError(
      `no snapshot of cluster '${storage.clusterName}' was written with the encryption key given: ${otherKey.key} was ${otherKey.reason}; give the key it was written with`
    );
  if (!newest) {
    throw new OperationalError(
      `no usable snapshots of cluster '${storage.clusterName}' under s3://${storage.s3.bucket}/${clusterPrefix(storage.s3.prefix, storage.clusterName)}${notUsed.length ? ` (${notUsed.length} object(s) there are not used: see the warnings)` : ""}; check cluster-name and s3-prefix`
    );
  }
  const skipped = all.indexOf(newest);
  if (skipped > 0)
    logger?.warning(
      `skipping ${skipped} newer snapshot(s) without metadata (interrupted, or being written right now): ${all.slice(0, skipped).map((s) => s.key).join(", ")}`
    );
  if (!newest.metadata)
    logger?.warning(`${newest.key} has no metadata: checking its trailer and structure only`);
  return newest;
}
function reportNotUsed(notUsed, logger) {
  for (const n of notUsed) logger?.warning(`not used: ${n.key}: ${n.reason}`);
}
function notUsedTable(notUsed) {
  return {
    caption: "Not used (suspicious or not a snapshot): left as they are",
    header: ["object", "why"],
    rows: notUsed.map((n) => [n.key, n.reason])
  };
}
function corrupt(key, detail) {
  return new OperationalError(`snapshot ${key} is corrupt or truncated: ${detail}`);
}
function isCodecError(err) {
  const code = err.code;
  return typeof code === "string" && /^(Z_|ZSTD_|ERR_ZLIB|ERR_ZSTD)/.test(code) && code !== "Z_MEM_ERROR";
}
async function verifyStored(store, storage, snap, logger, sink) {
  const meta = snap.metadata;
  const key = storage.encryptionKey;
  let opened;
  try {
    opened = await openChecked(store, snap, key);
  } catch (err) {
    sink?.destroy();
    throw err;
  }
  const { body, size } = opened;
  let objectSize = 0;
  const counter = new Transform2({
    transform(chunk, _enc, cb) {
      objectSize += chunk.length;
      cb(null, chunk);
    }
  });
  const verifier = new TrailerVerifier();
  const stages = [body, counter];
  const decrypt = snap.encrypted && key ? new DecryptStream(key, {
    name: boundName(snap.key),
    keyKnownRight: meta?.keyFingerprint !== void 0,
    allowUnbound: snap.unauthenticated !== void 0
  }) : void 0;
  if (decrypt) stages.push(decrypt);
  const dec = decompressor(snap.compression);
  if (dec) stages.push(dec);
  stages.push(verifier);
  stages.push(
    sink ?? new Writable({
      write(_c, _e, cb) {
        cb();
      }
    })
  );
  logger.info(`checking ${snap.key} (${formatBytes(size)})`);
  try {
    await pipeline(stages);
  } catch (err) {
    if (err instanceof WrongKeyError) throw new WrongKeyError(`snapshot ${snap.key}: ${err.message}`);
    if (err instanceof UnboundObjectError)
      throw new OperationalError(`snapshot ${snap.key} is not usable: ${err.message}`);
    if (err instanceof DecryptionError || err instanceof SnapshotIntegrityError || isCodecError(err)) {
      throw corrupt(snap.key, errorMessage(err));
    }
    if (err instanceof UserFacingError) throw err;
    const e = err;
    if (e.syscall && e.path) {
      throw new OperationalError(
        `cannot write ${e.path} (${e.code ?? ""} ${e.message}); check the output folder`
      );
    }
    if (typeof e.code === "string") {
      throw new OperationalError(
        `the download of s3://${storage.s3.bucket}/${snap.key} failed after ${objectSize} bytes (${e.code}: ${e.message}); check the S3 endpoint and retry`
      );
    }
    throw err;
  }
  if (decrypt?.bound === false)
    logger.warning(
      `${snap.key} is in an older encryption format that does not bind the object's name: it could be an older snapshot copied under this name`
    );
  const result = verifier.result;
  if (!result) throw new Error("verification produced no result");
  if (meta && meta.sha256 !== result.sha256) {
    throw corrupt(snap.key, `its database hashes to ${result.sha256}, its metadata records ${meta.sha256}`);
  }
  if (meta && meta.dbSize !== result.dbSize) {
    throw corrupt(snap.key, `its database has ${result.dbSize} bytes, its metadata records ${meta.dbSize}`);
  }
  if (meta?.runId && meta.revision !== result.revision) {
    if (result.revision > 0 && meta.revision > result.revision)
      logger.warning(
        `${printableKey(snap.key)}: its metadata records revision ${meta.revision}, its database holds ${result.revision} (a kubekeep before 0.2.0 could count a reused free page); using ${result.revision}`
      );
    else
      throw corrupt(
        snap.key,
        `its database holds revision ${result.revision}, its metadata records ${meta.revision}`
      );
  }
  let bolt;
  try {
    bolt = checkBolt(result.head, result.dbSize);
  } catch (err) {
    throw corrupt(snap.key, errorMessage(err));
  }
  return { dbSize: result.dbSize, sha256: result.sha256, objectSize, revision: result.revision, bolt };
}
async function openChecked(store, snap, key) {
  const meta = snap.metadata;
  if (snap.encrypted && !key) {
    throw new ConfigurationError(`snapshot ${snap.key} is encrypted: give encryption-key`);
  }
  if (snap.encrypted && key && meta?.keyFingerprint) {
    const mine = keyFingerprint(key).toString("hex");
    if (mine !== meta.keyFingerprint)
      throw new WrongKeyError(`snapshot ${snap.key}: ${wrongKeyMessage(meta.keyFingerprint, mine)}`);
  }
  const opened = await store.download(snap.key);
  const { body, size, etag } = opened;
  if (meta && meta.objectSize !== size) {
    body.destroy();
    throw corrupt(
      snap.key,
      `S3 holds ${size} bytes, its metadata (${snap.key}${SIDECAR_SUFFIX}) records ${meta.objectSize}`
    );
  }
  if (meta?.etag && etag && meta.etag !== etag) {
    body.destroy();
    throw corrupt(
      snap.key,
      `its ETag is ${etag}, not the recorded ${meta.etag}: the object was altered or written over since the backup`
    );
  }
  return opened;
}
function sealSidecar(meta, key) {
  return key ? signSidecar(key, meta) : meta;
}
async function markVerified(store, meta, key, unauthenticated) {
  const updated = { ...meta, verified: true, verifiedAt: (/* @__PURE__ */ new Date()).toISOString() };
  if (unauthenticated) return updated;
  const sealed = sealSidecar(updated, key);
  await store.putJson(meta.key + SIDECAR_SUFFIX, sealed);
  return sealed;
}
async function prune(store, snapshots, policy, dryRun, logger, now = /* @__PURE__ */ new Date()) {
  const decisions = planRetention(
    snapshots.map((s) => ({
      key: s.key,
      time: s.time,
      verified: s.metadata?.verified ?? false,
      complete: s.metadata !== void 0,
      ...s.lastModified ? { storedAt: s.lastModified } : {}
    })),
    policy,
    now
  );
  const planned = decisions.filter((d) => !d.keep).map((d) => d.key);
  if (planned.length === 0) {
    logger.info(`retention: all ${decisions.length} snapshots are kept`);
    return { decisions, deleted: [], locked: [] };
  }
  const locked = [];
  const doomed = [];
  for (const k of planned) {
    const why = await store.lockOf(k, now);
    if (why) locked.push({ key: k, why });
    else doomed.push(k);
  }
  for (const l of locked) {
    const d = decisions.find((x) => x.key === l.key);
    d.reasons.push(`${l.why}: left in place`);
  }
  if (locked.length)
    logger.warning(
      `retention: ${locked.length} snapshot(s) the policy deletes are held by S3 Object Lock and left in place: ${locked.map((l) => `${l.key} (${l.why})`).join(", ")}`
    );
  if (dryRun) {
    logger.info(`retention (dry run): would delete ${doomed.length} of ${decisions.length} snapshots`);
    return { decisions, deleted: [], locked };
  }
  if (doomed.length) await store.delete(doomed.flatMap((k) => [k, k + SIDECAR_SUFFIX]));
  logger.info(`retention: deleted ${doomed.length} of ${decisions.length} snapshots`);
  return { decisions, deleted: doomed, locked };
}
function retentionTable(decisions, dryRun, lockedKeys = []) {
  const locked = new Set(lockedKeys.map((l) => l.key));
  return {
    caption: dryRun ? "Retention (dry run: nothing deleted)" : "Retention",
    header: ["snapshot", "taken (UTC)", "decision", "why"],
    rows: decisions.map((d) => [
      d.key.slice(d.key.lastIndexOf("/") + 1),
      d.time.toISOString().replace(".000Z", "Z"),
      d.keep ? "keep" : locked.has(d.key) ? "locked: kept" : dryRun ? "would delete" : "deleted",
      d.reasons.join(", ") || "no rule keeps it"
    ])
  };
}

export {
  SnapshotIntegrityError,
  SnapshotReader,
  listSnapshots,
  resolveKey,
  reportNotUsed,
  notUsedTable,
  verifyStored,
  sealSidecar,
  markVerified,
  prune,
  retentionTable
};
