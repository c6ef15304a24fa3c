import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradeNode
} from "../chunks/chunk-NLGU6NXF.js";
import "../chunks/chunk-LI7R733J.js";
import "../chunks/chunk-A3CSJYFO.js";
import "../chunks/chunk-UGNNS6NX.js";
import "../chunks/chunk-MUK7GP3U.js";
import "../chunks/chunk-KXCSLTZP.js";
import {
  getInput,
  runAction
} from "../chunks/chunk-FAWDCP5O.js";
import "../chunks/chunk-BGAFECIC.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-node.ts
var inputs = JSON.parse(process.env.KUBEKEEP_INPUTS || "{}");
await runAction(
  upgradeNode,
  (name) => name === "step" && process.env.KUBEKEEP_STEP ? process.env.KUBEKEEP_STEP : typeof inputs[name] === "string" && inputs[name] !== "" ? inputs[name] : getInput(name)
);
