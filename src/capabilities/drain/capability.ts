/**
 * `drain`: cordon and drain nodes with kubectl drain's semantics (see
 * nodes/drain.ts), under the cluster-wide maintenance lock. The nodes stay
 * cordoned, as after `kubectl drain`; `uncordon` puts them back.
 */
import { defineCapability } from "../../config/capability.ts";
import { drainCapabilityInputs, parseDrainConfig, type DrainConfig } from "./config.ts";

export const drain = defineCapability<DrainConfig>({
  name: "drain",
  summary: "cordon and drain nodes over the Eviction API (kubectl drain semantics), under a cluster lock",
  description:
    "Cordon and drain nodes with kubectl drain's semantics over the Eviction API (parallel evictions, disruption-budget refusals retried and reported live, UID-checked waits), under a cluster-wide Lease lock. The nodes stay cordoned; use uncordon afterwards.",
  inputs: drainCapabilityInputs,
  outputs: {
    "drained-nodes": "Comma-separated nodes drained",
    evicted: "Number of pods evicted",
    "duration-seconds": "Drain time of the slowest node, in seconds",
    blockers:
      "JSON list of pods whose eviction a PodDisruptionBudget refused at least once, with the budgets",
  },
  positional: "node",
  parse: parseDrainConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
