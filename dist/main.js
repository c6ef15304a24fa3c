import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-UGWDZYRE.js";
import "./chunks/chunk-2XPQRT43.js";
import "./chunks/chunk-B66CLIUC.js";
import "./chunks/chunk-E57IVR3K.js";
import {
  getInput,
  runAction,
  setFailed
} from "./chunks/chunk-HVFM3YXD.js";
import "./chunks/chunk-AVFUP4L6.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/actions/main.ts
var command = getInput("command", { required: true });
var cap = findCapability(command);
if (cap) await runAction(cap);
else
  setFailed(
    `input 'command': got ${JSON.stringify(command)}, expected one of ${CAPABILITIES.map((c) => c.name).join(", ")}`
  );
