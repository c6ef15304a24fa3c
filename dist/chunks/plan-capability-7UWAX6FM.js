import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parsePlanConfig,
  upgradePlan
} from "./chunk-K7M7KQX7.js";
import "./chunk-GDKZTHF5.js";
import "./chunk-Z3E5UPXI.js";
import "./chunk-FDO7YNQF.js";
import "./chunk-VVID3JDB.js";
import "./chunk-NTLTZJUN.js";
import "./chunk-3QCQ7WT4.js";
import "./chunk-YAMVASPE.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-LHRB22IX.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  parsePlanConfig,
  upgradePlan
};
