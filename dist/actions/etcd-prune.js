import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-OQDQFZML.js";
import "../chunks/chunk-H7CTXA7S.js";
import "../chunks/chunk-YALGCDHE.js";
import "../chunks/chunk-J3SAFVJS.js";
import {
  etcdPrune
} from "../chunks/chunk-XEU6ZTTT.js";
import "../chunks/chunk-RMI24LI5.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-6FTAWW3A.js";
import "../chunks/chunk-R7UKN4RD.js";
import "../chunks/chunk-MND6YXTW.js";
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
