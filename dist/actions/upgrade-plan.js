import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradePlan
} from "../chunks/chunk-5DGFFYGP.js";
import "../chunks/chunk-Z4P4SBTL.js";
import "../chunks/chunk-MRACSNHK.js";
import "../chunks/chunk-63MP4D7N.js";
import {
  runAction
} from "../chunks/chunk-U7ISTRJF.js";
import "../chunks/chunk-IUM256FI.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-plan.ts
await runAction(upgradePlan);
