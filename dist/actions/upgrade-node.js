import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  getInput,
  runAction
} from "../chunks/chunk-GAFED3JO.js";
import "../chunks/chunk-3V4ZZVF3.js";
import "../chunks/chunk-FAA3R6AU.js";
import "../chunks/chunk-OWYMNPRP.js";
import "../chunks/chunk-CUX76FH3.js";
import "../chunks/chunk-T4ZVIX6G.js";
import {
  ConfigurationError
} from "../chunks/chunk-YBANDQLS.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-node.ts
var given;
function inputs() {
  try {
    given ??= JSON.parse(process.env.KUBEKEEP_INPUTS || "{}");
  } catch {
    throw new ConfigurationError("KUBEKEEP_INPUTS is not JSON: the composite passes ${{ toJSON(inputs) }}");
  }
  return given;
}
await runAction(
  () => "upgrade-node",
  (name) => {
    if (name === "step" && process.env.KUBEKEEP_STEP) return process.env.KUBEKEEP_STEP;
    const v = inputs()[name];
    return typeof v === "string" && v !== "" ? v : getInput(name);
  }
);
