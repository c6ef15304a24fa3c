import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-TD74XQOL.js";
import {
  etcdSnapshot
} from "../chunks/chunk-GQRPV4RY.js";
import "../chunks/chunk-HSUAHUE4.js";
import "../chunks/chunk-YPSGJPXX.js";
import "../chunks/chunk-ZCFBQRC3.js";
import "../chunks/chunk-2J6E5DN7.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-NTLTZJUN.js";
import "../chunks/chunk-3QCQ7WT4.js";
import "../chunks/chunk-YAMVASPE.js";
import {
  runAction
} from "../chunks/chunk-WWTYFQEP.js";
import "../chunks/chunk-OYAXSSLA.js";
import "../chunks/chunk-5DBXSNUI.js";
import "../chunks/chunk-HIFVFMHY.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-LHRB22IX.js";
import "../chunks/chunk-AADN3Z4Y.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-snapshot.ts
await runAction(etcdSnapshot);
