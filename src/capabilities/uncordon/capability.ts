/**
 * `uncordon`: make drained nodes schedulable again, but only those kubekeep
 * cordoned: a node an operator cordoned beforehand stays cordoned unless
 * `force` says otherwise.
 */
import { defineCapability } from "../../config/capability.ts";
import { parseUncordonConfig, uncordonInputs, type UncordonConfig } from "./config.ts";

export const uncordon = defineCapability<UncordonConfig>({
  name: "uncordon",
  summary: "make nodes schedulable again (only those kubekeep cordoned, unless forced)",
  description:
    "Make nodes schedulable again, only those kubekeep cordoned (a node cordoned by someone else before the drain stays cordoned unless force is set).",
  inputs: uncordonInputs,
  outputs: {
    uncordoned: "Comma-separated nodes now schedulable",
    "left-cordoned": "Comma-separated nodes left cordoned because someone else cordoned them before kubekeep",
  },
  positional: "node",
  parse: parseUncordonConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
