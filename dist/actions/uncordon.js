import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  uncordon
} from "../chunks/chunk-LDHN6VJJ.js";
import "../chunks/chunk-UGNNS6NX.js";
import "../chunks/chunk-KXCSLTZP.js";
import {
  runAction
} from "../chunks/chunk-FAWDCP5O.js";
import "../chunks/chunk-BGAFECIC.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/uncordon.ts
await runAction(uncordon);
