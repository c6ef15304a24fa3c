/**
 * `apply`'s settings, parsed and validated in one place. The selection
 * inputs (kinds, namespaces, labels, owned and system objects) are the
 * export's own declarations: an apply and a prune cover exactly what an
 * export with the same inputs would have written.
 */
import fs from "node:fs";
import path from "node:path";
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../cluster/config.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { badInput, ConfigurationError } from "../core/errors.ts";
import { parse as yamlParse } from "yaml";
import { exportInputs, readSelection, SELECTION_INPUTS, type Selection } from "../export/config.ts";

export type ApplyMode = "plan" | "apply";

export type { Selection };

export interface ApplyConfig {
  cluster: ClusterConfig;
  /** The export tree: a folder, or a folder inside `repository` at `gitRef`. */
  path: string;
  gitRef?: string;
  repository: string;
  mode: ApplyMode;
  selection: Selection;
  prune: boolean;
  forceConflicts: boolean;
  fieldManager: string;
  secretValuesDir?: string;
  /** `namespace/name` → key → value (plain text), from the `secret-values` input. */
  secretValues: Map<string, Map<string, string>>;
  parallelism: number;
  /** Rounds of retries for objects whose dependencies appear later. */
  rounds: number;
  crdTimeoutMs: number;
  /** Where the plan is written as JSON (never secret values). */
  planFile?: string;
}

const selectionInputs = Object.fromEntries(SELECTION_INPUTS.map((k) => [k, exportInputs[k]])) as {
  [K in (typeof SELECTION_INPUTS)[number]]: (typeof exportInputs)[K];
};

export const applyInputs = {
  ...clusterInputs,
  path: input.string({
    description:
      "The export tree to apply (the folder `export` writes); with `git-ref`, its path inside `repository`.",
    default: "cluster-export",
  }),
  "git-ref": input.string({
    description:
      "Apply the tree as it is at this commit, branch or tag of `repository` (read with git archive; no checkout, no network), e.g. HEAD~1 or a revert commit.",
  }),
  repository: input.string({
    description: "The git repository holding the export, for `git-ref`.",
    default: ".",
  }),
  mode: input.enum(["plan", "apply"] as const, {
    description:
      "plan: a server-side dry run of everything, summarised (creates, updates with field diffs, unchanged, conflicts, prune candidates); apply: the plan, then the changes.",
    default: "plan",
  }),
  ...selectionInputs,
  prune: input.boolean({
    description:
      "Delete objects of the selected kinds and namespaces that are absent from the tree (only objects an export with the same selection would have written).",
    default: false,
  }),
  "force-conflicts": input.boolean({
    description:
      "Take over fields another field manager owns with a different value (server-side apply's force); otherwise such objects are reported as conflicts and left alone.",
    default: false,
  }),
  "field-manager": input.string({
    description: "The server-side apply field manager.",
    default: "kubekeep",
  }),
  "secret-values-dir": input.string({
    description:
      "Folder of the values of redacted Secrets, one file per key: <namespace>/<name>/<key> holding the plain value. A redacted Secret without all its values is skipped and listed.",
  }),
  "secret-values": input.string({
    description:
      "Values of redacted Secrets as YAML or JSON: a mapping of `<namespace>/<name>` to a mapping of key to plain value (from a secret). Wins over secret-values-dir.",
    secret: true,
  }),
  parallelism: input.integer({
    description: "Objects applied (and dry-run) at the same time.",
    default: 16,
    min: 1,
    max: 256,
  }),
  rounds: input.integer({
    description:
      "Rounds of retries for objects whose dependencies appear later (a token Secret's ServiceAccount, a custom resource's CRD).",
    default: 5,
    min: 1,
    max: 50,
  }),
  "crd-timeout": input.duration({
    description: "How long to wait for applied CustomResourceDefinitions to be Established.",
    default: "60s",
    min: "1s",
  }),
  "plan-file": input.string({
    description:
      "Where to write the plan as JSON (kinds, names, actions, changed field paths; never a Secret's value). Default: apply-plan.json in the runner's temp folder or the system's.",
  }),
};

export function parseApplyConfig(src: InputSource): ApplyConfig {
  const v = readInputs(applyInputs, src);
  const config: ApplyConfig = {
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
    crdTimeoutMs: v["crd-timeout"],
  };
  const ref = v["git-ref"];
  if (ref !== undefined) {
    if (ref.startsWith("-")) throw badInput("git-ref", ref, "a commit, branch or tag, e.g. HEAD~1");
    config.gitRef = ref;
  }
  const dir = v["secret-values-dir"];
  if (dir !== undefined) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
      throw badInput("secret-values-dir", dir, "a folder of <namespace>/<name>/<key> files");
    config.secretValuesDir = path.resolve(dir);
  }
  const planFile = v["plan-file"];
  if (planFile !== undefined) config.planFile = planFile;
  return config;
}

const SECRET_VALUES_FORM =
  'a YAML or JSON mapping of "<namespace>/<name>" to a mapping of key to value, e.g. {"app/db": {"password": "..."}}';

/** The `secret-values` mapping; its errors never quote the (secret) text. */
export function parseSecretValues(text: string | undefined): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  if (text === undefined) return out;
  let doc: unknown;
  try {
    // JSON is YAML: one parser for both.
    doc = yamlParse(text);
  } catch {
    throw new ConfigurationError(
      `input 'secret-values': could not be read (hidden); expected ${SECRET_VALUES_FORM}`,
    );
  }
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    throw new ConfigurationError(
      `input 'secret-values': (hidden) is not a mapping; expected ${SECRET_VALUES_FORM}`,
    );
  for (const [id, keys] of Object.entries(doc as Record<string, unknown>)) {
    if (!/^[^/]+\/[^/]+$/.test(id) || !keys || typeof keys !== "object" || Array.isArray(keys))
      throw new ConfigurationError(
        `input 'secret-values': entry ${JSON.stringify(id)} is not "<namespace>/<name>" with a mapping of keys; expected ${SECRET_VALUES_FORM}`,
      );
    const values = new Map<string, string>();
    for (const [k, val] of Object.entries(keys as Record<string, unknown>)) {
      if (typeof val !== "string" && typeof val !== "number" && typeof val !== "boolean")
        throw new ConfigurationError(
          `input 'secret-values': ${id} key ${JSON.stringify(k)} is not a plain value; expected ${SECRET_VALUES_FORM}`,
        );
      values.set(k, String(val));
    }
    out.set(id, values);
  }
  return out;
}
