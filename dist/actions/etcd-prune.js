import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-2KFO6ZX5.js";
import "../chunks/chunk-PTXAPB3V.js";
import "../chunks/chunk-3TF6CE6J.js";
import "../chunks/chunk-5VA7FNKF.js";
import {
  etcdPrune
} from "../chunks/chunk-S33LB3TE.js";
import "../chunks/chunk-PKBI2XC5.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-NTLTZJUN.js";
import "../chunks/chunk-MNG22KLP.js";
import "../chunks/chunk-MYPZVG7D.js";
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
