import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-BT63R4KZ.js";
import "./chunks/chunk-USWJP5DA.js";
import "./chunks/chunk-CEWZZMPS.js";
import "./chunks/chunk-ZU7YGQCW.js";
import "./chunks/chunk-E57IVR3K.js";
import {
  getInput,
  runAction,
  setFailed
} from "./chunks/chunk-VZDZWPIO.js";
import "./chunks/chunk-GDVBGGNX.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/actions/main.ts
var command = getInput("command", { required: true });
var cap = findCapability(command);
if (cap) await runAction(cap);
else
  setFailed(
    `input 'command': got ${JSON.stringify(command)}, expected one of ${CAPABILITIES.map((c) => c.name).join(", ")}`
  );
