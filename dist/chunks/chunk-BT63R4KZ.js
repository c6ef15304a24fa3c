import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability
} from "./chunk-USWJP5DA.js";
import {
  clusterInfo
} from "./chunk-CEWZZMPS.js";
import {
  etcdList,
  etcdPrune,
  etcdRestore,
  etcdSnapshot,
  etcdVerify
} from "./chunk-ZU7YGQCW.js";

// src/capabilities.ts
var CAPABILITIES = [
  clusterInfo,
  exportCapability,
  etcdSnapshot,
  etcdVerify,
  etcdList,
  etcdPrune,
  etcdRestore
];
function findCapability(name) {
  return CAPABILITIES.find((c) => c.name === name);
}

export {
  CAPABILITIES,
  findCapability
};
