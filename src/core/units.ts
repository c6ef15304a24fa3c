/**
 * Human forms for durations and sizes, parsed in one place so every input
 * accepts the same spellings and rejects the rest with the same message.
 */
import { badInput } from "./errors.ts";

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `90s`, `10m`, `1h30m`, `500ms`, `2d` (or a bare number of seconds) to milliseconds. */
export function parseDuration(input: string, value: string): number {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
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

const SIZE_UNITS: Record<string, number> = {
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** A Kubernetes quantity of bytes (`512Mi`, `5Gi`, `100M`, `1048576`), or undefined when it is not one. */
export function quantityBytes(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(|k|M|G|T|Ki|Mi|Gi|Ti)$/.exec(value.trim());
  const unit = m ? SIZE_UNITS[m[2] ?? ""] : undefined;
  return m && unit !== undefined ? Math.round(Number(m[1]) * unit) : undefined;
}

/** Parses an input's size in Kubernetes quantity form; errors name the input. */
export function parseSize(input: string, value: string): number {
  const bytes = quantityBytes(value);
  if (bytes === undefined) throw badInput(input, value, "a size such as 512Mi, 5Gi or 100M");
  return bytes;
}

/**
 * Sizes and durations for a person. Each value is rounded to what is shown
 * before it is split into units, so a rounded part never reaches its unit's
 * limit: 179.6 s is 3m0s, not 2m60s; 59.97 s is 1m0s, not 60.0s; 1023.96 KiB
 * is 1.0 MiB, not 1024.0 KiB.
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let i = 0;
  // Promote while the value as shown (bytes whole, the rest to 0.1) would read 1024 or more.
  while (i < units.length - 1 && (i === 0 ? Math.round(v) : Math.round(v * 10) / 10) >= 1024) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? Math.round(v) : v.toFixed(1)} ${units[i]}`;
}

export function formatDuration(ms: number): string {
  if (Math.round(ms) < 1000) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)}s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${s % 60}s`;
}
