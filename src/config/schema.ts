/**
 * The one declaration of a capability's inputs. Each input names its type,
 * default, description, and whether it is required or secret; from that one
 * place come the typed values `parse()` builds its config from (through the
 * helpers in inputs.ts, so errors name the input, the value and the expected
 * form), the CLI's flags and `--help`, every action.yml and the reference
 * pages in docs/reference/ (scripts/generate-docs.ts). Shared groups (cluster access, the
 * lock, drain behaviour, S3 storage) are declared once and spread into each
 * capability's schema.
 */
import { badInput, ConfigurationError } from "../core/errors.ts";
import { parseDuration, parseSize } from "../core/units.ts";
import { bool, integer, list, oneOf, optional, type InputSource } from "./inputs.ts";

export type InputKind = "string" | "boolean" | "integer" | "duration" | "size" | "enum" | "list";

export interface Input<T = unknown> {
  readonly kind: InputKind;
  readonly description: string;
  /** The default as a user would write it (action.yml, --help); undefined: none. */
  readonly default?: string;
  /** A default worked out at run time, in words ("true when s3-endpoint is set"). */
  readonly defaultText?: string;
  readonly required: boolean;
  /** Masked in logs; never echoed in errors or help. */
  readonly secret: boolean;
  /**
   * The flag may be given more than once, its values joined with new lines
   * (list inputs always may; a string input whose own syntax takes one item
   * a line, like redact-paths' rules, says so here).
   */
  readonly repeatable?: boolean;
  /** enum: the accepted values. */
  readonly choices?: readonly string[];
  /** integer: the accepted range. */
  readonly min?: number;
  readonly max?: number;
  /** Reads and checks the input's value; errors name the input. */
  read(src: InputSource, name: string): T;
}

export type InputSchema = Readonly<Record<string, Input>>;

/** The typed values of a schema: `string | undefined` for an optional string, `number` for a duration in ms, ... */
export type InputValues<S extends InputSchema> = {
  -readonly [K in keyof S]: S[K] extends Input<infer T> ? T : never;
};

/** A capability's outputs: name -> description. */
export type OutputSchema = Readonly<Record<string, string>>;

interface Common {
  description: string;
  secret?: boolean;
  defaultText?: string;
  repeatable?: boolean;
}

function requiredValue(src: InputSource, name: string, description: string): string {
  const v = optional(src, name);
  if (v === undefined)
    throw new ConfigurationError(`input '${name}' is required: ${firstSentence(description)}`);
  return v;
}

/** The description's first sentence, for "input X is required: ..." messages. */
export function firstSentence(description: string): string {
  const m = /^(.*?[.:])(\s|$)/.exec(description);
  const s = (m?.[1] ?? description).replace(/[.:]$/, "");
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function decl<T>(
  kind: InputKind,
  o: Common & { default?: string; required?: boolean },
  read: Input<T>["read"],
  extra: Partial<Input<T>> = {},
): Input<T> {
  return {
    kind,
    description: o.description,
    ...(o.default !== undefined ? { default: o.default } : {}),
    ...(o.defaultText !== undefined ? { defaultText: o.defaultText } : {}),
    required: o.required ?? false,
    secret: o.secret ?? false,
    ...(o.repeatable ? { repeatable: true } : {}),
    ...extra,
    read,
  };
}

function str(o: Common & { required: true }): Input<string>;
function str(o: Common & { default: string }): Input<string>;
function str(o: Common): Input<string | undefined>;
function str(o: Common & { default?: string; required?: boolean }): Input<string | undefined> {
  return decl("string", o, (src, name) =>
    o.required ? requiredValue(src, name, o.description) : (optional(src, name) ?? o.default),
  );
}

function boolean(o: Common & { default: boolean }): Input<boolean>;
function boolean(o: Common): Input<boolean | undefined>;
function boolean(o: Common & { default?: boolean }): Input<boolean | undefined> {
  const d = o.default;
  const { default: _, ...rest } = o;
  return decl("boolean", { ...rest, ...(d !== undefined ? { default: String(d) } : {}) }, (src, name) =>
    optional(src, name) === undefined ? d : bool(src, name, false),
  );
}

interface Range {
  min: number;
  max?: number;
}

function int(o: Common & Range & { default: number }): Input<number>;
function int(o: Common & Range): Input<number | undefined>;
function int(o: Common & Range & { default?: number }): Input<number | undefined> {
  const d = o.default;
  const max = o.max ?? Number.MAX_SAFE_INTEGER;
  const { default: _, ...rest } = o;
  return decl(
    "integer",
    { ...rest, ...(d !== undefined ? { default: String(d) } : {}) },
    (src, name) => (optional(src, name) === undefined ? d : integer(src, name, 0, o.min, max)),
    { min: o.min, ...(o.max !== undefined ? { max: o.max } : {}) },
  );
}

/** A duration (`30s`, `10m`, `1h30m`), read in milliseconds; `min` (same form) bounds it from below. */
function duration(o: Common & { default: string; min?: string }): Input<number>;
function duration(o: Common & { min?: string }): Input<number | undefined>;
function duration(o: Common & { default?: string; min?: string }): Input<number | undefined> {
  if (o.default !== undefined) parseDuration("(default)", o.default);
  const minMs = o.min === undefined ? undefined : parseDuration("(min)", o.min);
  const { min: _, ...rest } = o;
  return decl("duration", rest, (src, name) => {
    const v = optional(src, name) ?? o.default;
    if (v === undefined) return undefined;
    const ms = parseDuration(name, v);
    if (minMs !== undefined && ms < minMs)
      throw badInput(name, v, `a duration of at least ${o.min}, e.g. 60s or 2m`);
    return ms;
  });
}

/** A size in Kubernetes quantity form (`5Mi`, `1Gi`), read in bytes. */
function size(o: Common & { default: string }): Input<number>;
function size(o: Common): Input<number | undefined>;
function size(o: Common & { default?: string }): Input<number | undefined> {
  if (o.default !== undefined) parseSize("(default)", o.default);
  return decl("size", o, (src, name) => {
    const v = optional(src, name) ?? o.default;
    return v === undefined ? undefined : parseSize(name, v);
  });
}

function choice<const C extends readonly string[]>(
  choices: C,
  o: Common & { default: C[number] },
): Input<C[number]> {
  return decl("enum", o, (src, name) => oneOf(src, name, choices, o.default), { choices });
}

/** Items separated by commas or new lines (`a, b` or one a line; `#` lines are comments). */
function items(o: Common & { required?: boolean }): Input<string[]> {
  return decl("list", o, (src, name) => {
    const v = list(src, name);
    if (o.required && v.length === 0)
      throw new ConfigurationError(`input '${name}' is required: ${firstSentence(o.description)}`);
    return v;
  });
}

/** Input builders: `input.string({ description, default })`, `input.boolean(...)`, ... */
export const input = { string: str, boolean, integer: int, duration, size, enum: choice, list: items };

/** Reads every input of the schema into its typed value. */
export function readInputs<S extends InputSchema>(schema: S, src: InputSource): InputValues<S> {
  const out: Record<string, unknown> = {};
  for (const [name, decl] of Object.entries(schema)) out[name] = decl.read(src, name);
  return out as InputValues<S>;
}

/** The type as help and docs show it: `integer 1..64`, `fail | delete`, `duration`. */
export function typeText(i: Input): string {
  switch (i.kind) {
    case "integer":
      return i.max === undefined ? `integer >= ${i.min}` : `integer ${i.min}..${i.max}`;
    case "enum":
      return (i.choices ?? []).join(" | ");
    default:
      return i.secret ? `${i.kind} (secret)` : i.kind;
  }
}

/** The default as help and docs show it, or "" for none. */
export function defaultText(i: Input): string {
  return i.default ?? i.defaultText ?? "";
}

/**
 * A source that refuses names the schema does not declare: a capability that
 * reads an undeclared input is a bug (its action.yml, --help and reference page would
 * not list it), caught by the first test that parses it.
 */
export function declaredOnly(schema: InputSchema, src: InputSource, owner: string): InputSource {
  return (name) => {
    if (!Object.hasOwn(schema, name))
      throw new Error(`${owner} reads input '${name}', which its input schema does not declare`);
    return src(name);
  };
}
