/**
 * `export`: every resource of the cluster as clean, re-appliable YAML in a
 * git-friendly tree, Secrets redacted, ready to commit on a schedule so each
 * cluster change shows up as a reviewable diff (export/export.ts).
 */
import { defineCapability } from "../../config/capability.ts";
import { exportInputs, parseExportConfig, type ExportConfig } from "./config.ts";

export const exportCapability = defineCapability<ExportConfig>({
  name: "export",
  summary: "export every resource to clean YAML files (Secrets redacted), ready to commit",
  description:
    "Export every resource of the cluster to clean, re-appliable YAML (one file per object, Secrets redacted) in a git-friendly folder, ready to commit or open a pull request with.",
  inputs: exportInputs,
  outputs: {
    changed: "true when any exported file was added, changed or removed",
    path: "The export folder",
    objects: "Number of objects exported",
    kinds: "Number of kinds listed",
    added: "Number of files added",
    modified: "Number of files changed",
    removed: "Number of files removed (objects that disappeared)",
    "skipped-kinds": "Number of kinds that could not be listed (forbidden, not found, failing)",
    risky:
      "Number of risky changes flagged (bindings to cluster-admin, admission webhooks, privileged pods, ...)",
  },
  parse: parseExportConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
