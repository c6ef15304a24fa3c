/**
 * Every form a string can carry a secret in, for the redaction's leak search.
 * Apply tools keep copies of whole objects in annotations (kapp: plain JSON;
 * wrangler/Rancher/k3s: base64 of gzip of JSON), so a Secret's value can hide
 * behind several layers of encoding. `decodedViews` peels them (base64 in both
 * alphabets with or without padding, gzip/zlib, hex, %-escapes, JSON strings,
 * nested) within fixed bounds, and `needles` lists the forms one value is
 * searched for. Pure and bounded: an annotation can never make it loop or
 * inflate a gzip bomb.
 */
import { isUtf8 } from "node:buffer";
import { gunzipSync, inflateSync } from "node:zlib";
import type { Json } from "./json.ts";

/** Layers of encoding peeled at most (base64 → gzip → JSON → base64 is 4). */
const MAX_DEPTH = 6;
/** Distinct views of one string at most. */
const MAX_VIEWS = 2000;
/** Bytes the compressed payloads of one string may inflate to, together (a Helm release is a few MiB at worst). */
const MAX_INFLATED = 16 * 1024 * 1024;
/** Shorter strings are not tried as base64 or hex: "true" and "web" decode to noise. */
const MIN_ENCODED = 8;
/**
 * Values shorter than this are matched only as a whole view (equality), never
 * as a substring: a 3-character value would be "found" in most annotations.
 */
export const MIN_CONTAINED = 4;

export interface Views {
  /** The string itself, then what it decodes to, layer by layer. */
  texts: string[];
  /** Every JSON document met on the way (to recognise a copy of a Secret manifest). */
  json: Json[];
}

const BASE64 = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;

export function decodedViews(text: string): Views {
  const seen = new Set<string>();
  const json: Json[] = [];
  // One budget for the whole string: many small gzip payloads inside one JSON cannot add up.
  const budget = { inflate: MAX_INFLATED };
  const visit = (s: string, depth: number): void => {
    if (seen.has(s) || seen.size >= MAX_VIEWS) return;
    seen.add(s);
    if (depth >= MAX_DEPTH) return;
    const t = s.trim();
    if (t.length === 0) return;
    const c = t[0];
    if (c === "{" || c === "[" || c === '"') {
      try {
        const doc = JSON.parse(t) as Json;
        json.push(doc);
        for (const leaf of jsonStrings(doc)) visit(leaf, depth + 1);
      } catch {
        // Not JSON after all: the other decoders may still apply.
      }
    }
    // Base64 is often wrapped at 76 columns.
    const compact = t.length >= MIN_ENCODED ? t.replace(/\s+/g, "") : "";
    if (compact.length >= MIN_ENCODED && compact.length % 4 !== 1 && BASE64.test(compact)) {
      for (const v of bytesToTexts(Buffer.from(compact, "base64"), budget)) visit(v, depth + 1);
    }
    if (compact.length >= MIN_ENCODED && HEX.test(compact)) {
      for (const v of bytesToTexts(Buffer.from(compact, "hex"), budget)) visit(v, depth + 1);
    }
    if (/%[0-9A-Fa-f]{2}/.test(t)) {
      try {
        visit(decodeURIComponent(t), depth + 1);
      } catch {
        // A stray % that is not an escape.
      }
    }
  };
  visit(text, 0);
  return { texts: [...seen], json };
}

/** Text a decoded payload holds: inflated when compressed; binary as latin1 so ASCII still shows. */
function bytesToTexts(bytes: Buffer, budget: { inflate: number }): string[] {
  if (bytes.length === 0) return [];
  let b = bytes;
  const gzip = b.length > 2 && b[0] === 0x1f && b[1] === 0x8b;
  const zlib = b.length > 2 && b[0] === 0x78 && [0x01, 0x5e, 0x9c, 0xda].includes(b[1] ?? 0);
  if ((gzip || zlib) && budget.inflate > 0) {
    try {
      const opts = { maxOutputLength: budget.inflate };
      b = gzip ? gunzipSync(b, opts) : inflateSync(b, opts);
      budget.inflate -= b.length;
    } catch (err) {
      // Over the budget: nothing more is inflated. Not compressed after all: search the bytes as they are.
      if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") budget.inflate = 0;
    }
  }
  return [b.toString(isUtf8(b) ? "utf8" : "latin1")];
}

/** Every string inside a JSON document (values, and keys unless `keys` is false), depth-first. */
export function jsonStrings(doc: Json, keys = true): string[] {
  const out: string[] = [];
  const walk = (v: Json): void => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (keys) out.push(k);
        walk(x);
      }
  };
  walk(doc);
  return out;
}

/**
 * The forms one secret value is searched for inside a decoded view: its text,
 * base64 (standard and URL alphabets, with and without padding), hex, and the
 * JSON-escaped text (a JSON document inside some other format). Empty values
 * give none.
 */
export function needles(value: Buffer): string[] {
  if (value.length === 0) return [];
  const text = value.toString(isUtf8(value) ? "utf8" : "latin1");
  const std = value.toString("base64");
  const out = new Set([
    text,
    std,
    std.replace(/=+$/, ""),
    value.toString("base64url"),
    value.toString("hex"),
    JSON.stringify(text).slice(1, -1),
  ]);
  return [...out];
}

/** Does any view hold one of the needles (whole, or inside when long enough to mean it)? */
export function holdsAny(views: readonly string[], forms: readonly string[]): boolean {
  for (const n of forms) {
    const inside = n.length >= MIN_CONTAINED;
    for (const v of views) if (v === n || (inside && v.includes(n))) return true;
  }
  return false;
}

/** Is this JSON (or anything inside it) a Secret manifest: a full copy of a Secret? */
export function holdsSecretManifest(doc: Json, depth = 0): boolean {
  if (depth > 8 || !doc || typeof doc !== "object") return false;
  if (Array.isArray(doc)) return doc.some((d) => holdsSecretManifest(d, depth + 1));
  if (doc.kind === "Secret" && ("data" in doc || "stringData" in doc || doc.apiVersion === "v1")) return true;
  return Object.values(doc).some((d) => holdsSecretManifest(d, depth + 1));
}
