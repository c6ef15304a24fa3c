/**
 * The whole life of an Action step: find the capability, read its inputs
 * into the typed config, run it, write outputs and the job summary. Every
 * failure, whatever its kind or where it happens (a bad input, a refused
 * connection, a bug, even a rejection nobody awaited), ends in
 * core.setFailed: an `::error::` annotation and exit code 1. User mistakes
 * and operational failures are their message alone; a bug says so; stacks
 * appear with runner debug logging (RUNNER_DEBUG=1).
 */
import * as core from "@actions/core";
import fs from "node:fs";
import { findCapability } from "../capabilities.ts";
import { CapabilityFailure, type AnyCapability } from "../config/capability.ts";
import type { InputSource } from "../config/inputs.ts";
import { describeFailure } from "../core/failure.ts";
import { toMarkdown } from "../report/report.ts";
import { ActionsLogger } from "./logger.ts";

export function failStep(err: unknown): void {
  const { message, stack } = describeFailure(err, {
    stacks: core.isDebug(),
    howToGetStack: "re-run the job with debug logging enabled",
  });
  // The stack in the log, the message alone in the annotation.
  if (stack) core.info(stack);
  core.setFailed(message);
}

// A rejection or exception outside the awaited chain still fails the step with an
// annotation, then ends it as Node would have (the state is unknown past this point).
for (const event of ["unhandledRejection", "uncaughtException"] as const)
  process.on(event, (err: unknown) => {
    failStep(err);
    process.exit(1);
  });

/**
 * Runs the capability `resolve` names (a thunk, so that reading and checking
 * the name fails the step like any other input error).
 */
export async function runAction(
  resolve: () => string | Promise<string>,
  inputs: InputSource = (n) => core.getInput(n),
  check?: (cap: AnyCapability) => void,
): Promise<void> {
  const logger = new ActionsLogger();
  try {
    const name = await resolve();
    const cap = await findCapability(name);
    if (!cap) throw new Error(`no capability named ${JSON.stringify(name)}`);
    check?.(cap);
    // Secret inputs are masked before anything can print them; one that names an
    // existing file is a path to the secret (kubeconfig, etcd-key), not the secret.
    for (const [input, decl] of Object.entries(cap.inputs)) {
      const value = decl.secret ? inputs(input).trim() : "";
      if (value && (value.includes("\n") || !fs.existsSync(value))) core.setSecret(value);
    }
    const config = cap.parse(inputs);
    const result = await cap.run(config, { logger });
    for (const [name, value] of Object.entries(result.outputs)) {
      // Still set: a workflow may read it; but action.yml does not list it, so say so.
      if (!Object.hasOwn(cap.outputs, name))
        core.warning(`output '${name}' of ${cap.name} is not declared in its schema (a bug in kubekeep)`);
      core.setOutput(name, String(value));
    }
    await core.summary.addRaw(toMarkdown(result.report), true).write();
  } catch (err) {
    if (err instanceof CapabilityFailure) {
      try {
        for (const [name, value] of Object.entries(err.result.outputs)) core.setOutput(name, String(value));
        await core.summary.addRaw(toMarkdown(err.result.report), true).write();
      } catch (e) {
        core.warning(`writing the outputs and job summary of the failed run: ${String(e)}`);
      }
    }
    failStep(err);
  }
}
