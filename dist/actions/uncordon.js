import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  uncordon
} from "../chunks/chunk-N4BBJJVZ.js";
import "../chunks/chunk-O37UXL6A.js";
import "../chunks/chunk-TULMLUVH.js";
import {
  runAction
} from "../chunks/chunk-U7ISTRJF.js";
import "../chunks/chunk-IUM256FI.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/uncordon.ts
await runAction(uncordon);
