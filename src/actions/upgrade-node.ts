// Entry of each stage of the composite actions/upgrade-node: the stage comes
// from KUBEKEEP_STEP and the action's inputs from KUBEKEEP_INPUTS (the
// composite's `toJSON(inputs)`), falling back to INPUT_* for direct use.
import * as core from "@actions/core";
import { ConfigurationError } from "../core/errors.ts";
import { runAction } from "./run.ts";

let given: Record<string, unknown> | undefined;
function inputs(): Record<string, unknown> {
  try {
    given ??= JSON.parse(process.env.KUBEKEEP_INPUTS || "{}") as Record<string, unknown>;
  } catch {
    throw new ConfigurationError("KUBEKEEP_INPUTS is not JSON: the composite passes ${{ toJSON(inputs) }}");
  }
  return given;
}

await runAction(
  () => "upgrade-node",
  (name) => {
    if (name === "step" && process.env.KUBEKEEP_STEP) return process.env.KUBEKEEP_STEP;
    const v = inputs()[name];
    return typeof v === "string" && v !== "" ? v : core.getInput(name);
  },
);
