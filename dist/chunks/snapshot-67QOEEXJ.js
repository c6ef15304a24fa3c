import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdSnapshot,
  streamSnapshot
} from "./chunk-LVIQY5NJ.js";
import "./chunk-BUQ3IGIY.js";
import "./chunk-M3FNMRWH.js";
import "./chunk-E57IVR3K.js";
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
  etcdSnapshot,
  streamSnapshot
};
