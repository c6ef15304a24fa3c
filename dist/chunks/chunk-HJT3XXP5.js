import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability
} from "./chunk-Z6IMBHE5.js";
import {
  uncordon
} from "./chunk-GCHSGVDY.js";
import {
  upgradeNode
} from "./chunk-6TVQ33HF.js";
import {
  upgradePlan
} from "./chunk-CXUEYRWT.js";
import {
  clusterInfo
} from "./chunk-57RXQ36P.js";
import {
  drain
} from "./chunk-Z4XMIYZM.js";
import {
  etcdList,
  etcdPrune,
  etcdRestore,
  etcdSnapshot,
  etcdVerify
} from "./chunk-7LUMXGTF.js";

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
