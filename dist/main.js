import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-TT7OVLUQ.js";
import {
  getInput,
  runAction,
  setFailed
} from "./chunks/chunk-FDRFB26Z.js";
import "./chunks/chunk-YLLIQECV.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/actions/main.ts
var command = getInput("command", { required: true });
var cap = findCapability(command);
if (cap) await runAction(cap);
else
  setFailed(
    `input 'command': got ${JSON.stringify(command)}, expected one of ${CAPABILITIES.map((c) => c.name).join(", ")}`
  );
