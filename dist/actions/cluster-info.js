import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo
} from "../chunks/chunk-UAO4MS2S.js";
import {
  runAction
} from "../chunks/chunk-U7ISTRJF.js";
import "../chunks/chunk-IUM256FI.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/cluster-info.ts
await runAction(clusterInfo);
