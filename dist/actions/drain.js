import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  drain
} from "../chunks/chunk-GMVJLRMD.js";
import "../chunks/chunk-6ZVNXR5G.js";
import "../chunks/chunk-LRVEA32T.js";
import "../chunks/chunk-PTREU54S.js";
import "../chunks/chunk-VVID3JDB.js";
import "../chunks/chunk-6FTAWW3A.js";
import "../chunks/chunk-2SMP5UAZ.js";
import "../chunks/chunk-BSE24TIN.js";
import {
  runAction
} from "../chunks/chunk-3F7Z2DXS.js";
import "../chunks/chunk-4KLN52HN.js";
import "../chunks/chunk-T4ZVIX6G.js";
import "../chunks/chunk-NU5444CJ.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-YBANDQLS.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/drain.ts
await runAction(drain);
