import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  upgradePlan
} from "../chunks/chunk-6JC33TFL.js";
import "../chunks/chunk-LI7R733J.js";
import "../chunks/chunk-MUK7GP3U.js";
import "../chunks/chunk-KXCSLTZP.js";
import {
  runAction
} from "../chunks/chunk-FAWDCP5O.js";
import "../chunks/chunk-BGAFECIC.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-plan.ts
await runAction(upgradePlan);
