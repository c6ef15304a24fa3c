import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability,
  plan,
  runExport
} from "./chunk-C6EY3V2B.js";
import "./chunk-7NFLAJRR.js";
import "./chunk-I57L24GE.js";
import "./chunk-ABMQYTT7.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  exportCapability,
  plan,
  runExport
};
