import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  didYouMean
} from "./chunks/chunk-WAU3UX5A.js";
import {
  getInput,
  runAction,
  warning
} from "./chunks/chunk-7CYFTFSP.js";
import {
  CAPABILITY_NAMES
} from "./chunks/chunk-H3XTG4KO.js";
import "./chunks/chunk-KNDO3OP3.js";
import "./chunks/chunk-VVDQKYP6.js";
import "./chunks/chunk-HRVOOZEE.js";
import "./chunks/chunk-UMKYBFFO.js";
import "./chunks/chunk-SYXBBJIO.js";
import "./chunks/chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  badInput
} from "./chunks/chunk-YBANDQLS.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/actions/main.ts
function command() {
  const name = getInput("command");
  const expected = `one of ${CAPABILITY_NAMES.join(", ")}`;
  if (name === "")
    throw new ConfigurationError(`input 'command' is required: the capability to run, ${expected}`);
  if (!CAPABILITY_NAMES.includes(name)) {
    const near = didYouMean(name, CAPABILITY_NAMES);
    throw badInput("command", name, `${expected}${near ? ` (did you mean ${near}?)` : ""}`);
  }
  return name;
}
function warnUnused(cap) {
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("INPUT_") || !value) continue;
    const name = key.slice("INPUT_".length).toLowerCase();
    if (name !== "command" && !Object.hasOwn(cap.inputs, name))
      warning(`input '${name}' is not an input of ${cap.name}; it is ignored`);
  }
}
await runAction(command, void 0, warnUnused);
