import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradeNode
} from "../chunks/chunk-WUQJ5PPD.js";
import "../chunks/chunk-2NN2YCMF.js";
import "../chunks/chunk-O37UXL6A.js";
import "../chunks/chunk-UOLUC4Z7.js";
import "../chunks/chunk-AQLKHLBZ.js";
import "../chunks/chunk-TULMLUVH.js";
import {
  getInput,
  runAction
} from "../chunks/chunk-U7ISTRJF.js";
import "../chunks/chunk-IUM256FI.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-node.ts
var inputs = JSON.parse(process.env.KUBEKEEP_INPUTS || "{}");
await runAction(
  upgradeNode,
  (name) => name === "step" && process.env.KUBEKEEP_STEP ? process.env.KUBEKEEP_STEP : typeof inputs[name] === "string" && inputs[name] !== "" ? inputs[name] : getInput(name)
);
