import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability,
  plan,
  runExport
} from "./chunk-HY2IVM44.js";
import "./chunk-2EWX2QVX.js";
import "./chunk-UETDYILE.js";
import "./chunk-RXEOENWD.js";
import "./chunk-OYAXSSLA.js";
import "./chunk-5DBXSNUI.js";
import "./chunk-HIFVFMHY.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-53OKXA3A.js";
import "./chunk-AADN3Z4Y.js";
import "./chunk-DY6RLOVI.js";
export {
  exportCapability,
  plan,
  runExport
};
