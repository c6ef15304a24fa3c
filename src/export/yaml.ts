/**
 * A small, fast YAML emitter for JSON values, tuned for git diffs: block
 * style, two-space indents, keys in the order given, no line folding,
 * multi-line strings as literal blocks, and quoting whenever a plain scalar
 * could be read back as anything but the same string (YAML 1.1 and 1.2
 * booleans, numbers, nulls, dates). Emitting 50k objects with a general
 * YAML library costs more than fetching them; this does not.
 */
import { isRawNumber, type Json } from "./json.ts";

/** Orders a mapping's keys (may sort `keys` in place); `depth` counts containers from the root (0). */
export type KeyOrder = (keys: string[], depth: number, parentKey: string) => string[];

/** Keys as given. */
const asGiven: KeyOrder = (keys) => keys;

export function toYaml(value: Json, order: KeyOrder = asGiven): string {
  if (value !== null && typeof value === "object" && !isEmpty(value) && !isRawNumber(value))
    return block(value, "", "", order, 0, "");
  return scalar(value, "") + "\n";
}

function isEmpty(v: Json[] | { [key: string]: Json }): boolean {
  if (Array.isArray(v)) return v.length === 0;
  for (const _ in v) return false;
  return true;
}

/**
 * A non-empty mapping or sequence as lines at `indent`, except that the first
 * line starts with `first` instead: a list item's "- " prefix, so nested
 * blocks start on the dash's line without being written twice.
 */
function block(
  value: Json[] | { [key: string]: Json },
  indent: string,
  first: string,
  order: KeyOrder,
  depth: number,
  parentKey: string,
): string {
  let out = "";
  let prefix = first;
  if (Array.isArray(value)) {
    const inner = indent + "  ";
    for (const item of value) {
      if (item !== null && typeof item === "object" && !isEmpty(item) && !isRawNumber(item)) {
        out += block(item, inner, prefix + "- ", order, depth + 1, "");
      } else {
        out += prefix + "- " + scalar(item, inner) + "\n";
      }
      prefix = indent;
    }
    return out;
  }
  for (const k of order(Object.keys(value), depth, parentKey)) {
    const v = value[k] as Json;
    const key = quoteKey(k);
    if (v !== null && typeof v === "object" && !isEmpty(v) && !isRawNumber(v)) {
      out += prefix + key + ":\n";
      // Sequences under a mapping key sit at the key's indent (kubectl's style).
      const nested = Array.isArray(v) ? indent : indent + "  ";
      out += block(v, nested, nested, order, depth + 1, k);
    } else {
      out += prefix + key + ": " + scalar(v, indent + "  ") + "\n";
    }
    prefix = indent;
  }
  return out;
}

/** Keys repeat across objects (name, labels, app, ...): remember how each is written. */
const keyCache = new Map<string, string>();

function quoteKey(k: string): string {
  let q = keyCache.get(k);
  if (q === undefined) {
    q = quoteIfNeeded(k);
    if (keyCache.size < 10_000) keyCache.set(k, q);
  }
  return q;
}

function scalar(v: Json, indent: string): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "null";
  if (typeof v === "string") return stringScalar(v, indent);
  if (isRawNumber(v)) return v.rawJSON;
  return Array.isArray(v) ? "[]" : "{}";
}

function stringScalar(s: string, indent: string): string {
  if (s.includes("\n") && literalOk(s)) {
    const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
    const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
    const body = trailing ? s.slice(0, s.length - trailing) : s;
    const lines = body.split("\n").map((l) => (l === "" ? "" : indent + l));
    const extra = trailing > 1 ? "\n".repeat(trailing - 1) : "";
    return "|" + chomp + "\n" + lines.join("\n") + extra;
  }
  return quoteIfNeeded(s);
}

/** Literal blocks cannot start with a space, hold tabs/CRs/controls, or end lines in spaces safely. */
function literalOk(s: string): boolean {
  if (s.startsWith(" ") || s.startsWith("\n")) return false;
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff\t]/.test(s)) return false;
  return !/ \n|[ ]$/.test(s);
}

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@()+=:#,%-]*(?: [A-Za-z0-9_./@()+=:#,%-]+)*$/;
const AMBIGUOUS =
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN|[-+]?\.(?:inf|Inf|INF))$/;

/** Plain when unambiguous, else a JSON double-quoted string (valid YAML). */
export function quoteIfNeeded(s: string): string {
  const c = s.charCodeAt(0);
  // Quantities (100m, 16Mi) start with a digit; nothing else plain does.
  if (c >= 0x30 && c <= 0x39) return QUANTITY.test(s) && !/^0[xob]/i.test(s) ? s : JSON.stringify(s);
  if (s === "" || !PLAIN.test(s)) return JSON.stringify(s);
  // The ambiguous words are at most 5 characters long.
  if (s.length <= 5 && AMBIGUOUS.test(s)) return JSON.stringify(s);
  // ": " and " #" start a mapping value and a comment; a trailing ":" too.
  if ((s.includes(" ") && (s.includes(": ") || s.includes(" #"))) || s.endsWith(":"))
    return JSON.stringify(s);
  return s;
}

const QUANTITY = /^[0-9]+(?:[A-Za-z]+|%)$/;
