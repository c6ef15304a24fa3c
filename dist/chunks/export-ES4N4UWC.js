import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability,
  plan,
  runExport
} from "./chunk-R3BGST32.js";
import "./chunk-GKXYD7T3.js";
import "./chunk-3QCQ7WT4.js";
import "./chunk-YAMVASPE.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-LHRB22IX.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  exportCapability,
  plan,
  runExport
};
