import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  uncordon
} from "./chunk-KCGGGGWV.js";
import "./chunk-6ZVNXR5G.js";
import "./chunk-MW7GM43M.js";
import "./chunk-VVID3JDB.js";
import "./chunk-6FTAWW3A.js";
import "./chunk-R7UKN4RD.js";
import "./chunk-MND6YXTW.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  uncordon
};
