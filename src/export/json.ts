/** Helpers for walking raw API objects (JSON) without casts. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const asObject = (v: Json | undefined): JsonObject | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? v : undefined;

export const asArray = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

/** The value when it is a string, else `fallback`. */
export const str = (v: Json | undefined, fallback = ""): string => (typeof v === "string" ? v : fallback);

/** JSON.rawJSON and JSON.isRawJSON (Node 21+; not in TypeScript's es2024 lib). */
const rawJson = JSON as unknown as {
  rawJSON(text: string): JsonObject;
  isRawJSON(value: unknown): boolean;
};

/**
 * A number whose source text a double would change (integers beyond 2^53 in
 * custom resources, `-0`, `1.0`, `1e400`), kept as JSON.rawJSON: it prints its
 * digits exactly, in YAML (yaml.ts) and in JSON.stringify.
 */
export const isRawNumber = (v: unknown): v is { readonly rawJSON: string } => rawJson.isRawJSON(v);

/**
 * A number at a value position that a double might not hold exactly: 16 or
 * more digits, a negative zero, a fraction ending in 0, a three-digit
 * exponent. Matching inside a string only costs the slower parse.
 */
const INEXACT_NUMBER =
  /[:,[]\s*(?:-?\d{16}|-0(?:\.0*)?[,}\]\s]|-?\d+\.\d*0[,}\]\s]|-?\d+(?:\.\d+)?[eE][+-]?\d{3})/;

/**
 * JSON.parse without losing digits. Only pages holding such a number pay for
 * the reviver (several times slower); the scan costs about a tenth of a parse.
 */
export function parseJson(text: string): unknown {
  if (!INEXACT_NUMBER.test(text)) return JSON.parse(text);
  return JSON.parse(text, exactNumber);
}

function exactNumber(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value !== "number" || context?.source === undefined) return value;
  return String(value) === context.source ? value : rawJson.rawJSON(context.source);
}
