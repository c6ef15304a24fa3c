import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import "../chunks/chunk-EOBBQZZW.js";
import "../chunks/chunk-4GT2DU6C.js";
import "../chunks/chunk-VPYWZSOJ.js";
import {
  etcdVerify
} from "../chunks/chunk-MQLHXRM3.js";
import "../chunks/chunk-UW7FU2EC.js";
import "../chunks/chunk-2H22QCRE.js";
import "../chunks/chunk-T3YJGVU5.js";
import "../chunks/chunk-M3FNMRWH.js";
import "../chunks/chunk-E57IVR3K.js";
import "../chunks/chunk-6FTAWW3A.js";
import "../chunks/chunk-2SMP5UAZ.js";
import "../chunks/chunk-BSE24TIN.js";
import {
  runAction
} from "../chunks/chunk-3F7Z2DXS.js";
import "../chunks/chunk-4KLN52HN.js";
import "../chunks/chunk-T4ZVIX6G.js";
import "../chunks/chunk-NU5444CJ.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-YBANDQLS.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-verify.ts
await runAction(etcdVerify);
