import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  declaredOnly
} from "./chunk-UMKYBFFO.js";
import {
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/config/capability.ts
function defineCapability(cap) {
  const parse = cap.parse.bind(cap);
  return {
    ...cap,
    parse: (src) => parse(declaredOnly(cap.inputs, src, `capability ${cap.name}`))
  };
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
