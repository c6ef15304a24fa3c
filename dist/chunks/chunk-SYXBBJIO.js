import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  badInput
} from "./chunk-YBANDQLS.js";

// src/config/inputs.ts
function fromRecord(values) {
  return (name) => values[name]?.trim() ?? "";
}
function optional(src, name) {
  const v = src(name).trim();
  return v === "" ? void 0 : v;
}
function bool(src, name, fallback) {
  const v = optional(src, name);
  if (v === void 0) return fallback;
  if (/^(true|yes|1|on)$/i.test(v)) return true;
  if (/^(false|no|0|off)$/i.test(v)) return false;
  throw badInput(name, v, "true or false");
}
function integer(src, name, fallback, min = 0, max = Number.MAX_SAFE_INTEGER) {
  const v = optional(src, name);
  if (v === void 0) return fallback;
  if (!/^-?\d+$/.test(v) || Number(v) < min || Number(v) > max) {
    throw badInput(name, v, `a whole number from ${min} to ${max === Number.MAX_SAFE_INTEGER ? "any" : max}`);
  }
  return Number(v);
}
function oneOf(src, name, choices, fallback) {
  const v = optional(src, name) ?? fallback;
  if (!choices.includes(v)) throw badInput(name, v, `one of ${choices.join(", ")}`);
  return v;
}
function list(src, name) {
  return (optional(src, name) ?? "").split(/[\n,]/).map((s) => s.trim()).filter((s) => s !== "" && !s.startsWith("#"));
}

export {
  fromRecord,
  optional,
  bool,
  integer,
  oneOf,
  list
};
