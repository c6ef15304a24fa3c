import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  drain
} from "../chunks/chunk-Z4XMIYZM.js";
import "../chunks/chunk-UU55OYSW.js";
import "../chunks/chunk-2EHX65YZ.js";
import "../chunks/chunk-ZIHTD5VS.js";
import {
  runAction
} from "../chunks/chunk-AOT33XN4.js";
import "../chunks/chunk-BLKGA7O3.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/drain.ts
await runAction(drain);
