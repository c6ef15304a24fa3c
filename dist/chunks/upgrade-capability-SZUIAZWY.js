import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  STEPS,
  parseUpgradeNodeConfig,
  upgradeNode
} from "./chunk-QFCYV2TE.js";
import "./chunk-GDKZTHF5.js";
import "./chunk-IJE3ZN2K.js";
import "./chunk-6ZVNXR5G.js";
import "./chunk-DGB6AS4C.js";
import "./chunk-YWTATPJU.js";
import "./chunk-VVID3JDB.js";
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
