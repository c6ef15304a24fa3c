/**
 * The body of `apply` (apply-capability.ts), loaded only when it runs: the
 * CLI's help and the other capabilities do not pay for the tree reader, the
 * planner and the executor.
 */
import os from "node:os";
import path from "node:path";
import { connect } from "../cluster/connect.ts";
import { CapabilityFailure, type Result, type RunContext } from "../config/capability.ts";
import type { ApplyConfig } from "./config.ts";
import { executePlan, executePrune } from "./execute.ts";
import { resolveKinds } from "./kinds.ts";
import { makePlan } from "./plan.ts";
import { pruneCandidates } from "./prune.ts";
import { readTree } from "./read-tree.ts";
import { buildReport, changeText, countPlan, writePlanFile } from "./report.ts";
import { secretValues } from "./secrets-source.ts";

export async function runApply(config: ApplyConfig, { logger, signal }: RunContext): Promise<Result> {
  // Bad input fails before connecting.
  const tree = readTree(config.path, config.gitRef, config.repository);
  logger.info(`${tree.objects.length} objects in ${tree.source}`);
  const planFile =
    config.planFile ??
    path.join(process.env.RUNNER_TEMP || os.tmpdir(), `kubekeep-apply-plan-${process.pid}.json`);
  const { client, cleanup } = await connect(config.cluster, logger);
  try {
    const kinds = await resolveKinds(client, tree.objects);
    const plan = await logger.group("Planning (server-side dry run)", async () => {
      const p = await makePlan(tree.objects, {
        client,
        kinds,
        selection: config.selection,
        secrets: secretValues(config.secretValues, config.secretValuesDir, logger),
        fieldManager: config.fieldManager,
        force: config.forceConflicts,
        parallelism: config.parallelism,
        logger,
      });
      if (config.prune)
        p.prune = await pruneCandidates(client, kinds, tree.objects, config.selection, logger);
      return p;
    });
    writePlanFile(planFile, plan);
    const c = countPlan(plan);
    logger.info(
      `plan: ${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.conflict} conflicts, ${c.skipped} skipped, ${c.error} errors` +
        (config.prune ? `, ${c.prune} to prune` : ""),
    );
    for (const i of plan.items)
      if (i.action !== "unchanged" && i.action !== "create")
        logger.info(`  ${i.action} ${i.t.file}: ${changeText(i)}`);
    const outputs = {
      create: c.create,
      update: c.update,
      unchanged: c.unchanged,
      conflicts: c.conflict,
      skipped: c.skipped,
      errors: c.error,
      prune: c.prune,
      applied: 0,
      failed: 0,
      "plan-file": planFile,
    };
    if (config.mode === "plan")
      return { outputs, report: buildReport(tree.source, "plan", plan, planFile, config.prune) };

    const execCtx = {
      client,
      kinds,
      fieldManager: config.fieldManager,
      force: config.forceConflicts,
      parallelism: config.parallelism,
      rounds: config.rounds,
      crdTimeoutMs: config.crdTimeoutMs,
      logger,
      ...(signal ? { signal } : {}),
    };
    const outcome = await executePlan(plan, execCtx);
    if (config.prune && plan.prune.length)
      await logger.group(`Pruning (${plan.prune.length})`, () => executePrune(plan.prune, execCtx, outcome));
    outputs.applied = outcome.applied.length;
    outputs.failed = outcome.failed.length;
    const report = buildReport(tree.source, "apply", plan, planFile, config.prune, outcome);
    logger.info(
      `applied ${outcome.applied.length}; ${outcome.failed.length} never applied; ${outcome.pruned.length} pruned`,
    );
    for (const f of outcome.failed) logger.warning(`never applied: ${f.item.t.file}: ${f.reason}`);
    const refused = outcome.failed.length + c.conflict + outcome.pruneFailed.length;
    if (refused)
      throw new CapabilityFailure(
        `${refused} objects were not applied or pruned (conflicts: ${c.conflict}, never applied: ${outcome.failed.length}, not pruned: ${outcome.pruneFailed.length}); see the report`,
        { outputs, report },
      );
    return { outputs, report };
  } finally {
    cleanup();
  }
}
