import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  drainInputs,
  lockInputs,
  nodeInput,
  parseAllowLastControlPlane,
  parseDrainOptions,
  parseLock,
  parseNodes
} from "./chunk-MMPS3OD7.js";
import "./chunk-2HG6AMBK.js";
import "./chunk-I54P7HKH.js";
import "./chunk-2BN52FYM.js";
import {
  clusterInputs,
  parseClusterConfig
} from "./chunk-422FMMWY.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-FK3ILC2B.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/drain/config.ts
var drainCapabilityInputs = { ...clusterInputs, ...nodeInput, ...drainInputs, ...lockInputs };
function parseDrainConfig(src) {
  const nodes = parseNodes(src);
  return {
    cluster: parseClusterConfig(src),
    nodes,
    drain: parseDrainOptions(src),
    lock: parseLock(src, nodes),
    allowLastControlPlane: parseAllowLastControlPlane(src)
  };
}

// src/capabilities/drain/capability.ts
var drain = defineCapability({
  name: "drain",
  summary: "cordon and drain nodes over the Eviction API (kubectl drain semantics), under a cluster lock",
  description: "Cordon and drain nodes with kubectl drain's semantics over the Eviction API (parallel evictions, disruption-budget refusals retried and reported live, UID-checked waits), under a cluster-wide Lease lock. The nodes stay cordoned; use uncordon afterwards.",
  inputs: drainCapabilityInputs,
  outputs: {
    "drained-nodes": "Comma-separated nodes drained",
    evicted: "Number of pods evicted",
    "duration-seconds": "Drain time of the slowest node, in seconds",
    blockers: "JSON list of pods whose eviction a PodDisruptionBudget refused at least once, with the budgets"
  },
  positional: "node",
  parse: parseDrainConfig,
  run: async (config, ctx) => (await import("./run-NL7SCFHD.js")).run(config, ctx)
});
export {
  drain
};
