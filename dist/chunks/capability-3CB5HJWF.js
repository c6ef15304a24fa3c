import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  SELECTION_INPUTS,
  exportInputs,
  readSelection
} from "./chunk-4PSIVBXU.js";
import {
  clusterInputs,
  parseClusterConfig
} from "./chunk-422FMMWY.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import {
  require_dist
} from "./chunk-XIQOQISJ.js";
import "./chunk-A2QQ3WGS.js";
import {
  defineCapability
} from "./chunk-HRVOOZEE.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  badInput
} from "./chunk-YBANDQLS.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/restore/config.ts
import fs from "node:fs";
import path from "node:path";
var import_yaml = __toESM(require_dist(), 1);
var selectionInputs = Object.fromEntries(SELECTION_INPUTS.map((k) => [k, exportInputs[k]]));
var applyInputs = {
  ...clusterInputs,
  path: input.string({
    description: "The export tree to apply (the folder `export` writes); with `git-ref`, its path inside `repository`.",
    default: "cluster-export"
  }),
  "git-ref": input.string({
    description: "Apply the tree as it is at this commit, branch or tag of `repository` (read with git archive; no checkout, no network), e.g. HEAD~1 or a revert commit."
  }),
  repository: input.string({
    description: "The git repository holding the export, for `git-ref`.",
    default: "."
  }),
  mode: input.enum(["plan", "apply"], {
    description: "plan: a server-side dry run of everything, summarised (creates, updates with field diffs, unchanged, conflicts, prune candidates); apply: the plan, then the changes.",
    default: "plan"
  }),
  ...selectionInputs,
  prune: input.boolean({
    description: "Delete objects of the selected kinds and namespaces that are absent from the tree (only objects an export with the same selection would have written).",
    default: false
  }),
  "force-conflicts": input.boolean({
    description: "Take over fields another field manager owns with a different value (server-side apply's force); otherwise such objects are reported as conflicts and left alone.",
    default: false
  }),
  "field-manager": input.string({
    description: "The server-side apply field manager.",
    default: "kubekeep"
  }),
  "secret-values-dir": input.string({
    description: "Folder of the values of redacted Secrets, one file per key: <namespace>/<name>/<key> holding the plain value. A redacted Secret without all its values is skipped and listed."
  }),
  "secret-values": input.string({
    description: "Values of redacted Secrets as YAML or JSON: a mapping of `<namespace>/<name>` to a mapping of key to plain value (from a secret). Wins over secret-values-dir.",
    secret: true
  }),
  parallelism: input.integer({
    description: "Objects applied (and dry-run) at the same time.",
    default: 16,
    min: 1,
    max: 256
  }),
  rounds: input.integer({
    description: "Rounds of retries for objects whose dependencies appear later (a token Secret's ServiceAccount, a custom resource's CRD).",
    default: 5,
    min: 1,
    max: 50
  }),
  "crd-timeout": input.duration({
    description: "How long to wait for applied CustomResourceDefinitions to be Established.",
    default: "60s",
    min: "1s"
  }),
  "plan-file": input.string({
    description: "Where to write the plan as JSON (kinds, names, actions, changed field paths; never a Secret's value). Default: apply-plan.json in the runner's temp folder or the system's."
  })
};
function parseApplyConfig(src) {
  const v = readInputs(applyInputs, src);
  const config = {
    cluster: parseClusterConfig(src),
    path: v.path,
    repository: v.repository,
    mode: v.mode,
    selection: readSelection(v),
    prune: v.prune,
    forceConflicts: v["force-conflicts"],
    fieldManager: v["field-manager"],
    secretValues: parseSecretValues(v["secret-values"]),
    parallelism: v.parallelism,
    rounds: v.rounds,
    crdTimeoutMs: v["crd-timeout"]
  };
  const ref = v["git-ref"];
  if (ref !== void 0) {
    if (ref.startsWith("-")) throw badInput("git-ref", ref, "a commit, branch or tag, e.g. HEAD~1");
    config.gitRef = ref;
  }
  const dir = v["secret-values-dir"];
  if (dir !== void 0) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
      throw badInput("secret-values-dir", dir, "a folder of <namespace>/<name>/<key> files");
    config.secretValuesDir = path.resolve(dir);
  }
  const planFile = v["plan-file"];
  if (planFile !== void 0) config.planFile = planFile;
  return config;
}
var SECRET_VALUES_FORM = 'a YAML or JSON mapping of "<namespace>/<name>" to a mapping of key to value, e.g. {"app/db": {"password": "..."}}';
function parseSecretValues(text) {
  const out = /* @__PURE__ */ new Map();
  if (text === void 0) return out;
  let doc;
  try {
    doc = (0, import_yaml.parse)(text);
  } catch {
    throw new ConfigurationError(
      `input 'secret-values': could not be read (hidden); expected ${SECRET_VALUES_FORM}`
    );
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    throw new ConfigurationError(
      `input 'secret-values': (hidden) is not a mapping; expected ${SECRET_VALUES_FORM}`
    );
  for (const [id, keys] of Object.entries(doc)) {
    if (!/^[^/]+\/[^/]+$/.test(id) || !keys || typeof keys !== "object" || Array.isArray(keys))
      throw new ConfigurationError(
        `input 'secret-values': entry ${JSON.stringify(id)} is not "<namespace>/<name>" with a mapping of keys; expected ${SECRET_VALUES_FORM}`
      );
    const values = /* @__PURE__ */ new Map();
    for (const [k, val] of Object.entries(keys)) {
      if (typeof val !== "string" && typeof val !== "number" && typeof val !== "boolean")
        throw new ConfigurationError(
          `input 'secret-values': ${id} key ${JSON.stringify(k)} is not a plain value; expected ${SECRET_VALUES_FORM}`
        );
      values.set(k, String(val));
    }
    out.set(id, values);
  }
  return out;
}

// src/capabilities/apply/capability.ts
var applyCapability = defineCapability({
  name: "apply",
  summary: "plan and apply an export tree back into a cluster (restore, revert)",
  description: "Apply an export tree (a folder, or a commit of the export's repository) back into a cluster with server-side apply, in dependency order: a dry-run plan first (creates, updates with field diffs, conflicts, prune candidates), then, with mode apply, only the differences. Redacted Secrets need their values supplied, or are skipped.",
  inputs: applyInputs,
  outputs: {
    create: "Objects the plan creates",
    update: "Objects the plan updates",
    unchanged: "Objects already as in the tree",
    conflicts: "Objects refused: another field manager's value, an immutable field, admission or quota",
    skipped: "Objects skipped: redacted Secrets without their values, other objects holding redaction markers",
    errors: "Objects the plan could not place (kind not served, server errors)",
    prune: "Objects prune deletes (0 without prune)",
    applied: "Objects applied (mode apply)",
    failed: "Objects that never applied (mode apply)",
    "plan-file": "The plan as JSON"
  },
  parse: parseApplyConfig,
  run: async (config, ctx) => (await import("./run-FVJQZOGH.js")).run(config, ctx)
});
export {
  applyCapability
};
