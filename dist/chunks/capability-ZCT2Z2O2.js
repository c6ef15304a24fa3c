import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  nodeInput,
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
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/uncordon/config.ts
var uncordonInputs = {
  ...clusterInputs,
  ...nodeInput,
  force: input.boolean({ description: "Uncordon even nodes kubekeep did not cordon.", default: false })
};
function parseUncordonConfig(src) {
  return {
    cluster: parseClusterConfig(src),
    nodes: parseNodes(src),
    force: readInputs(uncordonInputs, src).force
  };
}

// src/capabilities/uncordon/capability.ts
var uncordon = defineCapability({
  name: "uncordon",
  summary: "make nodes schedulable again (only those kubekeep cordoned, unless forced)",
  description: "Make nodes schedulable again, only those kubekeep cordoned (a node cordoned by someone else before the drain stays cordoned unless force is set).",
  inputs: uncordonInputs,
  outputs: {
    uncordoned: "Comma-separated nodes now schedulable",
    "left-cordoned": "Comma-separated nodes left cordoned because someone else cordoned them before kubekeep"
  },
  positional: "node",
  parse: parseUncordonConfig,
  run: async (config, ctx) => (await import("./run-SCGMXGGR.js")).run(config, ctx)
});
export {
  uncordon
};
