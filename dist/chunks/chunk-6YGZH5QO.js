import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";

// src/storage/retention-config.ts
var retentionInputs = {
  "keep-last": input.integer({ description: "Retention: keep the N newest snapshots.", min: 0 }),
  "max-age": input.duration({
    description: "Retention: keep every snapshot younger than this (e.g. 7d, 36h)."
  }),
  "keep-daily": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent days (UTC).",
    min: 0
  }),
  "keep-weekly": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent ISO weeks.",
    min: 0
  }),
  "keep-monthly": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent months.",
    min: 0
  }),
  "dry-run": input.boolean({ description: "Retention: only show what would be deleted.", default: false })
};
function parseRetention(src) {
  const v = readInputs(retentionInputs, src);
  const p = {};
  if (v["keep-last"]) p.keepLast = v["keep-last"];
  if (v["max-age"] !== void 0) p.maxAgeMs = v["max-age"];
  if (v["keep-daily"]) p.daily = v["keep-daily"];
  if (v["keep-weekly"]) p.weekly = v["keep-weekly"];
  if (v["keep-monthly"]) p.monthly = v["keep-monthly"];
  return p;
}

export {
  retentionInputs,
  parseRetention
};
