import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  drain
} from "../chunks/chunk-R3BYCOU4.js";
import "../chunks/chunk-NFWTUWVG.js";
import "../chunks/chunk-HJWQQBYG.js";
import "../chunks/chunk-FLFDUZ3A.js";
import {
  runAction
} from "../chunks/chunk-U7ISTRJF.js";
import "../chunks/chunk-IUM256FI.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/drain.ts
await runAction(drain);
