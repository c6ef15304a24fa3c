// Entry of each step of the composite actions/upgrade-node: the step comes
// from KUBEKEEP_STEP and the action's inputs from KUBEKEEP_INPUTS (the
// composite's `toJSON(inputs)`), falling back to INPUT_* for direct use.
import * as core from "@actions/core";
import { upgradeNode } from "../nodes/upgrade-capability.ts";
import { runAction } from "./run.ts";

const inputs = JSON.parse(process.env.KUBEKEEP_INPUTS || "{}") as Record<string, unknown>;
await runAction(upgradeNode, (name) =>
  name === "step" && process.env.KUBEKEEP_STEP
    ? process.env.KUBEKEEP_STEP
    : typeof inputs[name] === "string" && inputs[name] !== ""
      ? inputs[name]
      : core.getInput(name),
);
