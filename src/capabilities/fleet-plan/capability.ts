/** `fleet-plan`: the fleet inventory as a GitHub Actions matrix, one job per cluster. */
import { defineCapability } from "../../config/capability.ts";
import { parsePlanConfig, planInputs, type PlanConfig } from "./config.ts";

export const fleetPlan = defineCapability<PlanConfig>({
  name: "fleet-plan",
  summary: "turn the fleet inventory into a matrix of clusters for strategy.matrix",
  description:
    "Read the fleet inventory, pick the clusters a label selector names, order them by wave then name, and output a matrix for strategy.matrix (fromJSON) with every per-cluster parameter a job needs: access, snapshot and export locations, a concurrency group. Split into pages of at most 256 clusters (GitHub's matrix limit).",
  inputs: planInputs,
  outputs: {
    matrix: 'The first page: {"include":[...]}, one entry per cluster, for strategy.matrix via fromJSON',
    "matrix-2": "The second page (empty include when there is none)",
    "matrix-3": "The third page (empty include when there is none)",
    "matrix-4": "The fourth page (empty include when there is none)",
    pages: "Number of non-empty pages",
    count: "Number of clusters selected",
    clusters: "JSON list of the selected cluster names, in matrix order",
    waves: "JSON list of the waves present, in order",
  },
  parse: parsePlanConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
