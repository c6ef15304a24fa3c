import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  badInput
} from "./chunk-YBANDQLS.js";

// src/core/units.ts
var DURATION_UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5 };
function parseDuration(input, value) {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1e3);
  const part = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/gy;
  let total = 0;
  let matched = 0;
  for (let m = part.exec(text); m; m = part.exec(text)) {
    total += Number(m[1]) * (DURATION_UNITS[m[2] ?? ""] ?? 0);
    matched = part.lastIndex;
  }
  if (text === "" || matched !== text.length) {
    throw badInput(input, value, "a duration such as 30s, 10m, 1h30m or 500ms");
  }
  return Math.round(total);
}
var SIZE_UNITS = {
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4
};
function quantityBytes(value) {
  const m = /^(\d+(?:\.\d+)?)(|k|M|G|T|Ki|Mi|Gi|Ti)$/.exec(value.trim());
  const unit = m ? SIZE_UNITS[m[2] ?? ""] : void 0;
  return m && unit !== void 0 ? Math.round(Number(m[1]) * unit) : void 0;
}
function parseSize(input, value) {
  const bytes = quantityBytes(value);
  if (bytes === void 0) throw badInput(input, value, "a size such as 512Mi, 5Gi or 100M");
  return bytes;
}
function formatBytes(bytes) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let i = 0;
  while (i < units.length - 1 && (i === 0 ? Math.round(v) : Math.round(v * 10) / 10) >= 1024) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}
function formatDuration(ms) {
  if (Math.round(ms) < 1e3) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)}s`;
  const s = Math.round(ms / 1e3);
  return `${Math.floor(s / 60)}m${s % 60}s`;
}

export {
  parseDuration,
  quantityBytes,
  parseSize,
  formatBytes,
  formatDuration
};
