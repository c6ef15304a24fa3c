import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  uncordon
} from "./chunk-CDNG57UG.js";
import "./chunk-6ZVNXR5G.js";
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
  uncordon
};
