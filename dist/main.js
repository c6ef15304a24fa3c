import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-YSMVUMZO.js";
import "./chunks/chunk-K5E2FWED.js";
import "./chunks/chunk-LDHN6VJJ.js";
import "./chunks/chunk-NLGU6NXF.js";
import "./chunks/chunk-6JC33TFL.js";
import "./chunks/chunk-LI7R733J.js";
import "./chunks/chunk-X3YNNAVC.js";
import "./chunks/chunk-A3CSJYFO.js";
import "./chunks/chunk-UGNNS6NX.js";
import "./chunks/chunk-MUK7GP3U.js";
import "./chunks/chunk-KXCSLTZP.js";
import "./chunks/chunk-3IN3UVC7.js";
import "./chunks/chunk-E57IVR3K.js";
import {
  getInput,
  runAction,
  setFailed
} from "./chunks/chunk-FAWDCP5O.js";
import "./chunks/chunk-BGAFECIC.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/actions/main.ts
var command = getInput("command", { required: true });
var cap = findCapability(command);
if (cap) await runAction(cap);
else
  setFailed(
    `input 'command': got ${JSON.stringify(command)}, expected one of ${CAPABILITIES.map((c) => c.name).join(", ")}`
  );
