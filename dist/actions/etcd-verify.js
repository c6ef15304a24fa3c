import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdVerify
} from "../chunks/chunk-B66CLIUC.js";
import "../chunks/chunk-E57IVR3K.js";
import {
  runAction
} from "../chunks/chunk-HVFM3YXD.js";
import "../chunks/chunk-AVFUP4L6.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-verify.ts
await runAction(etcdVerify);
