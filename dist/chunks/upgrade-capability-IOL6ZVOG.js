import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  STEPS,
  parseUpgradeNodeConfig,
  upgradeNode
} from "./chunk-BUXU4I7U.js";
import "./chunk-GDKZTHF5.js";
import "./chunk-7ZQHBHTI.js";
import "./chunk-6ZVNXR5G.js";
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
  STEPS,
  parseUpgradeNodeConfig,
  upgradeNode
};
