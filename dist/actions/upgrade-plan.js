import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradePlan
} from "../chunks/chunk-CXUEYRWT.js";
import "../chunks/chunk-FJCJHDIU.js";
import "../chunks/chunk-2EHX65YZ.js";
import "../chunks/chunk-ZIHTD5VS.js";
import {
  runAction
} from "../chunks/chunk-AOT33XN4.js";
import "../chunks/chunk-BLKGA7O3.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-plan.ts
await runAction(upgradePlan);
