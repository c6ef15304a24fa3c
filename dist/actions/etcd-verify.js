import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-22MPKHFT.js";
import {
  etcdVerify
} from "../chunks/chunk-2P7UFRYQ.js";
import "../chunks/chunk-YITKBJ2X.js";
import "../chunks/chunk-V7LXQGKK.js";
import "../chunks/chunk-6PXGMZD2.js";
import "../chunks/chunk-FYCZK66R.js";
import "../chunks/chunk-LSKKEOJO.js";
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

// src/actions/etcd-verify.ts
await runAction(etcdVerify);
