import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdList
} from "./chunk-II3TMGQV.js";
import "./chunk-QMNZ4G2N.js";
import "./chunk-M3FNMRWH.js";
import "./chunk-E57IVR3K.js";
import "./chunk-NTLTZJUN.js";
import "./chunk-UERCNKJQ.js";
import "./chunk-UJWQRDF3.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  etcdList
};
