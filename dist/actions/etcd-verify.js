import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-2MTCWSCD.js";
import "../chunks/chunk-WM2ABCWX.js";
import {
  etcdVerify
} from "../chunks/chunk-TEDSY6BL.js";
import "../chunks/chunk-W7OHXHNT.js";
import "../chunks/chunk-KJN7T2HY.js";
import "../chunks/chunk-J7UDGLKQ.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-6FTAWW3A.js";
import "../chunks/chunk-I57L24GE.js";
import "../chunks/chunk-ABMQYTT7.js";
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
