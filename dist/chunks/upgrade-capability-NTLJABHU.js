import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  STEPS,
  parseUpgradeNodeConfig,
  upgradeNode
} from "./chunk-TFP7XKT5.js";
import "./chunk-5FL73MZV.js";
import "./chunk-K5FEBMAX.js";
import "./chunk-C5XID23S.js";
import "./chunk-BGDIJVKG.js";
import "./chunk-UJ3HOOZA.js";
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
