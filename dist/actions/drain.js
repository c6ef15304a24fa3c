import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  drain
} from "../chunks/chunk-A3CSJYFO.js";
import "../chunks/chunk-UGNNS6NX.js";
import "../chunks/chunk-MUK7GP3U.js";
import "../chunks/chunk-KXCSLTZP.js";
import {
  runAction
} from "../chunks/chunk-FAWDCP5O.js";
import "../chunks/chunk-BGAFECIC.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/drain.ts
await runAction(drain);
