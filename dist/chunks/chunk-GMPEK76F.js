import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  recordHeader
} from "./chunk-5YHNHMR5.js";
import {
  clusterPrefix
} from "./chunk-USUH4Q42.js";
import {
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/fleet/version-record.ts
var VERSION_TEXT = /^v\d{1,3}\.\d{1,3}\.\d{1,5}([-+][0-9A-Za-z.+-]{1,64})?$/;
var UNKNOWN_KUBELET = "unknown";
var MAX_KUBELET_VERSIONS = 64;
var MAX_NODES = 1e6;
var FIELDS = ["formatVersion", "cluster", "at", "apiServer", "nodes", "kubelets"];
function versionRecordKey(prefix, cluster) {
  return `${clusterPrefix(prefix, cluster)}versions/last.json`;
}
function newVersionRecord(cluster, apiServer, kubeletVersions, at = /* @__PURE__ */ new Date()) {
  const kubelets = {};
  for (const v of kubeletVersions) {
    let k = VERSION_TEXT.test(v) ? v : UNKNOWN_KUBELET;
    if (!(k in kubelets) && Object.keys(kubelets).length >= MAX_KUBELET_VERSIONS - 1) k = UNKNOWN_KUBELET;
    kubelets[k] = (kubelets[k] ?? 0) + 1;
  }
  return {
    formatVersion: 1,
    cluster,
    at: at.toISOString(),
    apiServer,
    nodes: kubeletVersions.length,
    kubelets
  };
}
async function writeVersionRecord(store, prefix, record) {
  const key = versionRecordKey(prefix, record.cluster);
  await store.putJson(key, record);
  return key;
}
var countOk = (n, min) => typeof n === "number" && Number.isInteger(n) && n >= min && n <= MAX_NODES;
function versionRecordProblem(value, cluster, now) {
  const head = recordHeader(value, FIELDS, cluster, now);
  if ("problem" in head) return head.problem;
  const r = head.record;
  if (typeof r.apiServer !== "string" || !VERSION_TEXT.test(r.apiServer))
    return "'apiServer' is not a Kubernetes version such as v1.35.4";
  if (!countOk(r.nodes, 0)) return `'nodes' is not a whole number from 0 to ${MAX_NODES}`;
  const k = r.kubelets;
  if (k === null || typeof k !== "object" || Array.isArray(k)) return "'kubelets' is not a JSON object";
  const entries = Object.entries(k);
  if (entries.length > MAX_KUBELET_VERSIONS)
    return `'kubelets' lists more than ${MAX_KUBELET_VERSIONS} versions`;
  let sum = 0;
  for (const [version, count] of entries) {
    if (version !== UNKNOWN_KUBELET && !VERSION_TEXT.test(version))
      return `'kubelets' has a key that is not a Kubernetes version: ${JSON.stringify(version.slice(0, 40))}`;
    if (!countOk(count, 1)) return `'kubelets' counts ${version} with something other than a whole number`;
    sum += count;
  }
  if (sum !== r.nodes) return `'kubelets' counts ${sum} nodes, 'nodes' says ${String(r.nodes)}`;
  return void 0;
}
async function readVersionRecord(store, prefix, cluster, now = /* @__PURE__ */ new Date()) {
  const key = versionRecordKey(prefix, cluster);
  const value = await store.getJson(key);
  if (value === void 0) return void 0;
  const problem = versionRecordProblem(value, cluster, now);
  if (problem)
    throw new OperationalError(
      `the version record s3://${store.config.bucket}/${key} is refused: ${problem} (written by something other than kubekeep's cluster-info, or damaged)`
    );
  return value;
}

export {
  UNKNOWN_KUBELET,
  newVersionRecord,
  writeVersionRecord,
  readVersionRecord
};
