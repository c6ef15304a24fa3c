import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITY_NAMES,
  findCapability
} from "./chunks/chunk-3VZX2DSW.js";
import {
  getInput,
  runAction,
  setFailed
} from "./chunks/chunk-3F7Z2DXS.js";
import "./chunks/chunk-NU5444CJ.js";
import "./chunks/chunk-VVDQKYP6.js";
import "./chunks/chunk-YBANDQLS.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/actions/main.ts
var command = getInput("command", { required: true });
var cap = await findCapability(command);
if (cap) await runAction(cap);
else
  setFailed(
    `input 'command': got ${JSON.stringify(command)}, expected one of ${CAPABILITY_NAMES.join(", ")}`
  );
