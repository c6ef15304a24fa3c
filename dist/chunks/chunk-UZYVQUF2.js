import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
import {
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/nodes/replace/record.ts
import { createHash } from "node:crypto";
var REPLACES_ANNOTATION = "kubekeep.dev/replaces";
var REPLACE_STATES = ["replacing", "done", "failed"];
var NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
var PREFIX = "kubekeep-replace-";
function recordName(node) {
  const name = PREFIX + node;
  if (name.length <= 253) return name;
  return `${PREFIX}${node.slice(0, 200).replace(/[-.]+$/, "")}-${createHash("sha256").update(node).digest("hex").slice(0, 16)}`;
}
var recordPath = (namespace, node) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(recordName(node))}`;
var isStringArray = (v) => Array.isArray(v) && v.every((x) => typeof x === "string");
function parseRecord(node, raw) {
  if (!raw) return "it holds no record";
  let v;
  try {
    v = JSON.parse(raw);
  } catch {
    return "its record is not JSON";
  }
  if (typeof v !== "object" || v === null) return "its record is not an object";
  if (v.node !== node) return `its record is about node ${JSON.stringify(v.node)}, not ${node}`;
  const str = (k) => typeof v[k] === "string";
  const optStr = (k) => v[k] === void 0 || str(k);
  const optNum = (k) => v[k] === void 0 || typeof v[k] === "number" && Number.isFinite(v[k]);
  if (!str("target") || !str("from") || !str("uid") || !str("at"))
    return "its record lacks target, from, uid or at";
  if (!REPLACE_STATES.includes(v.state))
    return `its state ${JSON.stringify(v.state)} is not one of ${REPLACE_STATES.join(", ")}`;
  if (!isStringArray(v.pool)) return "its pool is not a list of UIDs";
  if (v.replacement !== void 0 && !(typeof v.replacement === "string" && NAME.test(v.replacement)))
    return `its replacement ${JSON.stringify(v.replacement)} is not a node name`;
  if (!optStr("detail") || !optStr("providerID") || !optStr("by") || !optNum("evicted") || !optNum("drainSeconds"))
    return "a field has the wrong type";
  for (const k of ["commanded", "removed"])
    if (v[k] !== void 0 && typeof v[k] !== "boolean") return `${k} is not true/false`;
  if (v.notReadyBefore !== void 0 && !isStringArray(v.notReadyBefore))
    return "notReadyBefore is not a list";
  if (v.taints !== void 0 && !isStringArray(v.taints)) return "taints is not a list";
  return v;
}
async function readRecord(client, namespace, node) {
  let cm;
  try {
    cm = await client.get(recordPath(namespace, node));
  } catch (err) {
    if (isApiError(err, 404)) return void 0;
    throw err;
  }
  const r = parseRecord(node, cm.data?.record);
  if (typeof r === "string")
    throw new OperationalError(
      `the replacement record of node ${node} (ConfigMap ${namespace}/${recordName(node)}) cannot be used: ${r}; inspect it, and delete it to start that node's replacement over`
    );
  return r;
}
async function writeRecord(client, namespace, record) {
  const full = { ...record, at: (/* @__PURE__ */ new Date()).toISOString() };
  await client.apply(
    recordPath(namespace, record.node),
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: recordName(record.node),
        namespace,
        labels: { "app.kubernetes.io/managed-by": "kubekeep" },
        annotations: { "kubekeep.dev/replaced-node": record.node }
      },
      data: { record: JSON.stringify(full) }
    },
    "kubekeep"
  );
  return full;
}
async function listRecords(client, namespace) {
  const list = await client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`, {
    labelSelector: "app.kubernetes.io/managed-by=kubekeep"
  });
  const out = [];
  for (const cm of list.items) {
    const node = cm.metadata.annotations?.["kubekeep.dev/replaced-node"];
    if (!node || !NAME.test(node)) continue;
    const r = parseRecord(node, cm.data?.record);
    if (typeof r !== "string") out.push(r);
  }
  return out;
}

export {
  REPLACES_ANNOTATION,
  recordName,
  readRecord,
  writeRecord,
  listRecords
};
