import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo
} from "../chunks/chunk-57RXQ36P.js";
import {
  runAction
} from "../chunks/chunk-AOT33XN4.js";
import "../chunks/chunk-BLKGA7O3.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/cluster-info.ts
await runAction(clusterInfo);
