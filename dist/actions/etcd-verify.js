import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-GAFED3JO.js";
import "../chunks/chunk-3V4ZZVF3.js";
import "../chunks/chunk-FAA3R6AU.js";
import "../chunks/chunk-OWYMNPRP.js";
import "../chunks/chunk-CUX76FH3.js";
import "../chunks/chunk-T4ZVIX6G.js";
import "../chunks/chunk-YBANDQLS.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-verify.ts
await runAction(() => "etcd-verify");
