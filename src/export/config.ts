/**
 * The export's settings, parsed and validated in one place from the inputs
 * (action.yml names; the CLI's flags).
 */
import { parseClusterConfig, type ClusterConfig } from "../config/cluster.ts";
import { bool, integer, list, optional, type InputSource } from "../config/inputs.ts";
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

export function parseExportConfig(src: InputSource): ExportConfig {
  const config: ExportConfig = {
    cluster: parseClusterConfig(src),
    path: optional(src, "path") ?? "cluster-export",
    includeKinds: list(src, "include-kinds"),
    excludeKinds: list(src, "exclude-kinds"),
    includeNamespaces: list(src, "include-namespaces"),
    excludeNamespaces: list(src, "exclude-namespaces"),
    includeOwned: bool(src, "include-owned", false),
    includeSystem: bool(src, "include-system", false),
    redactPaths: list(src, "redact-paths").map((r) => parseRedactRule(r)),
    strict: bool(src, "strict", false),
    concurrency: integer(src, "concurrency", 4, 1, 64),
    // Each page costs the API server a read from etcd: 250 instead of 500 made a 50k-object
    // listing ~25% dearer for the server; 1000 saves little more and holds twice the bytes.
    pageSize: integer(src, "page-size", 500, 1, 10_000),
    deletionLimit: parseDeletionLimit(optional(src, "deletion-limit") ?? "25%"),
  };
  const selector = optional(src, "label-selector");
  if (selector !== undefined) config.labelSelector = selector;
  const key = optional(src, "fingerprint-key");
  if (key !== undefined) {
    if (key.length < 16) throw badInput("fingerprint-key", "(hidden)", "a secret of at least 16 characters");
    config.fingerprintKey = key;
  }
  const pattern = optional(src, "redact-key-pattern");
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
