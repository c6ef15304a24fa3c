import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-3XE3L35A.js";
import "../chunks/chunk-3V4ZZVF3.js";
import "../chunks/chunk-PTECHYK6.js";
import "../chunks/chunk-RTFYTGIU.js";
import "../chunks/chunk-NCWNWNUJ.js";
import "../chunks/chunk-P5JCRXJZ.js";
import "../chunks/chunk-YBANDQLS.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/export.ts
await runAction(() => "export");
