import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-5LAH75XM.js";
import "./chunks/chunk-UAO4MS2S.js";
import "./chunks/chunk-ZUDF7MRJ.js";
import "./chunks/chunk-MWYI4SBW.js";
import "./chunks/chunk-EUTDBEHJ.js";
import "./chunks/chunk-R77NZ6FM.js";
import "./chunks/chunk-5DGFFYGP.js";
import "./chunks/chunk-Z4P4SBTL.js";
import "./chunks/chunk-MRACSNHK.js";
import "./chunks/chunk-63MP4D7N.js";
import {
  getInput,
  runAction,
  setFailed
} from "./chunks/chunk-U7ISTRJF.js";
import "./chunks/chunk-IUM256FI.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/actions/main.ts
var command = getInput("command", { required: true });
var cap = findCapability(command);
if (cap) await runAction(cap);
else
  setFailed(
    `input 'command': got ${JSON.stringify(command)}, expected one of ${CAPABILITIES.map((c) => c.name).join(", ")}`
  );
