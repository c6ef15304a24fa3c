import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  asArray,
  asObject,
  isRawNumber,
  str
} from "./chunk-HSKZETVY.js";
import {
  CLUSTER_DIR,
  INDEX_FILE,
  NAMESPACES_DIR,
  kindOfFile,
  toNative
} from "./chunk-LOEFVT66.js";
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

// src/export/write.ts
import fs from "node:fs";
import path from "node:path";
var JOURNAL = ".kubekeep-journal.json";
var TreeWriter = class {
  root;
  staging;
  madeDirs = /* @__PURE__ */ new Set();
  staged = [];
  /** Files of the previous tree not written (yet) in this run, relative with `/` separators. */
  unseen = /* @__PURE__ */ new Set();
  /** Object files in the previous tree (what the deletion limit is a share of). */
  previousObjects = 0;
  fresh = false;
  constructor(root) {
    this.root = path.resolve(root);
    this.staging = `${this.root}.kubekeep-new`;
  }
  /** Finishes or discards an interrupted run, scans the previous tree, opens an empty staging folder. */
  begin() {
    if (fs.existsSync(path.join(this.root, ".git"))) {
      throw new ConfigurationError(
        `input 'path': ${this.root} is a git checkout's root; give the export a folder of its own (e.g. cluster-export)`
      );
    }
    const journal = path.join(this.staging, JOURNAL);
    if (fs.existsSync(journal)) this.apply(JSON.parse(fs.readFileSync(journal, "utf8")));
    fs.rmSync(this.staging, { recursive: true, force: true });
    fs.mkdirSync(this.staging, { recursive: true });
    this.madeDirs.add(this.staging);
    this.fresh = !fs.existsSync(this.root);
    this.unseen = /* @__PURE__ */ new Set();
    this.previousObjects = walk(this.root, "", this.unseen);
  }
  /**
   * Stages one file of the new tree when it differs from the previous one,
   * and says how it compares. Synchronous on purpose: small files, and
   * libuv's four-thread pool only adds queueing to what the disk does anyway.
   */
  write(rel, text) {
    let status = "added";
    const bytes = Buffer.from(text);
    if (this.unseen.delete(rel)) {
      if (this.sameAsBefore(this.root + path.sep + toNative(rel), bytes)) return "unchanged";
      status = "changed";
    }
    const target = this.staging + path.sep + toNative(rel);
    this.ensureDir(target.slice(0, target.lastIndexOf(path.sep)));
    fs.writeFileSync(target, bytes);
    if (!this.fresh) this.staged.push(rel);
    return status;
  }
  /** One buffer for every comparison: objects' files are small. */
  readBuffer = Buffer.alloc(64 * 1024);
  /**
   * Does the file hold exactly `bytes`? Reads into one reused buffer (open,
   * read, close): at 50k files readFileSync's stat, allocation and decoding
   * cost half as much again as the reads themselves.
   */
  sameAsBefore(file, bytes) {
    let fd;
    try {
      fd = fs.openSync(file, "r");
    } catch {
      return false;
    }
    try {
      if (this.readBuffer.length <= bytes.length) this.readBuffer = Buffer.alloc(bytes.length * 2);
      let n = 0;
      for (let got = 1; got > 0 && n <= bytes.length; n += got) {
        got = fs.readSync(fd, this.readBuffer, n, this.readBuffer.length - n, null);
      }
      return n === bytes.length && this.readBuffer.compare(bytes, 0, n, 0, n) === 0;
    } finally {
      fs.closeSync(fd);
    }
  }
  /** Writes the journal: from here on the new tree is committed (pure file I/O; unit-tested). */
  seal(removals) {
    const journal = { moves: [...this.staged], removals };
    if (!this.fresh) {
      const file = path.join(this.staging, JOURNAL);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(journal));
      fs.renameSync(`${file}.tmp`, file);
    }
    return journal;
  }
  /** Commits the staged files and removals into the tree. */
  commit(removals) {
    const journal = this.seal(removals);
    if (this.fresh) {
      fs.renameSync(this.staging, this.root);
      return;
    }
    this.apply(journal);
    fs.rmSync(this.staging, { recursive: true, force: true });
  }
  /** Drops the staging folder; the previous tree stays as it was. */
  abort() {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }
  /** Applies a journal; every step can run again after an interruption. */
  apply(journal) {
    for (const rel of journal.moves) {
      const from = path.join(this.staging, toNative(rel));
      const to = path.join(this.root, toNative(rel));
      if (!fs.existsSync(from)) continue;
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.renameSync(from, to);
    }
    for (const rel of journal.removals) {
      fs.rmSync(path.join(this.root, toNative(rel)), { force: true });
      for (let dir = path.dirname(path.join(this.root, toNative(rel))); dir.startsWith(this.root + path.sep); dir = path.dirname(dir)) {
        try {
          fs.rmdirSync(dir);
        } catch {
          break;
        }
      }
    }
  }
  ensureDir(dir) {
    if (this.madeDirs.has(dir)) return;
    fs.mkdirSync(dir, { recursive: true });
    for (let d = dir; d.startsWith(this.staging) && !this.madeDirs.has(d); d = path.dirname(d))
      this.madeDirs.add(d);
  }
};
function discardStaging(root) {
  const staging = `${path.resolve(root)}.kubekeep-new`;
  if (!fs.existsSync(path.join(staging, JOURNAL))) fs.rmSync(staging, { recursive: true, force: true });
}
function isExportFile(rel) {
  return rel === INDEX_FILE || rel.startsWith(`${CLUSTER_DIR}/`) || rel.startsWith(`${NAMESPACES_DIR}/`);
}
function walk(root, rel, into) {
  let objects = 0;
  let entries;
  try {
    entries = fs.readdirSync(path.join(root, toNative(rel)), { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) objects += walk(root, child, into);
    else if (e.isFile()) {
      into.add(child);
      if (kindOfFile(child) !== void 0) objects++;
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
  if (/^[0-9]+(?:[A-Za-z]+|%)$/.test(s) && !/^0[xob]/i.test(s)) return s;
  if (s === "" || !PLAIN.test(s) || AMBIGUOUS.test(s)) return JSON.stringify(s);
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return JSON.stringify(s);
  return s;
}

export {
  ChangeSet,
  riskOf,
  toYaml,
  TreeWriter,
  discardStaging,
  isExportFile
};
