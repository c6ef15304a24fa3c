// Entry of the root action: `command` names the capability to run.
import * as core from "@actions/core";
import { CAPABILITY_NAMES } from "../capabilities.ts";
import type { AnyCapability } from "../config/capability.ts";
import { badInput, ConfigurationError } from "../core/errors.ts";
import { didYouMean } from "../core/suggest.ts";
import { runAction } from "./run.ts";

function command(): string {
  const name = core.getInput("command");
  const expected = `one of ${CAPABILITY_NAMES.join(", ")}`;
  if (name === "")
    throw new ConfigurationError(`input 'command' is required: the capability to run, ${expected}`);
  if (!CAPABILITY_NAMES.includes(name)) {
    const near = didYouMean(name, CAPABILITY_NAMES);
    throw badInput("command", name, `${expected}${near ? ` (did you mean ${near}?)` : ""}`);
  }
  return name;
}

/** Inputs given that the command does not take: the runner cannot tell (they are the root's), so say it. */
function warnUnused(cap: AnyCapability): void {
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("INPUT_") || !value) continue;
    const name = key.slice("INPUT_".length).toLowerCase();
    if (name !== "command" && !Object.hasOwn(cap.inputs, name))
      core.warning(`input '${name}' is not an input of ${cap.name}; it is ignored`);
  }
}

await runAction(command, undefined, warnUnused);
