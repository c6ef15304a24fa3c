/**
 * Redacted Secrets (export/redact.ts) hold markers, not values: applied as
 * they are, they would overwrite real credentials with the word REDACTED.
 * Their values come from the user (the `secret-values` input, then
 * `secret-values-dir`'s `<namespace>/<name>/<key>` files); a Secret missing
 * any of them is skipped and listed, never applied half-filled.
 */
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../core/logger.ts";
import type { JsonObject } from "../export/json.ts";
import { REDACTED } from "../export/redact.ts";
import type { TreeObject } from "./read-tree.ts";

const MARKER = /^REDACTED(?:[/-]hmacSHA256[/-][A-Za-z0-9+/]{24})?$/;
/** A container flag whose value was redacted keeps its name: `--password=MARKER` (redact-defaults.ts). */
const FLAG_MARKER = /^--?[A-Za-z0-9][A-Za-z0-9._-]*=REDACTED(?:\/hmacSHA256\/[A-Za-z0-9+/]{24})?$/;

export function isMarker(v: string): boolean {
  return v === REDACTED || MARKER.test(v);
}

/**
 * The keys of a Secret whose values are (or hold) markers: a plain marker,
 * or a document with markers inside (registry credentials keep their JSON
 * with every value redacted: secret-types.ts).
 */
export function redactedKeys(obj: JsonObject): string[] {
  const out: string[] = [];
  for (const field of ["data", "stringData"]) {
    const data = obj[field];
    if (!data || typeof data !== "object" || Array.isArray(data)) continue;
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== "string") continue;
      if (isMarker(v)) out.push(k);
      else if (field === "data" && Buffer.from(v, "base64").toString("utf8").includes(`"${REDACTED}`))
        out.push(k);
      else if (field === "stringData" && v.includes(`"${REDACTED}`)) out.push(k);
    }
  }
  return out;
}

/**
 * Where an object other than a Secret holds markers (redact-paths,
 * redact-key-pattern, the default redaction, Helm releases kept in ConfigMaps): such an object is
 * never applied, or the markers would replace the real values.
 */
export function markedPaths(node: unknown, path = ""): string[] {
  if (typeof node === "string") return isMarker(node) || FLAG_MARKER.test(node) ? [path || "."] : [];
  if (Array.isArray(node)) return node.flatMap((v, i) => markedPaths(v, `${path}[${i}]`));
  if (node && typeof node === "object" && !("rawJSON" in node))
    return Object.entries(node).flatMap(([k, v]) => markedPaths(v, path ? `${path}.${k}` : k));
  return [];
}

export interface SecretValues {
  /** The plain value of a key, or undefined. */
  get(namespace: string, name: string, key: string): Buffer | undefined;
}

export function secretValues(
  mapping: Map<string, Map<string, string>>,
  dir: string | undefined,
  logger: Logger,
): SecretValues {
  for (const keys of mapping.values()) for (const v of keys.values()) logger.setSecret(v);
  return {
    get(namespace, name, key) {
      const v = mapping.get(`${namespace}/${name}`)?.get(key);
      if (v !== undefined) return Buffer.from(v);
      if (dir === undefined || [namespace, name, key].some((p) => p.includes("/") || p === ".." || p === "."))
        return undefined;
      try {
        const bytes = fs.readFileSync(path.join(dir, namespace, name, key));
        logger.setSecret(bytes.toString("utf8"));
        logger.setSecret(bytes.toString("base64"));
        return bytes;
      } catch {
        return undefined;
      }
    },
  };
}

export type SecretFill = { ok: true } | { ok: false; missing: string[] };

/**
 * Replaces each redacted key's marker with the user's value, in place. With a
 * key missing, nothing is replaced and the keys missing are returned.
 */
export function fillSecret(t: TreeObject, values: SecretValues): SecretFill {
  const keys = redactedKeys(t.object);
  if (keys.length === 0) return { ok: true };
  const ns = t.namespace ?? "";
  const found = keys.map((k) => [k, values.get(ns, t.name, k)] as const);
  const missing = found.filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length) return { ok: false, missing };
  for (const [k, v] of found) {
    const stringData = t.object.stringData;
    if (stringData && typeof stringData === "object" && !Array.isArray(stringData) && k in stringData) {
      delete stringData[k];
      if (Object.keys(stringData).length === 0) delete t.object.stringData;
    }
    const data =
      t.object.data && typeof t.object.data === "object" && !Array.isArray(t.object.data)
        ? t.object.data
        : {};
    data[k] = (v as Buffer).toString("base64");
    t.object.data = data;
  }
  return { ok: true };
}
