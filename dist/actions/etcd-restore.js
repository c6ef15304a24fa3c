import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-CPWR3OUX.js";
import "../chunks/chunk-GEAHYHKC.js";
import "../chunks/chunk-4PDKQRAG.js";
import "../chunks/chunk-HZODL3GU.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-ZTYUF2W2.js";
import "../chunks/chunk-CKSLMCTI.js";
import "../chunks/chunk-T4ZVIX6G.js";
import "../chunks/chunk-A2QQ3WGS.js";
import "../chunks/chunk-YBANDQLS.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-restore.ts
await runAction(() => "etcd-restore");
