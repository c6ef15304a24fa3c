import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradePlan
} from "../chunks/chunk-U65GJQQC.js";
import "../chunks/chunk-GDKZTHF5.js";
import "../chunks/chunk-LXADI74U.js";
import "../chunks/chunk-ADSD7IGN.js";
import "../chunks/chunk-VVID3JDB.js";
import "../chunks/chunk-6FTAWW3A.js";
import "../chunks/chunk-I57L24GE.js";
import "../chunks/chunk-ABMQYTT7.js";
import {
  runAction
} from "../chunks/chunk-WWTYFQEP.js";
import "../chunks/chunk-OYAXSSLA.js";
import "../chunks/chunk-5DBXSNUI.js";
import "../chunks/chunk-HIFVFMHY.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-AADN3Z4Y.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-plan.ts
await runAction(upgradePlan);
