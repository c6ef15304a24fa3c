/**
 * `upgrade-plan`: reads the nodes, checks the version skew policy for the
 * target, and writes the matrices the upgrade jobs run (control plane first,
 * then worker batches), with a drain preflight per batch.
 */
import { defineCapability } from "../../config/capability.ts";
import { parsePlanConfig, planInputs, type PlanConfig } from "./config.ts";

export const upgradePlan = defineCapability<PlanConfig>({
  name: "upgrade-plan",
  summary:
    "check version skew for a target version and plan the rolling upgrade as job matrices, with a drain preflight",
  description:
    "Check the version skew policy for a target version (one minor at a time for the control plane, no kubelet newer than the API server, no downgrades) and output the rolling-upgrade job matrices, control plane first, with a drain preflight per batch.",
  inputs: planInputs,
  outputs: {
    "target-version": "The normalized target version",
    matrix: "JSON matrix ({include:[{batch,node,role,kubeadm}]}) of every batch, control plane first",
    "control-plane-matrix":
      "JSON matrix of the control-plane nodes, one per entry; the first runs kubeadm upgrade apply",
    "worker-matrix": "JSON matrix of the worker batches",
    "has-control-plane-work": "true when some control-plane node needs the upgrade",
    "has-worker-work": "true when some worker needs the upgrade",
    "single-control-plane":
      "true when the cluster has exactly one control-plane node, which can only be upgraded drained: pass it to upgrade-node's allow-draining-last-control-plane",
    "up-to-date": "Comma-separated nodes already at the target",
    preflight: "JSON list of per-batch preflight results {batch,node,pods,ok,problems,waits}",
  },
  parse: parsePlanConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
