import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportCapability
} from "../chunks/chunk-Z6IMBHE5.js";
import {
  runAction
} from "../chunks/chunk-AOT33XN4.js";
import "../chunks/chunk-BLKGA7O3.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/export.ts
await runAction(exportCapability);
