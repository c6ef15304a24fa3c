import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInfo
} from "../chunks/chunk-2XPQRT43.js";
import {
  runAction
} from "../chunks/chunk-HVFM3YXD.js";
import "../chunks/chunk-AVFUP4L6.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/cluster-info.ts
await runAction(clusterInfo);
