import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parsePlanConfig,
  upgradePlan
} from "./chunk-QBB7WJZC.js";
import "./chunk-GDKZTHF5.js";
import "./chunk-PO2QPZ77.js";
import "./chunk-UTHQWAVB.js";
import "./chunk-VVID3JDB.js";
import "./chunk-NTLTZJUN.js";
import "./chunk-GXLZ4LSQ.js";
import "./chunk-GKVOYQ7I.js";
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
