// Entry of the root action: `command` names the capability to run.
import * as core from "@actions/core";
import { CAPABILITY_NAMES, findCapability } from "../capabilities.ts";
import { runAction } from "./run.ts";

const command = core.getInput("command", { required: true });
const cap = await findCapability(command);
if (cap) await runAction(cap);
else
  core.setFailed(
    `input 'command': got ${JSON.stringify(command)}, expected one of ${CAPABILITY_NAMES.join(", ")}`,
  );
