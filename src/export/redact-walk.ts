/**
 * The one walk over an object's fields that the field-by-field redaction
 * rules share, instead of a walk each: the default rules for custom
 * resources (secret-naming keys, env-style pairs, flags; redact-defaults.ts),
 * the PEM private key search (redact-defaults.ts), and `redact-key-pattern`.
 * Every exported object may meet all three, so one pass matters on the hot
 * path.
 *
 * The result is the one the rules give run one after the other (defaults,
 * then the key pattern): at each field the default rules come first, and the
 * key pattern's work at a mapping is done once its fields below have been
 * through the default rules. Markers are idempotent (a marker is kept as it
 * is) and keyed by the value's path, so a field two rules take gets the
 * marker the first one gives it either way.
 */
import { asObject, isRawNumber, type Json, type JsonObject } from "./json.ts";
import { holdsPrivateKey, isSecretKey, redactFlags } from "./redact-defaults.ts";
import type { ObjectRedactor, PathKey } from "./redactor.ts";

export interface WalkRules {
  /** redact-defaults on a custom resource: strings under secret-naming keys, env-style pairs, flags. */
  secretKeys: boolean;
  /** redact-defaults: every string holding a PEM private key (false: the page holds none). */
  privateKeys: boolean;
  /** `redact-key-pattern`. */
  keyPattern?: RegExp | undefined;
}

/** Applies the rules to the object in one walk (none when no rule is on). */
export function redactWalk(obj: JsonObject, rules: WalkRules, r: ObjectRedactor): void {
  if (!rules.secretKeys && !rules.privateKeys && !rules.keyPattern) return;
  // One path, pushed and popped as the walk goes: arrays are built only for a value redacted.
  walk(obj, [], rules.secretKeys, rules.privateKeys, rules.keyPattern, r);
}

function walk(
  node: JsonObject | Json[],
  path: PathKey[],
  secretKeys: boolean,
  pem: boolean,
  keys: RegExp | undefined,
  r: ObjectRedactor,
): void {
  // A number kept as raw JSON (json.ts) is a value, not a mapping.
  if (isRawNumber(node)) return;
  if (Array.isArray(node)) {
    for (let n = 0; n < node.length; n++) {
      const v = node[n];
      if (typeof v === "string") {
        if (pem && holdsPrivateKey(v)) node[n] = r.redact(v, [...path, n]);
      } else if (v && typeof v === "object") {
        path.push(n);
        walk(v, path, secretKeys, pem, keys, r);
        path.pop();
      }
    }
    return;
  }
  const top = path.length === 0;
  // `{name: DB_PASSWORD, value: ...}`: the value goes.
  if (secretKeys && typeof node.name === "string" && typeof node.value === "string" && node.value !== "")
    if (isSecretKey(node.name)) node.value = r.redact(node.value, [...path, "value"]);
  for (const k of Object.keys(node)) {
    if (top && (k === "apiVersion" || k === "kind")) {
      const v = node[k];
      if (pem && typeof v === "string" && holdsPrivateKey(v)) node[k] = r.redact(v, [k]);
      continue;
    }
    if (top && k === "metadata") {
      // Only the PEM search looks inside metadata; the key pattern's rule for it is below.
      const v = node[k];
      if (pem && typeof v === "string" && holdsPrivateKey(v)) node[k] = r.redact(v, [k]);
      else if (pem && v && typeof v === "object") {
        path.push(k);
        walk(v, path, false, true, undefined, r);
        path.pop();
      }
      continue;
    }
    let v = node[k] as Json;
    if (secretKeys) {
      if (typeof v === "string") {
        if (v !== "" && isSecretKey(k)) node[k] = v = r.redact(v, [...path, k]);
      } else if (Array.isArray(v)) {
        const list = v;
        if ((k === "args" || k === "command") && list.some((x) => typeof x === "string"))
          redactFlags(list, () => [...path, k], r);
        else if (isSecretKey(k))
          list.forEach((x, n) => {
            if (typeof x === "string" && x !== "") list[n] = r.redact(x, [...path, k, n]);
          });
      }
    }
    if (typeof v === "string") {
      if (pem && holdsPrivateKey(v)) node[k] = r.redact(v, [...path, k]);
    } else if (v && typeof v === "object") {
      path.push(k);
      // Under a key the pattern matches, every leaf goes (below): no need to look further.
      walk(v, path, secretKeys, pem, keys && !keys.test(k) ? keys : undefined, r);
      path.pop();
    }
  }
  if (keys) redactKeysAt(node, path, keys, r);
}

/**
 * `redact-key-pattern` at one mapping: under a matching key, the string,
 * every string of a list, every string leaf of a map; annotations and labels
 * whose key matches; and `{name: MATCHING, value: ...}` pairs (container env,
 * Helm-style lists). apiVersion, kind and the object's name are never touched.
 */
function redactKeysAt(node: JsonObject, path: PathKey[], pattern: RegExp, r: ObjectRedactor): void {
  const top = path.length === 0;
  if (typeof node.name === "string" && pattern.test(node.name) && node.value !== undefined)
    replaceLeaves(node, "value", [...path, "value"], r);
  for (const k of Object.keys(node)) {
    if (top && (k === "apiVersion" || k === "kind")) continue;
    if (top && k === "metadata") {
      const meta = asObject(node[k]);
      for (const field of ["annotations", "labels"]) {
        const map = asObject(meta?.[field]);
        if (!map) continue;
        for (const [mk, mv] of Object.entries(map))
          if (typeof mv === "string" && pattern.test(mk)) map[mk] = redactAt(mv, ["metadata", field, mk], r);
      }
      continue;
    }
    if (pattern.test(k)) replaceLeaves(node, k, [...path, k], r);
  }
}

/** Fields no rule may take: the object's identity (its file, what it is). */
export function isIdentity(path: readonly PathKey[]): boolean {
  return (
    (path.length === 1 && (path[0] === "apiVersion" || path[0] === "kind")) ||
    (path.length === 2 && path[0] === "metadata" && (path[1] === "name" || path[1] === "namespace"))
  );
}

/** Label maps: their values get the label-safe marker, keyed by the label alone so selectors keep matching their templates. */
const LABEL_MAPS = new Set(["labels", "matchLabels", "selector", "nodeSelector"]);

export function redactAt(value: string, path: readonly PathKey[], r: ObjectRedactor): string {
  const parent = path[path.length - 2];
  if (typeof parent === "string" && LABEL_MAPS.has(parent))
    return r.redactLabel(value, ["labels", path[path.length - 1] as PathKey]);
  return r.redact(value, path);
}

/** Redacts the string at parent[key], or every string leaf under it (a list of strings, a map). */
export function replaceLeaves(
  parent: JsonObject | Json[],
  key: PathKey,
  path: PathKey[],
  r: ObjectRedactor,
  numbers = false,
): void {
  if (isIdentity(path)) return;
  const holder = parent as Record<PathKey, Json>;
  const node = holder[key];
  if (typeof node === "string") holder[key] = redactAt(node, path, r);
  else if (numbers && typeof node === "number") holder[key] = redactAt(String(node), path, r);
  // A number kept as raw JSON (json.ts): a value, not a map.
  else if (isRawNumber(node)) {
    if (numbers) holder[key] = redactAt(node.rawJSON, path, r);
  } else if (Array.isArray(node)) node.forEach((_, n) => replaceLeaves(node, n, [...path, n], r, numbers));
  else if (node && typeof node === "object")
    for (const k of Object.keys(node)) replaceLeaves(node, k, [...path, k], r, numbers);
}
