/**
 * `apply`: an export tree back into a cluster. Plans first (a server-side
 * dry run of every object: plan.ts), reports the plan, and with
 * `mode: apply` applies the creates and updates in dependency order
 * (execute.ts) and, with `prune`, deletes what the tree no longer holds.
 */
import { defineCapability } from "../config/capability.ts";
import { applyInputs, parseApplyConfig, type ApplyConfig } from "./config.ts";

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
    skipped:
      "Objects skipped: redacted Secrets without their values, other objects holding redaction markers",
    errors: "Objects the plan could not place (kind not served, server errors)",
    prune: "Objects prune deletes (0 without prune)",
    applied: "Objects applied (mode apply)",
    failed: "Objects that never applied (mode apply)",
    "plan-file": "The plan as JSON",
  },
  parse: parseApplyConfig,
  async run(config, ctx) {
    const { runApply } = await import("./run-apply.ts");
    return runApply(config, ctx);
  },
});
