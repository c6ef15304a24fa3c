import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability,
  plan,
  runExport
} from "./chunk-6UEEIWEL.js";
import "./chunk-7HQAFUBS.js";
import "./chunk-2SMP5UAZ.js";
import "./chunk-BSE24TIN.js";
import "./chunk-4KLN52HN.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-NU5444CJ.js";
import "./chunk-VVDQKYP6.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";
export {
  exportCapability,
  plan,
  runExport
};
