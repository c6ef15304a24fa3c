import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdPrune
} from "../chunks/chunk-3IN3UVC7.js";
import "../chunks/chunk-E57IVR3K.js";
import {
  runAction
} from "../chunks/chunk-FAWDCP5O.js";
import "../chunks/chunk-BGAFECIC.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-prune.ts
await runAction(etcdPrune);
