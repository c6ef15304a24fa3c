import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-VRPIJKFQ.js";
import "../chunks/chunk-WM5GQB6B.js";
import {
  etcdVerify
} from "../chunks/chunk-OOZEW4MK.js";
import "../chunks/chunk-II3TMGQV.js";
import "../chunks/chunk-V74UMDVR.js";
import "../chunks/chunk-QMNZ4G2N.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-NTLTZJUN.js";
import "../chunks/chunk-UERCNKJQ.js";
import "../chunks/chunk-UJWQRDF3.js";
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
