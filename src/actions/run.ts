/**
 * The whole life of an Action step: read inputs into the capability's typed
 * config, run it, write outputs and the job summary. User mistakes fail the
 * step with their message alone; bugs keep their stack for the report.
 */
import * as core from "@actions/core";
import { CapabilityFailure, type AnyCapability } from "../core/capability.ts";
import { UserFacingError } from "../core/errors.ts";
import { toMarkdown } from "../report/report.ts";
import { ActionsLogger } from "./logger.ts";

export async function runAction(
  cap: AnyCapability,
  inputs: (name: string) => string = (n) => core.getInput(n),
): Promise<void> {
  const logger = new ActionsLogger();
  try {
    const config = cap.parse(inputs);
    const result = await cap.run(config, { logger });
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, String(value));
    await core.summary.addRaw(toMarkdown(result.report), true).write();
  } catch (err) {
    if (err instanceof CapabilityFailure) {
      for (const [name, value] of Object.entries(err.result.outputs)) core.setOutput(name, String(value));
      await core.summary.addRaw(toMarkdown(err.result.report), true).write();
    }
    if (err instanceof UserFacingError) core.setFailed(err.message);
    else core.setFailed(err instanceof Error ? (err.stack ?? err.message) : String(err));
  }
}
