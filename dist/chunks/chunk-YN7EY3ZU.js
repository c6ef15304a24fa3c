import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-AADN3Z4Y.js";

// src/export/layout.ts
import path from "node:path";
var INDEX_FILE = "kubekeep-index.yaml";
var CLUSTER_DIR = "cluster";
var NAMESPACES_DIR = "namespaces";
var SAFE_NAME = /^[A-Za-z0-9._-]+$/;
function escapeName(name) {
  if (SAFE_NAME.test(name) && name !== "." && name !== "..") return name;
  let out = "";
  for (const byte of Buffer.from(name, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9._-]/.test(c) ? c : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out === "." || out === ".." ? out.replace(/\./g, "%2E") : out;
}
function unescapeName(escaped) {
  return decodeURIComponent(escaped);
}
function groupDir(group) {
  return group === "" ? "core" : group;
}
function objectFile(rt, name, namespace) {
  const tail = `${groupDir(rt.group)}/${rt.kind}/${escapeName(name)}.yaml`;
  return rt.namespaced ? `${NAMESPACES_DIR}/${escapeName(namespace ?? "")}/${tail}` : `${CLUSTER_DIR}/${tail}`;
}
function kindOfFile(rel) {
  const parts = rel.split(/[\\/]/);
  if (parts[0] === CLUSTER_DIR && parts.length === 4) return `${parts[1]}/${parts[2]}`;
  if (parts[0] === NAMESPACES_DIR && parts.length === 5) return `${parts[2]}/${parts[3]}`;
  return void 0;
}
function kindKey(rt) {
  return `${groupDir(rt.group)}/${rt.kind}`;
}
function toNative(rel) {
  return rel.split("/").join(path.sep);
}

// src/export/write.ts
import fs from "node:fs";
import path2 from "node:path";
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
    this.root = path2.resolve(root);
    this.staging = `${this.root}.kubekeep-new`;
  }
  /** Finishes or discards an interrupted run, scans the previous tree, opens an empty staging folder. */
  begin() {
    if (fs.existsSync(path2.join(this.root, ".git"))) {
      throw new ConfigurationError(
        `input 'path': ${this.root} is a git checkout's root; give the export a folder of its own (e.g. cluster-export)`
      );
    }
    const journal = path2.join(this.staging, JOURNAL);
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
    if (this.unseen.delete(rel)) {
      let before;
      try {
        before = fs.readFileSync(path2.join(this.root, toNative(rel)), "utf8");
      } catch {
        before = void 0;
      }
      if (before === text) return "unchanged";
      status = "changed";
    }
    const target = path2.join(this.staging, toNative(rel));
    this.ensureDir(path2.dirname(target));
    fs.writeFileSync(target, text);
    if (!this.fresh) this.staged.push(rel);
    return status;
  }
  /** Writes the journal: from here on the new tree is committed (pure file I/O; unit-tested). */
  seal(removals) {
    const journal = { moves: [...this.staged], removals };
    if (!this.fresh) {
      const file = path2.join(this.staging, JOURNAL);
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
      const from = path2.join(this.staging, toNative(rel));
      const to = path2.join(this.root, toNative(rel));
      if (!fs.existsSync(from)) continue;
      fs.mkdirSync(path2.dirname(to), { recursive: true });
      fs.renameSync(from, to);
    }
    for (const rel of journal.removals) {
      fs.rmSync(path2.join(this.root, toNative(rel)), { force: true });
      for (let dir = path2.dirname(path2.join(this.root, toNative(rel))); dir.startsWith(this.root + path2.sep); dir = path2.dirname(dir)) {
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
    for (let d = dir; d.startsWith(this.staging) && !this.madeDirs.has(d); d = path2.dirname(d))
      this.madeDirs.add(d);
  }
};
function isExportFile(rel) {
  return rel === INDEX_FILE || rel.startsWith(`${CLUSTER_DIR}/`) || rel.startsWith(`${NAMESPACES_DIR}/`);
}
function walk(root, rel, into) {
  let objects = 0;
  let entries;
  try {
    entries = fs.readdirSync(path2.join(root, toNative(rel)), { withFileTypes: true });
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

export {
  INDEX_FILE,
  NAMESPACES_DIR,
  unescapeName,
  groupDir,
  objectFile,
  kindOfFile,
  kindKey,
  TreeWriter,
  isExportFile
};
