import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradePlan
} from "../chunks/chunk-OZIEHKJJ.js";
import "../chunks/chunk-UOLUC4Z7.js";
import "../chunks/chunk-AQLKHLBZ.js";
import "../chunks/chunk-TULMLUVH.js";
import {
  runAction
} from "../chunks/chunk-U7ISTRJF.js";
import "../chunks/chunk-IUM256FI.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-plan.ts
await runAction(upgradePlan);
