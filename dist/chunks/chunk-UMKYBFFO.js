import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  bool,
  integer,
  list,
  oneOf,
  optional
} from "./chunk-SYXBBJIO.js";
import {
  parseDuration,
  parseSize
} from "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  badInput
} from "./chunk-YBANDQLS.js";

// src/config/schema.ts
function requiredValue(src, name, description) {
  const v = optional(src, name);
  if (v === void 0)
    throw new ConfigurationError(`input '${name}' is required: ${firstSentence(description)}`);
  return v;
}
function firstSentence(description) {
  const m = /^(.*?[.:])(\s|$)/.exec(description);
  const s = (m?.[1] ?? description).replace(/[.:]$/, "");
  return s.charAt(0).toLowerCase() + s.slice(1);
}
function decl(kind, o, read, extra = {}) {
  return {
    kind,
    description: o.description,
    ...o.default !== void 0 ? { default: o.default } : {},
    ...o.defaultText !== void 0 ? { defaultText: o.defaultText } : {},
    required: o.required ?? false,
    secret: o.secret ?? false,
    ...o.repeatable ? { repeatable: true } : {},
    ...extra,
    read
  };
}
function str(o) {
  return decl(
    "string",
    o,
    (src, name) => o.required ? requiredValue(src, name, o.description) : optional(src, name) ?? o.default
  );
}
function boolean(o) {
  const d = o.default;
  const { default: _, ...rest } = o;
  return decl(
    "boolean",
    { ...rest, ...d !== void 0 ? { default: String(d) } : {} },
    (src, name) => optional(src, name) === void 0 ? d : bool(src, name, false)
  );
}
function int(o) {
  const d = o.default;
  const max = o.max ?? Number.MAX_SAFE_INTEGER;
  const { default: _, ...rest } = o;
  return decl(
    "integer",
    { ...rest, ...d !== void 0 ? { default: String(d) } : {} },
    (src, name) => optional(src, name) === void 0 ? d : integer(src, name, 0, o.min, max),
    { min: o.min, ...o.max !== void 0 ? { max: o.max } : {} }
  );
}
function duration(o) {
  if (o.default !== void 0) parseDuration("(default)", o.default);
  const minMs = o.min === void 0 ? void 0 : parseDuration("(min)", o.min);
  const { min: _, ...rest } = o;
  return decl("duration", rest, (src, name) => {
    const v = optional(src, name) ?? o.default;
    if (v === void 0) return void 0;
    const ms = parseDuration(name, v);
    if (minMs !== void 0 && ms < minMs)
      throw badInput(name, v, `a duration of at least ${o.min}, e.g. 60s or 2m`);
    return ms;
  });
}
function size(o) {
  if (o.default !== void 0) parseSize("(default)", o.default);
  return decl("size", o, (src, name) => {
    const v = optional(src, name) ?? o.default;
    return v === void 0 ? void 0 : parseSize(name, v);
  });
}
function choice(choices, o) {
  return decl("enum", o, (src, name) => oneOf(src, name, choices, o.default), { choices });
}
function items(o) {
  return decl("list", o, (src, name) => {
    const v = list(src, name);
    if (o.required && v.length === 0)
      throw new ConfigurationError(`input '${name}' is required: ${firstSentence(o.description)}`);
    return v;
  });
}
var input = { string: str, boolean, integer: int, duration, size, enum: choice, list: items };
function readInputs(schema, src) {
  const out = {};
  for (const [name, decl2] of Object.entries(schema)) out[name] = decl2.read(src, name);
  return out;
}
function typeText(i) {
  switch (i.kind) {
    case "integer":
      return i.max === void 0 ? `integer >= ${i.min}` : `integer ${i.min}..${i.max}`;
    case "enum":
      return (i.choices ?? []).join(" | ");
    default:
      return i.secret ? `${i.kind} (secret)` : i.kind;
  }
}
function defaultText(i) {
  return i.default ?? i.defaultText ?? "";
}
function declaredOnly(schema, src, owner) {
  return (name) => {
    if (!Object.hasOwn(schema, name))
      throw new Error(`${owner} reads input '${name}', which its input schema does not declare`);
    return src(name);
  };
}

export {
  firstSentence,
  input,
  readInputs,
  typeText,
  defaultText,
  declaredOnly
};
