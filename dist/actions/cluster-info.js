import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-7CYFTFSP.js";
import "../chunks/chunk-H3XTG4KO.js";
import "../chunks/chunk-KNDO3OP3.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-HRVOOZEE.js";
import "../chunks/chunk-UMKYBFFO.js";
import "../chunks/chunk-SYXBBJIO.js";
import "../chunks/chunk-KIVRFQJF.js";
import "../chunks/chunk-YBANDQLS.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/cluster-info.ts
await runAction(() => "cluster-info");
