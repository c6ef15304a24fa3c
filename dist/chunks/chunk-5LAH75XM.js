import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo
} from "./chunk-UAO4MS2S.js";
import {
  uncordon
} from "./chunk-ZUDF7MRJ.js";
import {
  upgradeNode
} from "./chunk-MWYI4SBW.js";
import {
  drain
} from "./chunk-EUTDBEHJ.js";
import {
  upgradePlan
} from "./chunk-5DGFFYGP.js";

// src/capabilities.ts
var CAPABILITIES = [
  clusterInfo,
  upgradePlan,
  drain,
  upgradeNode,
  uncordon
];
function findCapability(name) {
  return CAPABILITIES.find((c) => c.name === name);
}

export {
  CAPABILITIES,
  findCapability
};
