import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-4YRQQWGR.js";
import "../chunks/chunk-3SB7LFC5.js";
import "../chunks/chunk-BOXBUQMW.js";
import "../chunks/chunk-4HHFDYVY.js";
import {
  etcdPrune
} from "../chunks/chunk-QSCOMITG.js";
import "../chunks/chunk-FGMQOJ5I.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-NTLTZJUN.js";
import "../chunks/chunk-GXLZ4LSQ.js";
import "../chunks/chunk-GKVOYQ7I.js";
import {
  runAction
} from "../chunks/chunk-WWTYFQEP.js";
import "../chunks/chunk-OYAXSSLA.js";
import "../chunks/chunk-5DBXSNUI.js";
import "../chunks/chunk-HIFVFMHY.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-AADN3Z4Y.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-prune.ts
await runAction(etcdPrune);
