import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradeNode
} from "../chunks/chunk-MWYI4SBW.js";
import "../chunks/chunk-EUTDBEHJ.js";
import "../chunks/chunk-R77NZ6FM.js";
import "../chunks/chunk-Z4P4SBTL.js";
import "../chunks/chunk-MRACSNHK.js";
import "../chunks/chunk-63MP4D7N.js";
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
