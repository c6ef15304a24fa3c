import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability,
  plan,
  runExport
} from "./chunk-XJJIAY6S.js";
import "./chunk-YN7EY3ZU.js";
import "./chunk-MNG22KLP.js";
import "./chunk-MYPZVG7D.js";
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
