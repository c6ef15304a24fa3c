import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parsePlanConfig,
  upgradePlan
} from "./chunk-X6IU3H6M.js";
import "./chunk-GDKZTHF5.js";
import "./chunk-ULAISMCG.js";
import "./chunk-CILRNNEI.js";
import "./chunk-VVID3JDB.js";
import "./chunk-NTLTZJUN.js";
import "./chunk-WMXYFZHG.js";
import "./chunk-K5N7R5FJ.js";
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
