import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-UADNBLC3.js";
import "../chunks/chunk-AQRZOZVM.js";
import "../chunks/chunk-F6VU2NFW.js";
import "../chunks/chunk-IGFGKYTK.js";
import {
  etcdPrune
} from "../chunks/chunk-M2KDYPDO.js";
import "../chunks/chunk-AKWLRFQZ.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-NTLTZJUN.js";
import "../chunks/chunk-UETDYILE.js";
import "../chunks/chunk-RXEOENWD.js";
import {
  runAction
} from "../chunks/chunk-WWTYFQEP.js";
import "../chunks/chunk-OYAXSSLA.js";
import "../chunks/chunk-5DBXSNUI.js";
import "../chunks/chunk-HIFVFMHY.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-53OKXA3A.js";
import "../chunks/chunk-AADN3Z4Y.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-prune.ts
await runAction(etcdPrune);
