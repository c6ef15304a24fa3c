import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-R34FBMX2.js";
import "../chunks/chunk-IAHKHKYH.js";
import {
  etcdVerify
} from "../chunks/chunk-ILNBWNL5.js";
import "../chunks/chunk-X45YQH4R.js";
import "../chunks/chunk-FWHWSRTC.js";
import "../chunks/chunk-2UF34LJZ.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-6FTAWW3A.js";
import "../chunks/chunk-2JDFTOFD.js";
import "../chunks/chunk-54QASGDA.js";
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
