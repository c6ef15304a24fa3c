import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-XIQOQISJ.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/recovery/lineage.ts
var LINEAGE_ANNOTATION = "kubekeep.dev/etcd-lineage";
var ID_RE = /^[0-9a-f]{1,16}$/;
var MAX_ANCESTORS = 100;
function parseLineage(value) {
  if (!value) return void 0;
  let v;
  try {
    v = JSON.parse(value);
  } catch {
    return void 0;
  }
  const r = v;
  if (typeof r?.clusterId !== "string" || !ID_RE.test(r.clusterId) || !Array.isArray(r.ancestors) || r.ancestors.length > MAX_ANCESTORS || !r.ancestors.every((a) => typeof a === "string" && ID_RE.test(a)))
    return void 0;
  return { clusterId: r.clusterId, ancestors: r.ancestors };
}
function lineageOf(record, liveId) {
  return [liveId, ...record?.clusterId === liveId ? record.ancestors : []];
}
function nextLineage(o) {
  const ids = [
    o.snapshotId,
    ...o.before?.includes(o.snapshotId) ? o.before : [],
    ...o.restored?.clusterId === o.snapshotId ? o.restored.ancestors : []
  ];
  const ancestors = [...new Set(ids)].filter((id) => id !== o.newId).slice(0, MAX_ANCESTORS);
  return { clusterId: o.newId, ancestors };
}
async function readLineage(client) {
  try {
    const ns = await client.get("/api/v1/namespaces/kube-system");
    return parseLineage(ns.metadata?.annotations?.[LINEAGE_ANNOTATION]);
  } catch (err) {
    if (isApiError(err, 404)) return void 0;
    throw err;
  }
}
async function writeLineage(client, lineage) {
  await client.mergePatch("/api/v1/namespaces/kube-system", {
    metadata: { annotations: { [LINEAGE_ANNOTATION]: JSON.stringify(lineage) } }
  });
}
export {
  LINEAGE_ANNOTATION,
  lineageOf,
  nextLineage,
  parseLineage,
  readLineage,
  writeLineage
};
