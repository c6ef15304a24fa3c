import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo
} from "./chunk-UAO4MS2S.js";
import {
  uncordon
} from "./chunk-QR2FMHF2.js";
import {
  upgradeNode
} from "./chunk-NEBA6RFR.js";
import {
  drain
} from "./chunk-R3BYCOU4.js";
import {
  upgradePlan
} from "./chunk-A3I4FOWZ.js";

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
