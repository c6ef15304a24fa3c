import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdList
} from "../chunks/chunk-7LUMXGTF.js";
import "../chunks/chunk-E57IVR3K.js";
import {
  runAction
} from "../chunks/chunk-AOT33XN4.js";
import "../chunks/chunk-BLKGA7O3.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-list.ts
await runAction(etcdList);
