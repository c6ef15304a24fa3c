import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  LABEL_KEY,
  fleetInputs,
  parseFleetSelection
} from "./chunk-33ZCRVC7.js";
import "./chunk-FK3ILC2B.js";
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

// src/capabilities/fleet-plan/config.ts
var planInputs = {
  ...fleetInputs,
  "wave-label": input.string({
    description: "The label that holds a cluster's wave.",
    default: "wave"
  }),
  "wave-order": input.list({
    description: "Values of the wave label in the order the waves run (canary, 1, 2); the matrix is sorted by it, then by name. Every selected cluster must be in one of them."
  }),
  "page-size": input.integer({
    description: "Clusters per matrix page: GitHub runs at most 256 jobs per matrix, so set it lower when the job adds matrix dimensions of its own (256 / their product).",
    default: 256,
    min: 1,
    max: 256
  })
};
function parsePlanConfig(src) {
  const v = readInputs(planInputs, src);
  if (!LABEL_KEY.test(v["wave-label"]))
    throw badInput("wave-label", v["wave-label"], "a label key such as wave");
  return {
    ...parseFleetSelection(src),
    waveLabel: v["wave-label"],
    waveOrder: v["wave-order"],
    pageSize: v["page-size"]
  };
}

// src/capabilities/fleet-plan/capability.ts
var fleetPlan = defineCapability({
  name: "fleet-plan",
  summary: "turn the fleet inventory into a matrix of clusters for strategy.matrix",
  description: "Read the fleet inventory, pick the clusters a label selector names, order them by wave then name, and output a matrix for strategy.matrix (fromJSON) with every per-cluster parameter a job needs: access, snapshot and export locations, a concurrency group. Split into pages of at most 256 clusters (GitHub's matrix limit).",
  inputs: planInputs,
  outputs: {
    matrix: 'The first page: {"include":[...]}, one entry per cluster, for strategy.matrix via fromJSON',
    "matrix-2": "The second page (empty include when there is none)",
    "matrix-3": "The third page (empty include when there is none)",
    "matrix-4": "The fourth page (empty include when there is none)",
    pages: "Number of non-empty pages",
    count: "Number of clusters selected",
    clusters: "JSON list of the selected cluster names, in matrix order",
    waves: "JSON list of the waves present, in order"
  },
  parse: parsePlanConfig,
  run: async (config, ctx) => (await import("./run-5JNDAQO2.js")).run(config, ctx)
});
export {
  fleetPlan
};
