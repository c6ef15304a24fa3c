// Entry of actions/upgrade-node, a node24 action (the runner's own Node 24;
// inputs as INPUT_*, exactly as typed, so the runner's masks of secrets
// match). `main` runs the whole upgrade, each stage a log group; `post` runs
// only when the job failed or was cancelled, and records a cancellation and
// releases the lock when the main step was stopped before it could itself
// (the runner escalates SIGINT to SIGTERM and then kills it).
import * as core from "@actions/core";
import { runAction } from "./run.ts";

const POST = "post";
const FINISHED = "main-finished";

if (core.getState(POST) !== "true") {
  core.saveState(POST, "true");
  try {
    await runAction(
      () => "upgrade-node",
      (name) => (name === "step" ? "all" : core.getInput(name)),
    );
  } finally {
    // Reached after a success, a failure, or a handled cancellation (which
    // recorded itself): the post step then has nothing left to do.
    core.saveState(FINISHED, "true");
  }
} else if (core.getState(FINISHED) === "true") {
  core.info("the upgrade step ended on its own and recorded its state; nothing to clean up");
} else {
  core.info("the upgrade step was stopped before it could record its state: recording it now");
  await runAction(
    () => "upgrade-node",
    (name) => (name === "step" ? "cancel" : core.getInput(name)),
  );
}
