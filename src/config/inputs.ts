/**
 * Input parsing shared by the Actions and the CLI. Both hand the same parsers
 * an `InputSource` (Actions: core.getInput; CLI: `--name value` flags), so a
 * capability's typed config is parsed and validated in exactly one place and
 * its errors name the input the user wrote.
 */
import { badInput, ConfigurationError } from "../core/errors.ts";
import { parseDuration, parseSize } from "../core/units.ts";

/** Returns the raw value of an input, or "" when it was not given. */
export type InputSource = (name: string) => string;

export function fromRecord(values: Record<string, string | undefined>): InputSource {
  return (name) => values[name]?.trim() ?? "";
}

export function optional(src: InputSource, name: string): string | undefined {
  const v = src(name).trim();
  return v === "" ? undefined : v;
}

export function required(src: InputSource, name: string, what: string): string {
  const v = optional(src, name);
  if (v === undefined) throw new ConfigurationError(`input '${name}' is required: ${what}`);
  return v;
}

export function bool(src: InputSource, name: string, fallback: boolean): boolean {
  const v = optional(src, name);
  if (v === undefined) return fallback;
  if (/^(true|yes|1|on)$/i.test(v)) return true;
  if (/^(false|no|0|off)$/i.test(v)) return false;
  throw badInput(name, v, "true or false");
}

export function integer(
  src: InputSource,
  name: string,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const v = optional(src, name);
  if (v === undefined) return fallback;
  if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw badInput(name, v, `a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? "any" : max}`);
  }
  return Number(v);
}

export function duration(src: InputSource, name: string, fallback: string): number {
  return parseDuration(name, optional(src, name) ?? fallback);
}

export function size(src: InputSource, name: string, fallback: string): number {
  return parseSize(name, optional(src, name) ?? fallback);
}

export function oneOf<T extends string>(
  src: InputSource,
  name: string,
  choices: readonly T[],
  fallback: T,
): T {
  const v = optional(src, name) ?? fallback;
  if (!(choices as readonly string[]).includes(v)) throw badInput(name, v, `one of ${choices.join(", ")}`);
  return v as T;
}

/** A list given as commas and/or new lines: `a, b` or one item a line. */
export function list(src: InputSource, name: string): string[] {
  return (optional(src, name) ?? "")
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "" && !s.startsWith("#"));
}
