import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradeNode
} from "../chunks/chunk-6SO5KMQK.js";
import "../chunks/chunk-GDKZTHF5.js";
import "../chunks/chunk-UR3WOFL3.js";
import "../chunks/chunk-6ZVNXR5G.js";
import "../chunks/chunk-ULAISMCG.js";
import "../chunks/chunk-CILRNNEI.js";
import "../chunks/chunk-VVID3JDB.js";
import "../chunks/chunk-NTLTZJUN.js";
import "../chunks/chunk-WMXYFZHG.js";
import "../chunks/chunk-K5N7R5FJ.js";
import {
  getInput,
  runAction
} from "../chunks/chunk-WWTYFQEP.js";
import "../chunks/chunk-OYAXSSLA.js";
import "../chunks/chunk-5DBXSNUI.js";
import "../chunks/chunk-HIFVFMHY.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-AADN3Z4Y.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-node.ts
var inputs = JSON.parse(process.env.KUBEKEEP_INPUTS || "{}");
await runAction(
  upgradeNode,
  (name) => name === "step" && process.env.KUBEKEEP_STEP ? process.env.KUBEKEEP_STEP : typeof inputs[name] === "string" && inputs[name] !== "" ? inputs[name] : getInput(name)
);
