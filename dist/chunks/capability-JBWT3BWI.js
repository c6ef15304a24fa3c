import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parseStorage,
  storageInputs
} from "./chunk-MINQNAAS.js";
import "./chunk-VGEDGZPT.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-list/config.ts
var listInputs = storageInputs;
function parseListConfig(src) {
  return { storage: parseStorage(src) };
}

// src/capabilities/etcd-list/capability.ts
var etcdList = defineCapability({
  name: "etcd-list",
  summary: "list the stored etcd snapshots of a cluster",
  description: "List a cluster's stored etcd snapshots, newest first, with size, revision, etcd version and whether each was verified.",
  inputs: listInputs,
  outputs: { count: "Number of snapshots", key: "Key of the newest snapshot" },
  parse: parseListConfig,
  run: async (config, ctx) => (await import("./run-VNT5ZIJR.js")).run(config, ctx)
});
export {
  etcdList
};
