import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdList
} from "./chunk-O4GTY2FE.js";
import "./chunk-2VJSLK53.js";
import "./chunk-M3FNMRWH.js";
import "./chunk-E57IVR3K.js";
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
  etcdList
};
