import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo
} from "./chunk-I4XEPC2E.js";
import {
  exportCapability
} from "./chunk-P435F3HQ.js";

// src/capabilities.ts
var CAPABILITIES = [clusterInfo, exportCapability];
function findCapability(name) {
  return CAPABILITIES.find((c) => c.name === name);
}

export {
  CAPABILITIES,
  findCapability
};
