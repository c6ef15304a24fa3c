/** Helpers for walking raw API objects (JSON) without casts. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const asObject = (v: Json | undefined): JsonObject | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? v : undefined;

export const asArray = (v: Json | undefined): Json[] => (Array.isArray(v) ? v : []);

/** The value when it is a string, else `fallback`. */
export const str = (v: Json | undefined, fallback = ""): string => (typeof v === "string" ? v : fallback);
