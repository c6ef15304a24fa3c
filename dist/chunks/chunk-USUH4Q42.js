import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  EXTENSIONS
} from "./chunk-SMBKSNSB.js";

// src/storage/keys.ts
import { randomBytes } from "node:crypto";
var SIDECAR_SUFFIX = ".json";
function timestamp(d) {
  return d.toISOString().replace(/[-:]/g, "");
}
function clusterPrefix(prefix, cluster) {
  return `${prefix}${cluster}/`;
}
function newRunId() {
  return randomBytes(5).toString("hex");
}
function snapshotKey(prefix, cluster, at, runId, compression, encrypted) {
  return `${clusterPrefix(prefix, cluster)}${cluster}-etcd-${timestamp(at)}-${runId}.db${EXTENSIONS[compression]}${encrypted ? ".enc" : ""}`;
}
var NAME_RE = /^([A-Za-z0-9][A-Za-z0-9._-]{0,62})-etcd-(\d{8})T(\d{6})(?:\.(\d{3}))?Z(?:-([0-9a-f]{10}))?\.db(\.zst|\.gz)?(\.enc)?$/;
var SAFE_KEY_RE = /^[A-Za-z0-9._/-]+$/;
function parseSnapshotKey(key, where) {
  if (!SAFE_KEY_RE.test(key)) return void 0;
  let name = key.slice(key.lastIndexOf("/") + 1);
  if (where) {
    const folder = clusterPrefix(where.prefix, where.cluster);
    if (!key.startsWith(folder)) return void 0;
    name = key.slice(folder.length);
  }
  const m = NAME_RE.exec(name);
  if (!m) return void 0;
  const [, cluster, day, time, ms, runId, ext, enc] = m;
  if (where && cluster !== where.cluster) return void 0;
  if (ms === void 0 !== (runId === void 0)) return void 0;
  const iso = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.${ms ?? "000"}Z`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || at.toISOString() !== iso) return void 0;
  return {
    key,
    cluster,
    time: at,
    runId: runId ?? "",
    compression: ext === ".zst" ? "zstd" : ext === ".gz" ? "gzip" : "none",
    encrypted: enc !== void 0
  };
}
function newestFirst(a, b) {
  return b.time.getTime() - a.time.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

export {
  SIDECAR_SUFFIX,
  clusterPrefix,
  newRunId,
  snapshotKey,
  SAFE_KEY_RE,
  parseSnapshotKey,
  newestFirst
};
