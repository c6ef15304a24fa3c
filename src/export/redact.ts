/**
 * Secrets never leave the cluster in an export. Every value of a Secret's
 * `data` becomes a marker; with a key, the marker carries a keyed HMAC of the
 * value *and of where it sits* (group/kind, namespace, name, key path), so a
 * pull request shows *that* a key changed without showing it, and equal
 * values under different keys or objects do not reveal a reused password.
 * The marker is valid base64, so a redacted Secret still applies, and a value
 * that already is a marker is kept as it is (re-exporting a restored tree is
 * byte-identical).
 *
 * Copies count as much as the value: apply tools keep whole objects in
 * annotations (kapp, wrangler/Rancher/k3s), so every annotation or label of an
 * object that holds one of its redacted values, in any encoding decode.ts can
 * peel, is redacted too, and so is an annotation on any object that holds a
 * copy of a Secret manifest. Other kinds get redaction by path or by key
 * pattern, and the same copy search afterwards.
 */
import { createHmac } from "node:crypto";
import type { RedactRule } from "./config.ts";
import { decodedViews, holdsAny, holdsSecretManifest, jsonStrings, needles } from "./decode.ts";
import { asObject, isRawNumber, type Json, type JsonObject } from "./json.ts";
import { typedSecretValue } from "./secret-types.ts";
import type { PathStep } from "./redact-path.ts";
import { isIdentity, redactAt, redactWalk, replaceLeaves } from "./redact-walk.ts";
import { kindMatches } from "./select.ts";
import type { ResourceType } from "./resource-type.ts";
import type { ObjectRedactor, PathKey, Redactor } from "./redactor.ts";

/** Valid base64 (8 characters), readable in a diff, and a valid label value. */
export const REDACTED = "REDACTED";
const FINGERPRINT_PREFIX = "REDACTED/hmacSHA256/";
/** Label values allow only [A-Za-z0-9._-] (63 at most): the fingerprint in hex. */
const LABEL_FINGERPRINT_PREFIX = "REDACTED-hmacSHA256-";

/**
 * Annotations apply tools fill with a full copy of the object: on a Secret
 * they are redacted whatever they hold (a copy in a form the search cannot
 * decode is still a copy). `kubectl.kubernetes.io/last-applied-configuration`
 * is dropped from every object by clean.ts.
 */
export const OBJECT_COPY_ANNOTATIONS = [
  "kubectl.kubernetes.io/last-applied-configuration",
  "kapp.k14s.io/original",
  "objectset.rio.cattle.io/applied",
];

/** Annotation values shorter than this cannot hold a Secret manifest (`{"kind":"Secret"...}`). */
const MIN_MANIFEST = 40;

export function newRedactor(fingerprintKey?: string): Redactor {
  const isMarker = (value: string) =>
    value === REDACTED ||
    (value.startsWith(FINGERPRINT_PREFIX) && value.length === 44) ||
    (value.startsWith(LABEL_FINGERPRINT_PREFIX) && value.length === 44);
  return {
    isMarker,
    forObject(obj, rt) {
      const meta = asObject(obj.metadata);
      // The group, not the version: a new preferred version must not change every fingerprint.
      const place = [rt.group, rt.kind, str(meta?.namespace), str(meta?.name)];
      const redacted: Buffer[] = [];
      const mac = (value: Buffer | string, path: readonly PathKey[]) => {
        const h = createHmac("sha256", fingerprintKey ?? "");
        // JSON keeps the fields apart ("a/b" + "c" is not "a" + "b/c"); the value follows a NUL.
        h.update(JSON.stringify([...place, path])).update("\0");
        return h.update(value).digest();
      };
      const record = (value: Buffer | string) =>
        redacted.push(typeof value === "string" ? Buffer.from(value) : value);
      return {
        redacted,
        isMarker,
        redact(value, path) {
          if (typeof value === "string" && isMarker(value)) return value;
          record(value);
          if (fingerprintKey === undefined) return REDACTED;
          // 24 base64 characters (144 bits) keep the marker a multiple of 4 long.
          return FINGERPRINT_PREFIX + mac(value, path).toString("base64").slice(0, 24);
        },
        redactLabel(value, path) {
          if (isMarker(value)) return value;
          record(value);
          if (fingerprintKey === undefined) return REDACTED;
          return LABEL_FINGERPRINT_PREFIX + mac(value, path).toString("hex").slice(0, 24);
        },
      };
    },
  };
}

const str = (v: Json | undefined): string => (typeof v === "string" ? v : "");

/** Replaces every `data` value of a Secret (any type: Opaque, Helm releases, tokens) with its marker. */
export function redactSecret(obj: JsonObject, r: ObjectRedactor): void {
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
        data[k] = r.isMarker(v) ? v : r.isMarker(asMarker) ? asMarker : r.redact(plain, [field, k]);
      } else {
        data[k] = r.redact(v, [field, k]);
      }
    }
  }
}

/**
 * Helm releases kept in ConfigMaps (Helm 3 with HELM_DRIVER=configmap, or
 * Helm 2's Tiller) hold the chart's values, passwords included, gzipped in
 * `data.release`: redacted like a Secret.
 */
export function redactHelmReleaseConfigMap(obj: JsonObject, r: ObjectRedactor): void {
  const labels = asObject(asObject(obj.metadata)?.labels);
  if (labels?.owner !== "helm" && labels?.OWNER !== "TILLER") return;
  const data = obj.data;
  if (!data || typeof data !== "object" || Array.isArray(data)) return;
  for (const [k, v] of Object.entries(data)) {
    data[k] = r.redact(typeof v === "string" ? v : JSON.stringify(v), ["data", k]);
  }
}

/**
 * Applies `redact-paths` rules and the key pattern to any object. (The export
 * runs the key pattern in the walk it shares with the default rules, then
 * the paths: the same result, see redact-walk.ts.)
 */
export function redactExtra(
  obj: JsonObject,
  rt: ResourceType,
  rules: RedactRule[],
  keyPattern: RegExp | undefined,
  r: ObjectRedactor,
): void {
  redactPaths(obj, rt, rules, r);
  if (keyPattern) redactWalk(obj, { secretKeys: false, privateKeys: false, keyPattern }, r);
}

/** Applies the `redact-paths` rules for this kind. */
export function redactPaths(obj: JsonObject, rt: ResourceType, rules: RedactRule[], r: ObjectRedactor): void {
  for (const rule of rules) {
    if (rule.kind !== "*" && !kindMatches(rule.kind, rt)) continue;
    applyPath(obj, rule.path, r);
  }
}

function applyPath(obj: JsonObject, steps: readonly PathStep[], r: ObjectRedactor): void {
  const visit = (parent: JsonObject | Json[], key: PathKey, i: number, path: PathKey[]): void => {
    const node = (parent as Record<PathKey, Json>)[key];
    if (node === undefined) return;
    if (i === steps.length) {
      if (isIdentity(path)) return;
      // A path names a field on purpose: a number there is a secret too; inside a map or list, every leaf.
      if (typeof node === "number") (parent as Record<PathKey, Json>)[key] = redactAt(String(node), path, r);
      else if (isRawNumber(node)) (parent as Record<PathKey, Json>)[key] = redactAt(node.rawJSON, path, r);
      else replaceLeaves(parent, key, path, r, true);
      return;
    }
    const step = steps[i] as PathStep;
    if ("key" in step) {
      const o = asObject(node);
      if (o) visit(o, step.key, i + 1, [...path, step.key]);
    } else if ("index" in step) {
      if (Array.isArray(node)) visit(node, step.index, i + 1, [...path, step.index]);
    } else if ("all" in step) {
      if (Array.isArray(node)) node.forEach((_, n) => visit(node, n, i + 1, [...path, n]));
      else if (node && typeof node === "object")
        for (const k of Object.keys(node)) visit(node, k, i + 1, [...path, k]);
    } else if (Array.isArray(node)) {
      node.forEach((item, n) => {
        if (asObject(item)?.[step.field] === step.equals) visit(node, n, i + 1, [...path, n]);
      });
    }
  };
  // The object itself is a map: only a key or "every key" can start a path.
  const first = steps[0];
  if (first && "key" in first) visit(obj, first.key, 1, [first.key]);
  else if (first && "all" in first) for (const k of Object.keys(obj)) visit(obj, k, 1, [k]);
}

/**
 * The copy search, run last on every object: an annotation or label that
 * holds one of the values this object had redacted (in any encoding), any
 * annotation of a Secret that tools fill with the object's copy, and an
 * annotation of any object that holds a Secret manifest, become markers.
 */
export function redactCopies(obj: JsonObject, rt: ResourceType, r: ObjectRedactor): void {
  const meta = asObject(obj.metadata);
  if (!meta) return;
  const isSecret = rt.group === "" && rt.kind === "Secret";
  let forms: string[] | undefined;
  const searchFor = () => (forms ??= formsOf(r.redacted));
  for (const field of ["annotations", "labels"] as const) {
    const map = asObject(meta[field]);
    if (!map) continue;
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== "string" || v === "" || r.isMarker(v)) continue;
      const path = ["metadata", field, k];
      const known = field === "annotations" && OBJECT_COPY_ANNOTATIONS.includes(k);
      if (isSecret && known) {
        map[k] = r.redact(v, path);
        continue;
      }
      // Objects with nothing redacted: only an annotation that may be a Secret manifest's copy.
      if (!isSecret && r.redacted.length === 0 && (field === "labels" || !mayHoldManifest(v))) continue;
      const views = decodedViews(v);
      const leaks =
        (field === "annotations" && views.json.some((d) => holdsSecretManifest(d))) ||
        (r.redacted.length > 0 && holdsAny(views.texts, searchFor()));
      if (!leaks) continue;
      map[k] = field === "labels" ? r.redactLabel(v, ["labels", k]) : r.redact(v, path);
    }
  }
}

/**
 * Can this hold a Secret manifest: JSON naming "Secret", or the first
 * characters of JSON after an encoding (base64 of `{"`, `{ `, `{\n`, `[{`,
 * `[\n`; base64 of gzip or zlib; hex; %-escapes). The cheap test before the
 * decoder, for the many objects with nothing redacted.
 */
function mayHoldManifest(v: string): boolean {
  if (v.length < MIN_MANIFEST) return false;
  const t = v.trimStart();
  if (t[0] === "{" || t[0] === "[") return t.includes("Secret");
  return /^(?:H4sI|eJ|eN|eA|ey|ew|W3|Ww|7b|5b|%7B|%5B)/i.test(t);
}

/**
 * Needles for the values redacted: each value, and the longer strings inside
 * it when it is a JSON document itself (a docker config's password). Only
 * then: a Helm release's decoded JSON holds "deployed", which its labels hold too.
 */
function formsOf(values: readonly Buffer[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    for (const n of needles(v)) out.add(n);
    const first = v.find((c) => c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d);
    if (first !== 0x7b && first !== 0x5b) continue; // { or [
    let doc: Json;
    try {
      doc = JSON.parse(v.toString("utf8")) as Json;
    } catch {
      continue;
    }
    // Short strings inside a document (keys, "true", a port) are not secrets.
    for (const s of jsonStrings(doc, false))
      if (s.length >= 8) for (const n of needles(Buffer.from(s))) out.add(n);
  }
  return [...out];
}
