import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo
} from "./chunk-2XPQRT43.js";
import {
  etcdList,
  etcdPrune,
  etcdRestore,
  etcdSnapshot,
  etcdVerify
} from "./chunk-B66CLIUC.js";

// src/capabilities.ts
var CAPABILITIES = [
  clusterInfo,
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
