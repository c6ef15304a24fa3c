import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  drain
} from "../chunks/chunk-2NN2YCMF.js";
import "../chunks/chunk-O37UXL6A.js";
import "../chunks/chunk-AQLKHLBZ.js";
import "../chunks/chunk-TULMLUVH.js";
import {
  runAction
} from "../chunks/chunk-U7ISTRJF.js";
import "../chunks/chunk-IUM256FI.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/drain.ts
await runAction(drain);
