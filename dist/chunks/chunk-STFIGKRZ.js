import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo
} from "./chunk-UAO4MS2S.js";
import {
  uncordon
} from "./chunk-N4BBJJVZ.js";
import {
  upgradeNode
} from "./chunk-WUQJ5PPD.js";
import {
  drain
} from "./chunk-2NN2YCMF.js";
import {
  upgradePlan
} from "./chunk-OZIEHKJJ.js";

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
