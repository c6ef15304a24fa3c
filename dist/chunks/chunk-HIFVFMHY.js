import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-AADN3Z4Y.js";

// src/core/capability.ts
function defineCapability(cap) {
  return cap;
}
var CapabilityFailure = class extends ConfigurationError {
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
