import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parsePlanConfig,
  upgradePlan
} from "./chunk-U65GJQQC.js";
import "./chunk-GDKZTHF5.js";
import "./chunk-LXADI74U.js";
import "./chunk-ADSD7IGN.js";
import "./chunk-VVID3JDB.js";
import "./chunk-6FTAWW3A.js";
import "./chunk-I57L24GE.js";
import "./chunk-ABMQYTT7.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  parsePlanConfig,
  upgradePlan
};
