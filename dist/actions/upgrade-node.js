import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradeNode
} from "../chunks/chunk-NEBA6RFR.js";
import "../chunks/chunk-R3BYCOU4.js";
import "../chunks/chunk-NFWTUWVG.js";
import "../chunks/chunk-NSZRKK6G.js";
import "../chunks/chunk-HJWQQBYG.js";
import "../chunks/chunk-FLFDUZ3A.js";
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
