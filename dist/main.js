import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-STFIGKRZ.js";
import "./chunks/chunk-UAO4MS2S.js";
import "./chunks/chunk-N4BBJJVZ.js";
import "./chunks/chunk-WUQJ5PPD.js";
import "./chunks/chunk-2NN2YCMF.js";
import "./chunks/chunk-O37UXL6A.js";
import "./chunks/chunk-OZIEHKJJ.js";
import "./chunks/chunk-UOLUC4Z7.js";
import "./chunks/chunk-AQLKHLBZ.js";
import "./chunks/chunk-TULMLUVH.js";
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
