import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  snapshotKeys
} from "./chunk-IGP2PXZW.js";
import "./chunk-6EQQZ7XH.js";
import "./chunk-DY6RLOVI.js";

// src/etcd/key-counts.ts
function keyResource(key, prefix = "/registry") {
  if (!key.startsWith(`${prefix}/`)) return void 0;
  const [first = "", second = ""] = key.slice(prefix.length + 1).split("/");
  if (!first) return void 0;
  if (first.includes(".")) return second ? `${second}.${first}` : first;
  if (first === "services") return second === "endpoints" ? "endpoints" : "services";
  return LEGACY_NAMES[first] ?? first;
}
var LEGACY_NAMES = {
  minions: "nodes",
  controllers: "replicationcontrollers",
  ingress: "ingresses"
};
function countKeys(keys, prefix = "/registry") {
  const counts = /* @__PURE__ */ new Map();
  for (const k of keys) {
    const id = keyResource(k, prefix);
    if (id === void 0) continue;
    const c = counts.get(id) ?? { id, kind: id, count: 0 };
    c.count = (c.count ?? 0) + 1;
    counts.set(id, c);
  }
  return counts;
}
function countSnapshotKeys(file, prefix = "/registry") {
  return countKeys(snapshotKeys(file), prefix);
}
async function countLiveKeys(client, prefix = "/registry", pageSize = 5e3) {
  const start = Buffer.from(`${prefix}/`, "latin1");
  const end = Buffer.from(start);
  end[end.length - 1] = end[end.length - 1] + 1;
  const keys = [];
  let from = start;
  let revision = 0;
  for (; ; ) {
    const page = await client.rangeKeys(from, end, pageSize, revision);
    if (!revision) revision = page.header.revision;
    for (const k of page.keys) keys.push(k.toString("latin1"));
    const last = page.keys.at(-1);
    if (!page.more || !last) break;
    from = Buffer.concat([last, Buffer.from([0])]);
  }
  return { counts: countKeys(keys, prefix), revision };
}
export {
  countKeys,
  countLiveKeys,
  countSnapshotKeys,
  keyResource
};
