import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  checkBolt
} from "./chunk-6EQQZ7XH.js";

// src/etcd/bolt-reader.ts
import fs from "node:fs";
var PAGE_HEADER = 16;
var BRANCH = 1;
var LEAF = 2;
var BUCKET_LEAF = 1;
var REV_BYTES = 17;
var BoltReader = class {
  fd;
  pageSize;
  root;
  constructor(file) {
    this.fd = fs.openSync(file, "r");
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(this.fd, head, 0, head.length, 0);
    const meta = checkBolt(head.subarray(0, n), fs.fstatSync(this.fd).size - 32);
    this.pageSize = meta.pageSize;
    this.root = meta.root;
  }
  close() {
    fs.closeSync(this.fd);
  }
  page(id) {
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
  *entries(page) {
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
          value: page.subarray(start + ksize, start + ksize + vsize)
        };
      } else throw new Error(`bolt: page ${page.readBigUInt64LE(0)} is neither branch nor leaf`);
    }
  }
  /** The root page of a top-level bucket, or undefined when absent. */
  bucket(name) {
    for (const e of this.entries(this.page(this.root))) {
      if (e.flags & BUCKET_LEAF && e.key.toString() === name) {
        const root = e.value.readBigUInt64LE(0);
        return root === 0n ? Buffer.from(e.value.subarray(16)) : this.page(root);
      }
    }
    return void 0;
  }
};
function userKey(kv) {
  if (kv[0] !== 10) return "";
  let len = 0;
  let shift = 0;
  let i = 1;
  for (; i < kv.length; i++) {
    const b = kv[i];
    len |= (b & 127) << shift;
    if ((b & 128) === 0) break;
    shift += 7;
  }
  return kv.subarray(i + 1, i + 1 + len).toString("latin1");
}
function latestRevisions(bolt, keyRoot) {
  const latest = /* @__PURE__ */ new Map();
  for (const e of bolt.entries(keyRoot)) {
    latest.set(userKey(e.value), {
      rev: e.key.subarray(0, REV_BYTES).toString("latin1"),
      tombstone: e.key.length > REV_BYTES
    });
  }
  return latest;
}
function snapshotKeys(file) {
  const bolt = new BoltReader(file);
  try {
    const keyRoot = bolt.bucket("key");
    if (!keyRoot) return [];
    return [...latestRevisions(bolt, keyRoot)].filter(([, l]) => !l.tombstone).map(([k]) => k);
  } finally {
    bolt.close();
  }
}

export {
  REV_BYTES,
  BoltReader,
  latestRevisions,
  snapshotKeys
};
