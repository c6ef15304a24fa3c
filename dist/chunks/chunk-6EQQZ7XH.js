import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/etcd/bolt.ts
var MAGIC = 3977042669;
var VERSION = 2;
var PAGE_HEADER = 16;
var META_FLAG = 4;
function fnv64a(buf) {
  let h = 0xcbf29ce484222325n;
  for (const b of buf) {
    h ^= BigInt(b);
    h = BigInt.asUintN(64, h * 0x100000001b3n);
  }
  return h;
}
function readMeta(head, offset) {
  if (head.length < offset + PAGE_HEADER + 64) return "file too short for a bolt meta page";
  const flags = head.readUInt16LE(offset + 8);
  if ((flags & META_FLAG) === 0) return `page at ${offset} is not a meta page`;
  const m = offset + PAGE_HEADER;
  if (head.readUInt32LE(m) !== MAGIC) return "bad magic (not a bolt database)";
  if (head.readUInt32LE(m + 4) !== VERSION) return `unsupported bolt version ${head.readUInt32LE(m + 4)}`;
  const pageSize = head.readUInt32LE(m + 8);
  const checksum = head.readBigUInt64LE(m + 56);
  if (fnv64a(head.subarray(m, m + 56)) !== checksum) return "meta page checksum mismatch";
  return {
    pageSize,
    txid: head.readBigUInt64LE(m + 48),
    highWaterPage: head.readBigUInt64LE(m + 40),
    root: head.readBigUInt64LE(m + 16)
  };
}
function checkBolt(head, dbSize) {
  const first = readMeta(head, 0);
  if (typeof first === "string") throw new Error(`bolt structure check failed: meta page 0: ${first}`);
  const second = readMeta(head, first.pageSize);
  if (typeof second === "string") throw new Error(`bolt structure check failed: meta page 1: ${second}`);
  const meta = second.txid > first.txid ? second : first;
  if (dbSize % meta.pageSize !== 0) {
    throw new Error(
      `bolt structure check failed: size ${dbSize} is not a multiple of the page size ${meta.pageSize}`
    );
  }
  if (BigInt(dbSize) < meta.highWaterPage * BigInt(meta.pageSize)) {
    throw new Error(
      `bolt structure check failed: the database uses ${meta.highWaterPage} pages of ${meta.pageSize} bytes but the file has ${dbSize} bytes (truncated)`
    );
  }
  return meta;
}

export {
  readMeta,
  checkBolt
};
