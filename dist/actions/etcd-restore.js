import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-EZMTUZEG.js";
import "../chunks/chunk-KPE6TNL4.js";
import "../chunks/chunk-ZEDCO4UF.js";
import "../chunks/chunk-2U2JJLXC.js";
import {
  etcdRestore
} from "../chunks/chunk-ZJ7JFRUT.js";
import "../chunks/chunk-KNKEQEIS.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-NTLTZJUN.js";
import "../chunks/chunk-QI6MFXBQ.js";
import "../chunks/chunk-KXRMUUFI.js";
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
