import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability
} from "../chunks/chunk-USWJP5DA.js";
import {
  runAction
} from "../chunks/chunk-VZDZWPIO.js";
import "../chunks/chunk-GDVBGGNX.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/export.ts
await runAction(exportCapability);
