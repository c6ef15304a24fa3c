import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-KPW6UE6A.js";
import "../chunks/chunk-ZUXZ4KIW.js";
import "../chunks/chunk-KNDO3OP3.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-7GSFTKQ3.js";
import "../chunks/chunk-3J7THEQH.js";
import "../chunks/chunk-SYXBBJIO.js";
import "../chunks/chunk-T4ZVIX6G.js";
import "../chunks/chunk-YBANDQLS.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/fleet-plan.ts
await runAction(() => "fleet-plan");
