/**
 * The export's settings, parsed and validated in one place from the inputs
 * (action.yml names; the CLI's flags).
 */
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../cluster/config.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs, type InputValues } from "../config/schema.ts";
import { badInput, ConfigurationError } from "../core/errors.ts";
import { parsePath, PathSyntaxError, type PathStep } from "./redact-path.ts";

export interface RedactRule {
  /** A kind name as in the kind lists, or "*" for every kind. */
  kind: string;
  /** Where inside the object (see redact-path.ts for the syntax), e.g. `data.password`. */
  path: PathStep[];
}

export interface ExportConfig {
  cluster: ClusterConfig;
  /** Output folder (the tree's root). */
  path: string;
  /** Empty: every kind. Entries match Kind, kind, resource, or resource.group, case-insensitively. */
  includeKinds: string[];
  excludeKinds: string[];
  includeNamespaces: string[];
  excludeNamespaces: string[];
  /** Passed to the API server's `labelSelector`. */
  labelSelector?: string;
  /** Export objects owned by a controller (Pods of ReplicaSets, ...) too. */
  includeOwned: boolean;
  /** Export objects the control plane bootstraps and keeps up to date itself. */
  includeSystem: boolean;
  /** Key for HMAC-SHA256 fingerprints of redacted values and their places; none: plain marker. */
  fingerprintKey?: string;
  redactPaths: RedactRule[];
  /**
   * Redact outside Secrets too (redact-defaults.ts): PEM private keys anywhere,
   * and values under keys naming a secret in ConfigMaps, container env and
   * flags, and custom resources.
   */
  redactDefaults: boolean;
  /**
   * Keys anywhere in any object (annotations and labels included) whose strings
   * are redacted: the string, each of a list, every leaf of a map; env-style pairs by name.
   */
  redactKeyPattern?: RegExp;
  /** Fail when a kind cannot be listed (forbidden, gone, failing API). */
  strict: boolean;
  concurrency: number;
  pageSize: number;
  /** Refuse to remove more than this many files ("25%" of the previous tree, or "100"). */
  deletionLimit: { share: number } | { count: number };
}

export const exportInputs = {
  ...clusterInputs,
  path: input.string({
    description:
      "Folder the export is written to (replaced atomically; files that are not the export's, like a README, are kept). Not a checkout's root.",
    default: "cluster-export",
  }),
  "include-kinds": input.list({
    description:
      "Only these kinds (comma or new-line separated; Kind, resource or resource.group, e.g. Deployment, configmaps, widgets.example.com). Also exports kinds excluded by default when named.",
  }),
  "exclude-kinds": input.list({
    description:
      "Kinds to leave out, in addition to the defaults (events, leases, endpointslices, controllerrevisions, nodes, componentstatuses, csinodes, ipaddresses, certificatesigningrequests).",
  }),
  "include-namespaces": input.list({
    description:
      "Only these namespaces (cluster-scoped kinds are then left out, except the Namespace objects themselves).",
  }),
  "exclude-namespaces": input.list({ description: "Namespaces to leave out." }),
  "label-selector": input.string({
    description: "Only objects matching this label selector, e.g. app.kubernetes.io/managed-by!=Helm.",
  }),
  "include-owned": input.boolean({
    description:
      "Also export objects owned by a controller (Pods of ReplicaSets, ReplicaSets of Deployments, Jobs of CronJobs, ...).",
    default: false,
  }),
  "include-system": input.boolean({
    description:
      "Also export what the control plane creates and keeps up to date itself (bootstrap RBAC roles, API priority and fairness defaults, local APIServices, the kubernetes Service, ...).",
    default: false,
  }),
  "fingerprint-key": input.string({
    description:
      "A secret (16+ characters) keying an HMAC-SHA256 fingerprint of each redacted value and its place (kind, namespace, name, key), so a diff shows which key changed without revealing it, and a reused password does not show. Without it every value becomes REDACTED.",
    secret: true,
  }),
  // A string, not a list: commas inside [...] of a path are not separators (splitRules);
  // one rule a line, so the flag may repeat.
  "redact-paths": input.string({
    repeatable: true,
    description:
      "More values to redact, as KIND:PATH with a kubectl-JSONPath-like path (e.g. ConfigMap:data.password, *:metadata.annotations['example.com/token'], Deployment:spec.template.spec.containers[*].env[?(@.name=='DB_PASSWORD')].value; see docs/exports.md, Redaction), comma or new-line separated. A rule that cannot be read fails the run.",
  }),
  "redact-key-pattern": input.string({
    description:
      "A regular expression (case-insensitive), e.g. ^(password|apiKey)$; in every object, strings under matching keys (every string of a list or map under one), annotations and labels with matching keys, and env-style name/value pairs with a matching name are redacted.",
  }),
  "redact-defaults": input.boolean({
    description:
      "Also redact, outside Secrets: any string holding a PEM private key (in any kind, annotations included), and values under keys that name a secret (password, passwd, passphrase, secret, token, api key, private key, credentials, ...; not references like secretName or secretKeyRef) in ConfigMap data, container env values and --flag=value arguments, and custom resources. false turns this off (Secrets and Helm releases stay redacted).",
    default: true,
  }),
  strict: input.boolean({
    description:
      "Fail when a kind cannot be listed (forbidden, not found, failing aggregated API) instead of reporting it as skipped.",
    default: false,
  }),
  "deletion-limit": input.string({
    description:
      "Circuit breaker: refuse (fail, leaving the previous export as it was) to remove more than this many files of objects that disappeared: a share like 25% of the previous export, or a count like 100.",
    default: "25%",
  }),
  concurrency: input.integer({ description: "Kinds listed at the same time.", default: 4, min: 1, max: 64 }),
  // Each page costs the API server a read from etcd: 250 instead of 500 made a 50k-object
  // listing ~25% dearer for the server; 1000 saves little more and holds twice the bytes.
  "page-size": input.integer({
    description:
      "Objects per list request (limit/continue paging). Larger pages mean fewer requests but a larger heap.",
    default: 500,
    min: 1,
    max: 10_000,
  }),
};

/** The inputs that choose what is exported; `apply` selects from a tree with the same ones. */
export const SELECTION_INPUTS = [
  "include-kinds",
  "exclude-kinds",
  "include-namespaces",
  "exclude-namespaces",
  "label-selector",
  "include-owned",
  "include-system",
] as const;

export type Selection = Pick<
  ExportConfig,
  | "includeKinds"
  | "excludeKinds"
  | "includeNamespaces"
  | "excludeNamespaces"
  | "labelSelector"
  | "includeOwned"
  | "includeSystem"
>;

type SelectionValues = Pick<InputValues<typeof exportInputs>, (typeof SELECTION_INPUTS)[number]>;

export function readSelection(v: SelectionValues): Selection {
  const selection: Selection = {
    includeKinds: v["include-kinds"],
    excludeKinds: v["exclude-kinds"],
    includeNamespaces: v["include-namespaces"],
    excludeNamespaces: v["exclude-namespaces"],
    includeOwned: v["include-owned"],
    includeSystem: v["include-system"],
  };
  const selector = v["label-selector"];
  if (selector !== undefined) selection.labelSelector = selector;
  return selection;
}

export function parseExportConfig(src: InputSource): ExportConfig {
  const v = readInputs(exportInputs, src);
  const config: ExportConfig = {
    cluster: parseClusterConfig(src),
    path: v.path,
    ...readSelection(v),
    redactPaths: splitRules(v["redact-paths"] ?? "").map((r) => parseRedactRule(r)),
    redactDefaults: v["redact-defaults"],
    strict: v.strict,
    concurrency: v.concurrency,
    pageSize: v["page-size"],
    deletionLimit: parseDeletionLimit(v["deletion-limit"]),
  };
  const key = v["fingerprint-key"];
  if (key !== undefined) {
    if (key.length < 16) throw badInput("fingerprint-key", "(hidden)", "a secret of at least 16 characters");
    config.fingerprintKey = key;
  }
  const pattern = v["redact-key-pattern"];
  if (pattern !== undefined) {
    try {
      config.redactKeyPattern = new RegExp(pattern, "i");
    } catch {
      throw badInput("redact-key-pattern", pattern, "a regular expression, e.g. password|token");
    }
  }
  return config;
}

const REDACT_RULE_FORM =
  "KIND:PATH, e.g. ConfigMap:data.password, *:spec.credentials, " +
  'Deployment:spec.template.spec.containers[*].env[?(@.name=="DB_PASSWORD")].value or ' +
  '*:metadata.annotations["example.com/token"] (keys with dots quoted, or their dots escaped as \\.)';

/**
 * `redact-paths` as a list: new lines and commas separate rules, except commas
 * inside [...] (a quoted key or a filter value may hold one).
 */
export function splitRules(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  let depth = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote) {
      if (c === "\\") {
        cur += c + (text[i + 1] ?? "");
        i++;
        continue;
      }
      if (c === quote) quote = "";
    } else if (depth > 0 && (c === '"' || c === "'")) quote = c;
    else if (c === "[") depth++;
    else if (c === "]") depth = Math.max(0, depth - 1);
    else if (c === "\n" || (c === "," && depth === 0)) {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((r) => r.trim()).filter((r) => r !== "" && !r.startsWith("#"));
}

export function parseRedactRule(text: string): RedactRule {
  const colon = text.indexOf(":");
  const kind = colon < 0 ? "" : text.slice(0, colon);
  if (colon < 0 || !/^(?:\*|[A-Za-z0-9][A-Za-z0-9.-]*)$/.test(kind))
    throw badInput("redact-paths", text, REDACT_RULE_FORM);
  try {
    return { kind, path: parsePath(text.slice(colon + 1)) };
  } catch (err) {
    if (!(err instanceof PathSyntaxError)) throw err;
    // Count characters from the start of the whole rule, as the user wrote it.
    const at = colon + 1 + err.at + 1;
    throw new ConfigurationError(
      `input 'redact-paths': got ${JSON.stringify(text)}, which has ${err.problem} at character ${at}; expected ${REDACT_RULE_FORM}`,
    );
  }
}

export function parseDeletionLimit(text: string): ExportConfig["deletionLimit"] {
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (pct && Number(pct[1]) <= 100) return { share: Number(pct[1]) / 100 };
  if (/^\d+$/.test(text)) return { count: Number(text) };
  throw badInput(
    "deletion-limit",
    text,
    "a share of the previous files like 25% or a number of files like 100",
  );
}
