import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parseMaxUnavailable
} from "./chunk-DLGH5XU5.js";
import {
  filterInputs,
  parseFilters,
  parseTarget,
  targetInput
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
import {
  parseLabelSelector
} from "./chunk-FK3ILC2B.js";
import "./chunk-EUSUB6M6.js";
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
import {
  badInput
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/upgrade-plan/config.ts
var planInputs = {
  ...clusterInputs,
  ...targetInput,
  "max-unavailable": input.string({
    description: "Workers upgraded at once: a count (1) or a percentage of the workers (25%).",
    default: "1"
  }),
  preflight: input.boolean({
    description: "Check each batch can drain: kubectl filters, PodDisruptionBudgets, spare capacity, server-side dry-run evictions. A batch that cannot drain fails the plan.",
    default: true
  }),
  "node-selector": input.string({
    description: "Plan only the nodes this label selector matches, e.g. a node pool (eks.amazonaws.com/nodegroup=workers) to rotate with upgrade-node's executor replace: its nodes in name order (after any gone node whose replacement is unfinished, see lock-namespace), one per job at max-unavailable 1. Replaced nodes come back under new names at the target, so they are up to date, not planned again.",
    defaultText: "every node"
  }),
  "lock-namespace": input.string({
    description: "With node-selector: upgrade-node's lock-namespace, where executor replace keeps its records. A node of the pool whose Node is gone while its replacement is unfinished (failed, or stopped) is planned first, its job resuming it; reading the records needs list configmaps there (else the plan says it could not).",
    default: "kube-system"
  }),
  ...filterInputs
};
function parsePlanConfig(src) {
  const v = readInputs(planInputs, src);
  const mu = v["max-unavailable"];
  const maxUnavailable = parseMaxUnavailable(mu);
  if (!maxUnavailable)
    throw badInput(
      "max-unavailable",
      mu,
      "a count of nodes (1, 2, ...) or a percentage of the workers (25%)"
    );
  return {
    cluster: parseClusterConfig(src),
    target: parseTarget(src),
    maxUnavailable,
    preflight: v.preflight,
    filters: parseFilters(src),
    nodeSelector: parseLabelSelector("node-selector", v["node-selector"]),
    recordsNamespace: v["lock-namespace"]
  };
}

// src/capabilities/upgrade-plan/capability.ts
var upgradePlan = defineCapability({
  name: "upgrade-plan",
  summary: "check version skew for a target version and plan the rolling upgrade as job matrices, with a drain preflight",
  description: "Check the version skew policy for a target version (one minor at a time for the control plane, no kubelet newer than the API server, no downgrades) and output the rolling-upgrade job matrices, control plane first, with a drain preflight per batch.",
  inputs: planInputs,
  outputs: {
    "target-version": "The normalized target version",
    matrix: "JSON matrix ({include:[{batch,node,role,kubeadm}]}) of every batch, control plane first",
    "control-plane-matrix": "JSON matrix of the control-plane nodes, one per entry; the first runs kubeadm upgrade apply",
    "worker-matrix": "JSON matrix of the worker batches",
    "has-control-plane-work": "true when some control-plane node needs the upgrade",
    "has-worker-work": "true when some worker needs the upgrade",
    "single-control-plane": "true when the cluster has exactly one control-plane node, which can only be upgraded drained: pass it to upgrade-node's allow-draining-last-control-plane",
    "up-to-date": "Comma-separated nodes already at the target",
    preflight: "JSON list of per-batch preflight results {batch,node,pods,ok,problems,waits}"
  },
  parse: parsePlanConfig,
  run: async (config, ctx) => (await import("./run-UNYUVUFB.js")).run(config, ctx)
});
export {
  upgradePlan
};
