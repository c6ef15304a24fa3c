import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  CAPABILITIES,
  findCapability
} from "./chunks/chunk-HJT3XXP5.js";
import "./chunks/chunk-Z6IMBHE5.js";
import "./chunks/chunk-GCHSGVDY.js";
import "./chunks/chunk-6TVQ33HF.js";
import "./chunks/chunk-CXUEYRWT.js";
import "./chunks/chunk-FJCJHDIU.js";
import "./chunks/chunk-57RXQ36P.js";
import "./chunks/chunk-Z4XMIYZM.js";
import "./chunks/chunk-UU55OYSW.js";
import "./chunks/chunk-2EHX65YZ.js";
import "./chunks/chunk-ZIHTD5VS.js";
import "./chunks/chunk-7LUMXGTF.js";
import "./chunks/chunk-E57IVR3K.js";
import {
  getInput,
  runAction,
  setFailed
} from "./chunks/chunk-AOT33XN4.js";
import "./chunks/chunk-BLKGA7O3.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/actions/main.ts
var command = getInput("command", { required: true });
var cap = findCapability(command);
if (cap) await runAction(cap);
else
  setFailed(
    `input 'command': got ${JSON.stringify(command)}, expected one of ${CAPABILITIES.map((c) => c.name).join(", ")}`
  );
