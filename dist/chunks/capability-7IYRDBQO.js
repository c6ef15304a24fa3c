import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInputs,
  parseClusterConfig
} from "./chunk-PAUERAHC.js";
import "./chunk-KLPRJXJ7.js";
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

// src/capabilities/cluster-info/config.ts
var clusterInfoInputs = clusterInputs;
var parseClusterInfoConfig = parseClusterConfig;

// src/capabilities/cluster-info/capability.ts
var clusterInfo = defineCapability({
  name: "cluster-info",
  summary: "check access to the cluster and show its version and nodes",
  description: "Check access to the cluster and report its version and nodes (role, kubelet version, Ready, cordoned). A read-only preflight for any kubekeep workflow.",
  inputs: clusterInfoInputs,
  outputs: {
    "server-version": "The API server's version, e.g. v1.35.4",
    nodes: "Number of nodes",
    "ready-nodes": "Number of Ready nodes"
  },
  parse: parseClusterInfoConfig,
  run: async (config, ctx) => (await import("./run-EP7PPB5H.js")).run(config, ctx)
});
export {
  clusterInfo
};
