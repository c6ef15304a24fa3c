import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-5KUPXMSK.js";
import "./chunks/chunk-UAO4MS2S.js";
import "./chunks/chunk-QR2FMHF2.js";
import "./chunks/chunk-NEBA6RFR.js";
import "./chunks/chunk-R3BYCOU4.js";
import "./chunks/chunk-NFWTUWVG.js";
import "./chunks/chunk-A3I4FOWZ.js";
import "./chunks/chunk-NSZRKK6G.js";
import "./chunks/chunk-HJWQQBYG.js";
import "./chunks/chunk-FLFDUZ3A.js";
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
