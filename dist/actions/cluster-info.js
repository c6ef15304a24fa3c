import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  runAction
} from "../chunks/chunk-FDRFB26Z.js";
import {
  clusterInfo
} from "../chunks/chunk-YLLIQECV.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/cluster-info.ts
await runAction(clusterInfo);
