import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/core/capability.ts
function defineCapability(cap) {
  return cap;
}
var CapabilityFailure = class extends OperationalError {
  name = "CapabilityFailure";
  result;
  constructor(message, result) {
    super(message);
    this.result = result;
  }
};

export {
  defineCapability,
  CapabilityFailure
};
