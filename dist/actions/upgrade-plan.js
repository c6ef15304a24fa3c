import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradePlan
} from "../chunks/chunk-A3I4FOWZ.js";
import "../chunks/chunk-NSZRKK6G.js";
import "../chunks/chunk-HJWQQBYG.js";
import "../chunks/chunk-FLFDUZ3A.js";
import {
  runAction
} from "../chunks/chunk-U7ISTRJF.js";
import "../chunks/chunk-IUM256FI.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-plan.ts
await runAction(upgradePlan);
