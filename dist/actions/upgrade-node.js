import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradeNode
} from "../chunks/chunk-6TVQ33HF.js";
import "../chunks/chunk-FJCJHDIU.js";
import "../chunks/chunk-Z4XMIYZM.js";
import "../chunks/chunk-UU55OYSW.js";
import "../chunks/chunk-2EHX65YZ.js";
import "../chunks/chunk-ZIHTD5VS.js";
import {
  getInput,
  runAction
} from "../chunks/chunk-AOT33XN4.js";
import "../chunks/chunk-BLKGA7O3.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-node.ts
var inputs = JSON.parse(process.env.KUBEKEEP_INPUTS || "{}");
await runAction(
  upgradeNode,
  (name) => name === "step" && process.env.KUBEKEEP_STEP ? process.env.KUBEKEEP_STEP : typeof inputs[name] === "string" && inputs[name] !== "" ? inputs[name] : getInput(name)
);
