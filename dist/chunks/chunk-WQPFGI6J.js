import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  recordHeader
} from "./chunk-5YHNHMR5.js";
import {
  clusterPrefix,
  parseSnapshotKey
} from "./chunk-USUH4Q42.js";
import {
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/etcd/drill-record.ts
var MAX_REASON = 500;
function drillRecordKeys(prefix, cluster) {
  const base = `${clusterPrefix(prefix, cluster)}drills/`;
  return { last: `${base}last.json`, lastPass: `${base}last-pass.json` };
}
function newDrillRecord(cluster, passed, snapshotKey, reason, at = /* @__PURE__ */ new Date()) {
  const oneLine = reason.replace(/[\x00-\x1f\x7f]+/g, " ").replace(/\s+/g, " ").trim();
  return {
    formatVersion: 1,
    cluster,
    at: at.toISOString(),
    passed,
    snapshotKey,
    reason: passed ? "" : oneLine.length > MAX_REASON ? `${oneLine.slice(0, MAX_REASON - 3)}...` : oneLine
  };
}
async function writeDrillRecord(store, prefix, record) {
  const keys = drillRecordKeys(prefix, record.cluster);
  await store.putJson(keys.last, record);
  if (record.passed) await store.putJson(keys.lastPass, record);
}
var FIELDS = ["formatVersion", "cluster", "at", "passed", "snapshotKey", "reason"];
function drillRecordProblem(value, cluster, prefix, now, mustPass) {
  const head = recordHeader(value, FIELDS, cluster, now);
  if ("problem" in head) return head.problem;
  const r = head.record;
  if (typeof r.passed !== "boolean") return "'passed' is not true or false";
  if (mustPass && !r.passed) return "the last-pass record holds a failed drill";
  if (typeof r.snapshotKey !== "string") return "'snapshotKey' is not a string";
  if (r.snapshotKey !== "") {
    const parsed = parseSnapshotKey(r.snapshotKey);
    if (!parsed || parsed.cluster !== cluster || !r.snapshotKey.startsWith(clusterPrefix(prefix, cluster)))
      return "'snapshotKey' is not a snapshot key of this cluster";
  } else if (r.passed) return "a passing drill names no snapshot";
  if (typeof r.reason !== "string" || r.reason.length > MAX_REASON)
    return `'reason' is not a string of at most ${MAX_REASON} characters`;
  if (/[\x00-\x1f\x7f]/.test(r.reason)) return "'reason' holds control characters";
  if (r.passed && r.reason !== "") return "a passing drill gives a reason";
  return void 0;
}
async function readDrillRecords(store, prefix, cluster, now = /* @__PURE__ */ new Date()) {
  const keys = drillRecordKeys(prefix, cluster);
  const read = async (key, mustPass) => {
    const value = await store.getJson(key);
    if (value === void 0) return void 0;
    const problem = drillRecordProblem(value, cluster, prefix, now, mustPass);
    if (problem)
      throw new OperationalError(
        `the drill record s3://${store.config.bucket}/${key} is refused: ${problem} (written by something other than kubekeep's etcd-drill, or damaged)`
      );
    return value;
  };
  const [last, lastPass] = await Promise.all([read(keys.last, false), read(keys.lastPass, true)]);
  return { ...last ? { last } : {}, ...lastPass ? { lastPass } : {} };
}

export {
  newDrillRecord,
  writeDrillRecord,
  readDrillRecords
};
