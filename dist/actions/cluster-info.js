import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo
} from "../chunks/chunk-CEWZZMPS.js";
import {
  runAction
} from "../chunks/chunk-VZDZWPIO.js";
import "../chunks/chunk-GDVBGGNX.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/cluster-info.ts
await runAction(clusterInfo);
