import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  exportInputs,
  parseExportConfig
} from "./chunk-4PSIVBXU.js";
import "./chunk-422FMMWY.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/export/capability.ts
var exportCapability = defineCapability({
  name: "export",
  summary: "export every resource to clean YAML files (Secrets redacted), ready to commit",
  description: "Export every resource of the cluster to clean, re-appliable YAML (one file per object, Secrets redacted) in a git-friendly folder, ready to commit or open a pull request with.",
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
    risky: "Number of risky changes flagged (bindings to cluster-admin, admission webhooks, privileged pods, ...)"
  },
  parse: parseExportConfig,
  run: async (config, ctx) => (await import("./run-B3MZ2DLJ.js")).run(config, ctx)
});
export {
  exportCapability
};
