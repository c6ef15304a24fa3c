import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-THIFEUAY.js";
import "./chunks/chunk-I4XEPC2E.js";
import "./chunks/chunk-P435F3HQ.js";
import {
  getInput,
  runAction,
  setFailed
} from "./chunks/chunk-2YI3B27C.js";
import "./chunks/chunk-KFJKZMD4.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/actions/main.ts
var command = getInput("command", { required: true });
var cap = findCapability(command);
if (cap) await runAction(cap);
else
  setFailed(
    `input 'command': got ${JSON.stringify(command)}, expected one of ${CAPABILITIES.map((c) => c.name).join(", ")}`
  );
