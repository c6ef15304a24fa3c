import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability
} from "../chunks/chunk-C6EY3V2B.js";
import "../chunks/chunk-7NFLAJRR.js";
import "../chunks/chunk-I57L24GE.js";
import "../chunks/chunk-ABMQYTT7.js";
import {
  runAction
} from "../chunks/chunk-WWTYFQEP.js";
import "../chunks/chunk-OYAXSSLA.js";
import "../chunks/chunk-5DBXSNUI.js";
import "../chunks/chunk-HIFVFMHY.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-AADN3Z4Y.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/export.ts
await runAction(exportCapability);
