/**
 * Secrets never leave the cluster in an export. Every value of a Secret's
 * `data` becomes a marker; with a key, the marker carries a keyed HMAC of the
 * value so a pull request shows *that* a key changed without showing it. The
 * marker is valid base64, so a redacted Secret still applies, and a value
 * that already is a marker is kept as it is (re-exporting a restored tree is
 * byte-identical). Other kinds get redaction by path or by key pattern.
 */
import { createHmac } from "node:crypto";
import type { RedactRule } from "./config.ts";
import { kindMatches } from "./select.ts";
import type { ResourceType } from "./resource-type.ts";

/** Valid base64 (8 characters), readable in a diff. */
export const REDACTED = "REDACTED";
const FINGERPRINT_PREFIX = "REDACTED/hmacSHA256/";

export interface Redactor {
  /** The marker for one value (a Secret's decoded bytes, or a string). */
  marker(value: Buffer | string): string;
  isMarker(value: string): boolean;
}

export function newRedactor(fingerprintKey?: string): Redactor {
  return {
    marker(value) {
      if (fingerprintKey === undefined) return REDACTED;
      // 24 base64 characters (144 bits) keep the marker a multiple of 4 long.
      const mac = createHmac("sha256", fingerprintKey).update(value).digest("base64").slice(0, 24);
      return FINGERPRINT_PREFIX + mac;
    },
    isMarker(value) {
      return value === REDACTED || (value.startsWith(FINGERPRINT_PREFIX) && value.length === 44);
    },
  };
}

import { asObject, isRawNumber, type Json, type JsonObject } from "./json.ts";
import { typedSecretValue } from "./secret-types.ts";

/** Replaces every `data` value of a Secret (any type: Opaque, Helm releases, tokens) with its marker. */
export function redactSecret(obj: JsonObject, r: Redactor): void {
  for (const field of ["data", "stringData"]) {
    const data = obj[field];
    if (!data || typeof data !== "object" || Array.isArray(data)) continue;
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== "string") {
        data[k] = REDACTED;
        continue;
      }
      // Typed Secrets keep the form the API server validates (secret-types.ts).
      const typed = field === "data" ? typedSecretValue(obj.type, k, v, r) : undefined;
      if (typed !== undefined) {
        data[k] = typed;
      } else if (field === "data") {
        const plain = Buffer.from(v, "base64");
        // A restored export holds the marker's bytes: give back the same marker.
        const asMarker = plain.toString("base64");
        data[k] = r.isMarker(v) ? v : r.isMarker(asMarker) ? asMarker : r.marker(plain);
      } else {
        data[k] = r.isMarker(v) ? v : r.marker(v);
      }
    }
  }
}

/**
 * Helm releases kept in ConfigMaps (Helm 3 with HELM_DRIVER=configmap, or
 * Helm 2's Tiller) hold the chart's values, passwords included, gzipped in
 * `data.release`: redacted like a Secret.
 */
export function redactHelmReleaseConfigMap(obj: JsonObject, r: Redactor): void {
  const labels = asObject(asObject(obj.metadata)?.labels);
  if (labels?.owner !== "helm" && labels?.OWNER !== "TILLER") return;
  const data = obj.data;
  if (!data || typeof data !== "object" || Array.isArray(data)) return;
  for (const [k, v] of Object.entries(data)) {
    data[k] = typeof v !== "string" ? r.marker(JSON.stringify(v)) : r.isMarker(v) ? v : r.marker(v);
  }
}

/** Applies `redact-paths` rules and the key pattern to any object. */
export function redactExtra(
  obj: JsonObject,
  rt: ResourceType,
  rules: RedactRule[],
  keyPattern: RegExp | undefined,
  r: Redactor,
): void {
  for (const rule of rules) {
    if (rule.kind !== "*" && !kindMatches(rule.kind, rt)) continue;
    let node: Json | undefined = obj;
    for (const part of rule.path.slice(0, -1)) {
      node = node && typeof node === "object" && !Array.isArray(node) ? node[part] : undefined;
    }
    const last = rule.path[rule.path.length - 1] as string;
    if (node && typeof node === "object" && !Array.isArray(node) && node[last] !== undefined) {
      const v: Json = node[last];
      node[last] = typeof v === "string" && r.isMarker(v) ? v : r.marker(JSON.stringify(v));
    }
  }
  if (keyPattern) redactKeys(obj, keyPattern, r, true);
}

function redactKeys(node: Json, pattern: RegExp, r: Redactor, top: boolean): void {
  if (Array.isArray(node)) {
    for (const v of node) redactKeys(v, pattern, r, false);
    return;
  }
  // A number kept as raw JSON (json.ts) is a value, not a mapping.
  if (!node || typeof node !== "object" || isRawNumber(node)) return;
  for (const [k, v] of Object.entries(node)) {
    // Names and identities are not secrets: leave apiVersion/kind/metadata.name alone.
    if (top && (k === "apiVersion" || k === "kind" || k === "metadata")) continue;
    if (typeof v === "string" && pattern.test(k)) node[k] = r.isMarker(v) ? v : r.marker(v);
    else redactKeys(v, pattern, r, false);
  }
}
