import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdSnapshot,
  streamSnapshot
} from "./chunk-3Q527PSP.js";
import "./chunk-CBH4XVJM.js";
import "./chunk-LSKKEOJO.js";
import "./chunk-E57IVR3K.js";
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
  etcdSnapshot,
  streamSnapshot
};
