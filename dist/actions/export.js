import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability
} from "../chunks/chunk-P435F3HQ.js";
import {
  runAction
} from "../chunks/chunk-2YI3B27C.js";
import "../chunks/chunk-KFJKZMD4.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/export.ts
await runAction(exportCapability);
