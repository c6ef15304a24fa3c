import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  getInput,
  getState,
  info,
  runAction,
  saveState
} from "../chunks/chunk-7CYFTFSP.js";
import "../chunks/chunk-H3XTG4KO.js";
import "../chunks/chunk-KNDO3OP3.js";
import "../chunks/chunk-VVDQKYP6.js";
import "../chunks/chunk-HRVOOZEE.js";
import "../chunks/chunk-UMKYBFFO.js";
import "../chunks/chunk-SYXBBJIO.js";
import "../chunks/chunk-KIVRFQJF.js";
import "../chunks/chunk-YBANDQLS.js";
import "../chunks/chunk-DY6RLOVI.js";

// src/actions/upgrade-node.ts
var POST = "post";
var FINISHED = "main-finished";
if (getState(POST) !== "true") {
  saveState(POST, "true");
  try {
    await runAction(
      () => "upgrade-node",
      (name) => name === "step" ? "all" : getInput(name)
    );
  } finally {
    saveState(FINISHED, "true");
  }
} else if (getState(FINISHED) === "true") {
  info("the upgrade step ended on its own and recorded its state; nothing to clean up");
} else {
  info("the upgrade step was stopped before it could record its state: recording it now");
  await runAction(
    () => "upgrade-node",
    (name) => name === "step" ? "cancel" : getInput(name)
  );
}
