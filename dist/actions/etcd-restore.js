import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import {
  etcdRestore
} from "../chunks/chunk-KWHCCOOI.js";
import "../chunks/chunk-ULUH3JPF.js";
import "../chunks/chunk-TKJX37YT.js";
import "../chunks/chunk-5WCEJYDM.js";
import "../chunks/chunk-GLRVL7QN.js";
import "../chunks/chunk-2A62LHNP.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-NTLTZJUN.js";
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

// src/actions/etcd-restore.ts
await runAction(etcdRestore);
