import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo
} from "./chunk-YLLIQECV.js";

// src/capabilities.ts
var CAPABILITIES = [clusterInfo];
function findCapability(name) {
  return CAPABILITIES.find((c) => c.name === name);
}

export {
  CAPABILITIES,
  findCapability
};
