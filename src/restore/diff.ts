/**
 * What an apply would change in a live object: the live object against the
 * server's dry-run result, both without the server's bookkeeping (managed
 * fields, resourceVersion, generation, status, ...), as a list of field
 * paths. A Secret's values never appear, wherever they are held: its
 * changes name keys only. Not only `data`: apply tools keep a copy of the
 * whole object in an annotation (kapp's `kapp.k14s.io/original`, kubectl's
 * last-applied configuration), and a label may carry a value too.
 */
import type { Json, JsonObject } from "../export/json.ts";

const BOOKKEEPING = [
  "managedFields",
  "resourceVersion",
  "generation",
  "uid",
  "creationTimestamp",
  "selfLink",
];

export interface FieldChange {
  /** `spec.replicas`, `data.color`, `metadata.labels["app"]`. */
  path: string;
  /** Short renderings of the values (`(hidden)` for any of a Secret's); undefined: absent. */
  from?: string;
  to?: string;
}

export function comparable(obj: JsonObject): JsonObject {
  const out: JsonObject = { ...obj };
  // Items of a LIST come without apiVersion and kind; neither can change anyway.
  delete out.apiVersion;
  delete out.kind;
  delete out.status;
  const meta =
    obj.metadata && typeof obj.metadata === "object" && !Array.isArray(obj.metadata)
      ? { ...obj.metadata }
      : {};
  for (const k of BOOKKEEPING) delete meta[k];
  out.metadata = meta;
  return out;
}

/** The fields that differ between `live` and `next` (pure: unit-tested). */
export function diffObjects(live: JsonObject, next: JsonObject, secret: boolean): FieldChange[] {
  const out: FieldChange[] = [];
  walk(comparable(live), comparable(next), [], out, secret);
  return out;
}

function walk(
  a: Json | undefined,
  b: Json | undefined,
  path: string[],
  out: FieldChange[],
  secret: boolean,
): void {
  if (same(a, b)) return;
  if (isObj(a) && isObj(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      walk(a[k], b[k], [...path, k], out, secret);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((v, i) => walk(v, b[i], [...path, String(i)], out, secret));
    return;
  }
  const change: FieldChange = { path: renderPath(path) };
  if (a !== undefined) change.from = secret ? HIDDEN : short(a);
  if (b !== undefined) change.to = secret ? HIDDEN : short(b);
  out.push(change);
}

const HIDDEN = "(hidden)";

/**
 * A server's refusal of a Secret, with the values it quotes hidden: field
 * errors quote the value they refuse (`metadata.labels: Invalid value: "...":`).
 */
export function hideRefusedValues(message: string): string {
  return message.replace(
    /\b((?:Invalid|Unsupported|Duplicate|Forbidden) value): (?:"(?:[^"\\]|\\.)*"|[^:,;]+)/g,
    `$1: ${HIDDEN}`,
  );
}

const isObj = (v: Json | undefined): v is JsonObject =>
  !!v && typeof v === "object" && !Array.isArray(v) && !("rawJSON" in v);

function same(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function short(v: Json): string {
  const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function renderPath(path: string[]): string {
  return path
    .map((p, i) =>
      /^\d+$/.test(p)
        ? `[${p}]`
        : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(p)
          ? i
            ? `.${p}`
            : p
          : `[${JSON.stringify(p)}]`,
    )
    .join("");
}
