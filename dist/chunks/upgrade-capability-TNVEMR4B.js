import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  STEPS,
  parseUpgradeNodeConfig,
  upgradeNode
} from "./chunk-3XTDDTKT.js";
import "./chunk-GDKZTHF5.js";
import "./chunk-JWT4QY7K.js";
import "./chunk-6ZVNXR5G.js";
import "./chunk-KKQMAZMA.js";
import "./chunk-BXIL6ZIC.js";
import "./chunk-VVID3JDB.js";
import "./chunk-NTLTZJUN.js";
import "./chunk-BABDBHIL.js";
import "./chunk-AAKPCODE.js";
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
