import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parseLabelSelector
} from "./chunk-FK3ILC2B.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";

// src/fleet/config.ts
var LABEL_KEY = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;
var fleetInputs = {
  inventory: input.string({
    description: "Path of the fleet inventory (YAML) in the repository: every cluster with its labels, kind, access, snapshot and export locations. The format is in docs/fleet.md.",
    required: true
  }),
  selector: input.string({
    description: "Label selector over the inventory's cluster labels (kubectl's form: env=prod,region in (eu-west-1,eu-central-1)).",
    defaultText: "every cluster"
  })
};
function parseFleetSelection(src) {
  const v = readInputs(fleetInputs, src);
  const selector = parseLabelSelector("selector", v.selector);
  return { inventory: v.inventory, ...selector ? { selector } : {} };
}

export {
  LABEL_KEY,
  fleetInputs,
  parseFleetSelection
};
