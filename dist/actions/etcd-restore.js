import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import {
  etcdRestore
} from "../chunks/chunk-A5SAQECG.js";
import "../chunks/chunk-A3YIHWZI.js";
import "../chunks/chunk-UATORDAZ.js";
import "../chunks/chunk-O4GTY2FE.js";
import "../chunks/chunk-R7ASA255.js";
import "../chunks/chunk-2VJSLK53.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-NTLTZJUN.js";
import "../chunks/chunk-WMXYFZHG.js";
import "../chunks/chunk-K5N7R5FJ.js";
import {
  runAction
} from "../chunks/chunk-WWTYFQEP.js";
import "../chunks/chunk-OYAXSSLA.js";
import "../chunks/chunk-5DBXSNUI.js";
import "../chunks/chunk-HIFVFMHY.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-AADN3Z4Y.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-restore.ts
await runAction(etcdRestore);
