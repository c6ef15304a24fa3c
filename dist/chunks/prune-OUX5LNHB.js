import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdPrune
} from "./chunk-KJN7T2HY.js";
import "./chunk-J7UDGLKQ.js";
import "./chunk-M3FNMRWH.js";
import "./chunk-E57IVR3K.js";
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
  etcdPrune
};
