/**
 * The export's settings, parsed and validated in one place from the inputs
 * (action.yml names; the CLI's flags).
 */
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../config/cluster.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { badInput } from "../core/errors.ts";

export interface RedactRule {
  /** A kind name as in the kind lists, or "*" for every kind. */
  kind: string;
  /** Dotted path inside the object, e.g. `data.password` or `spec.auth.token`. */
  path: string[];
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
  /** Key for HMAC-SHA256 fingerprints of redacted values; none: plain marker. */
  fingerprintKey?: string;
  redactPaths: RedactRule[];
  /** Keys anywhere in non-Secret objects whose string values are redacted. */
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
      "Kinds to leave out, in addition to the defaults (events, leases, endpointslices, controllerrevisions, nodes, componentstatuses, csinodes, ipaddresses).",
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
      "A secret (16+ characters) keying an HMAC-SHA256 fingerprint of each redacted value, so a diff shows which Secret key changed without revealing it. Without it every value becomes REDACTED.",
    secret: true,
  }),
  "redact-paths": input.list({
    description:
      "More values to redact, as KIND:dotted.path (e.g. ConfigMap:data.password, *:spec.credentials), comma or new-line separated.",
  }),
  "redact-key-pattern": input.string({
    description:
      "A regular expression (case-insensitive); string values under matching keys in any non-Secret object are redacted, e.g. password|token|apikey.",
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

export function parseExportConfig(src: InputSource): ExportConfig {
  const v = readInputs(exportInputs, src);
  const config: ExportConfig = {
    cluster: parseClusterConfig(src),
    path: v.path,
    includeKinds: v["include-kinds"],
    excludeKinds: v["exclude-kinds"],
    includeNamespaces: v["include-namespaces"],
    excludeNamespaces: v["exclude-namespaces"],
    includeOwned: v["include-owned"],
    includeSystem: v["include-system"],
    redactPaths: v["redact-paths"].map((r) => parseRedactRule(r)),
    strict: v.strict,
    concurrency: v.concurrency,
    pageSize: v["page-size"],
    deletionLimit: parseDeletionLimit(v["deletion-limit"]),
  };
  const selector = v["label-selector"];
  if (selector !== undefined) config.labelSelector = selector;
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

export function parseRedactRule(text: string): RedactRule {
  const m = /^([^:\s]+):([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)$/.exec(text);
  if (!m)
    throw badInput("redact-paths", text, "KIND:dotted.path, e.g. ConfigMap:data.password or *:spec.token");
  return { kind: m[1] as string, path: (m[2] as string).split(".") };
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
