import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parsePlanConfig,
  upgradePlan
} from "./chunk-RCMQVQAP.js";
import "./chunk-GDKZTHF5.js";
import "./chunk-5ASNNSGM.js";
import "./chunk-4C2LR6N7.js";
import "./chunk-VVID3JDB.js";
import "./chunk-NTLTZJUN.js";
import "./chunk-UETDYILE.js";
import "./chunk-RXEOENWD.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-53OKXA3A.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  parsePlanConfig,
  upgradePlan
};
