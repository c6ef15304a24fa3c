import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  etcdList
} from "../chunks/chunk-ZU7YGQCW.js";
import "../chunks/chunk-E57IVR3K.js";
import {
  runAction
} from "../chunks/chunk-VZDZWPIO.js";
import "../chunks/chunk-GDVBGGNX.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/etcd-list.ts
await runAction(etcdList);
