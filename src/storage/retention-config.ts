/**
 * The retention policy's inputs (a snapshot any rule keeps stays), shared by
 * etcd-snapshot and etcd-prune; the planning itself is retention.ts.
 */
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import type { RetentionPolicy } from "./retention.ts";

/** The retention policy (a snapshot any rule keeps stays). */
export const retentionInputs = {
  "keep-last": input.integer({ description: "Retention: keep the N newest snapshots.", min: 0 }),
  "max-age": input.duration({
    description: "Retention: keep every snapshot younger than this (e.g. 7d, 36h).",
  }),
  "keep-daily": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent days (UTC).",
    min: 0,
  }),
  "keep-weekly": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent ISO weeks.",
    min: 0,
  }),
  "keep-monthly": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent months.",
    min: 0,
  }),
  "dry-run": input.boolean({ description: "Retention: only show what would be deleted.", default: false }),
};

export function parseRetention(src: InputSource): RetentionPolicy {
  const v = readInputs(retentionInputs, src);
  const p: RetentionPolicy = {};
  if (v["keep-last"]) p.keepLast = v["keep-last"];
  if (v["max-age"] !== undefined) p.maxAgeMs = v["max-age"];
  if (v["keep-daily"]) p.daily = v["keep-daily"];
  if (v["keep-weekly"]) p.weekly = v["keep-weekly"];
  if (v["keep-monthly"]) p.monthly = v["keep-monthly"];
  return p;
}
