import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parseStorage,
  storageInputs
} from "./chunk-MINQNAAS.js";
import "./chunk-VGEDGZPT.js";
import {
  clusterInputs,
  parseClusterConfig
} from "./chunk-422FMMWY.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/cluster-info/config.ts
var clusterInfoInputs = {
  ...clusterInputs,
  "s3-bucket": input.string({
    description: "Record the versions read (the API server's, and how many nodes run each kubelet version) in this bucket, at <s3-prefix><cluster-name>/versions/last.json next to the cluster's snapshots, where fleet-report reads them (docs/fleet.md).",
    defaultText: "not recorded"
  }),
  "s3-prefix": storageInputs["s3-prefix"],
  "cluster-name": storageInputs["cluster-name"],
  "s3-endpoint": storageInputs["s3-endpoint"],
  "s3-region": storageInputs["s3-region"],
  "s3-force-path-style": storageInputs["s3-force-path-style"],
  "s3-checksum": storageInputs["s3-checksum"]
};
function parseClusterInfoConfig(src) {
  const config = parseClusterConfig(src);
  const v = readInputs(clusterInfoInputs, src);
  if (v["s3-bucket"] === void 0) return config;
  const declared = new Set(Object.keys(clusterInfoInputs));
  const record = parseStorage((name) => declared.has(name) ? src(name) : "");
  return { ...config, record };
}

// src/capabilities/cluster-info/capability.ts
var clusterInfo = defineCapability({
  name: "cluster-info",
  summary: "check access to the cluster and show its version and nodes",
  description: "Check access to the cluster and report its version and nodes (role, kubelet version, Ready, cordoned). A read-only preflight for any kubekeep workflow; with s3-bucket it also records the versions next to the cluster's snapshots, where fleet-report reads them.",
  inputs: clusterInfoInputs,
  outputs: {
    "server-version": "The API server's version, e.g. v1.35.4",
    nodes: "Number of nodes",
    "ready-nodes": "Number of Ready nodes"
  },
  parse: parseClusterInfoConfig,
  run: async (config, ctx) => (await import("./run-PQUAM2KA.js")).run(config, ctx)
});
export {
  clusterInfo
};
