/**
 * `apply`: an export tree back into a cluster. Plans first (a server-side
 * dry run of every object: plan.ts), reports the plan, and with
 * `mode: apply` applies the creates and updates in dependency order
 * (execute.ts) and, with `prune`, deletes what the tree no longer holds.
 */
import os from "node:os";
import path from "node:path";
import { connect } from "../config/cluster.ts";
import { CapabilityFailure, defineCapability } from "../core/capability.ts";
import { applyInputs, parseApplyConfig, type ApplyConfig } from "./config.ts";
import { executePlan, executePrune } from "./execute.ts";
import { resolveKinds } from "./kinds.ts";
import { makePlan } from "./plan.ts";
import { pruneCandidates } from "./prune.ts";
import { readTree } from "./read-tree.ts";
import { buildReport, changeText, countPlan, writePlanFile } from "./report.ts";
import { secretValues } from "./secrets-source.ts";

export const applyCapability = defineCapability<ApplyConfig>({
  name: "apply",
  summary: "plan and apply an export tree back into a cluster (restore, revert)",
  description:
    "Apply an export tree (a folder, or a commit of the export's repository) back into a cluster with server-side apply, in dependency order: a dry-run plan first (creates, updates with field diffs, conflicts, prune candidates), then, with mode apply, only the differences. Redacted Secrets need their values supplied, or are skipped.",
  inputs: applyInputs,
  outputs: {
    create: "Objects the plan creates",
    update: "Objects the plan updates",
    unchanged: "Objects already as in the tree",
    conflicts: "Objects refused: another field manager's value, an immutable field, admission or quota",
    skipped: "Redacted Secrets skipped for want of their values",
    errors: "Objects the plan could not place (kind not served, server errors)",
    prune: "Objects prune deletes (0 without prune)",
    applied: "Objects applied (mode apply)",
    failed: "Objects that never applied (mode apply)",
    "plan-file": "The plan as JSON",
  },
  parse: parseApplyConfig,
  async run(config, { logger, signal }) {
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
        await logger.group(`Pruning (${plan.prune.length})`, () =>
          executePrune(plan.prune, execCtx, outcome),
        );
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
  },
});
