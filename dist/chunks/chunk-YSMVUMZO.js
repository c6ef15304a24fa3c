import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability
} from "./chunk-K5E2FWED.js";
import {
  uncordon
} from "./chunk-LDHN6VJJ.js";
import {
  upgradeNode
} from "./chunk-NLGU6NXF.js";
import {
  upgradePlan
} from "./chunk-6JC33TFL.js";
import {
  clusterInfo
} from "./chunk-X3YNNAVC.js";
import {
  drain
} from "./chunk-A3CSJYFO.js";
import {
  etcdList,
  etcdPrune,
  etcdRestore,
  etcdSnapshot,
  etcdVerify
} from "./chunk-3IN3UVC7.js";

// src/capabilities.ts
var CAPABILITIES = [
  clusterInfo,
  exportCapability,
  etcdSnapshot,
  etcdVerify,
  etcdList,
  etcdPrune,
  etcdRestore,
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
