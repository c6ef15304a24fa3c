import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  uncordon
} from "./chunk-QQVN775C.js";
import "./chunk-6ZVNXR5G.js";
import "./chunk-CILRNNEI.js";
import "./chunk-VVID3JDB.js";
import "./chunk-NTLTZJUN.js";
import "./chunk-WMXYFZHG.js";
import "./chunk-K5N7R5FJ.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  uncordon
};
