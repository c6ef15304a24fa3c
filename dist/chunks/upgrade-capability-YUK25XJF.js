import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  STEPS,
  parseUpgradeNodeConfig,
  upgradeNode
} from "./chunk-CRJKL4G3.js";
import "./chunk-3VWQAXNY.js";
import "./chunk-PAVJFZWU.js";
import "./chunk-UKNANYW4.js";
import "./chunk-MUCSK5XY.js";
import "./chunk-H7SGPYUG.js";
import "./chunk-NTLTZJUN.js";
import "./chunk-XXDYOHH3.js";
import "./chunk-VMH5PXV4.js";
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
