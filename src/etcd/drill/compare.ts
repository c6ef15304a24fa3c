/**
 * Restored counts against a reference (the live cluster or an export), kind by
 * kind, each difference explained and judged against the user's tolerance.
 * Pure: unit-tested with tables.
 */
import { badInput } from "../../core/errors.ts";
import type { KindCount } from "./count.ts";

/**
 * How far a kind's restored count may be from the reference: a difference
 * passes when it is at most `count` objects, or at most `percent` % of the
 * reference count (either rule suffices).
 */
export interface Tolerance {
  count: number;
  percent: number;
}

export const TOLERANCE_FORM = "a count (5), a percentage (10%), or both separated by a comma (2,5%)";

export function parseTolerance(value: string): Tolerance {
  const t: Tolerance = { count: 0, percent: 0 };
  const parts = value.split(",").map((p) => p.trim());
  if (parts.length === 0 || parts.length > 2) throw badInput("tolerance", value, TOLERANCE_FORM);
  for (const p of parts) {
    const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(p);
    if (!m) throw badInput("tolerance", value, TOLERANCE_FORM);
    if (m[2]) t.percent = Number(m[1]);
    else if (Number.isInteger(Number(m[1]))) t.count = Number(m[1]);
    else throw badInput("tolerance", value, TOLERANCE_FORM);
  }
  return t;
}

export function allowedDifference(t: Tolerance, reference: number): number {
  return Math.max(t.count, Math.floor((reference * t.percent) / 100));
}

export function formatTolerance(t: Tolerance): string {
  const parts = [];
  if (t.count) parts.push(`${t.count} object${t.count === 1 ? "" : "s"}`);
  if (t.percent) parts.push(`${t.percent}%`);
  return parts.length ? parts.join(" or ") : "none (exact counts)";
}

export type Verdict = "match" | "within tolerance" | "DIFFERS" | "ignored" | "not checked" | "UNREADABLE";

export interface KindComparison {
  id: string;
  kind: string;
  restored?: number;
  reference?: number;
  verdict: Verdict;
  why: string;
}

/** An apiserver error reading data it cannot decrypt (encryption at rest without its configuration). */
export function isDecryptionError(message: string): boolean {
  return /transform|decrypt|no matching prefix|encryption|k8s:enc:/i.test(message);
}

export interface CompareOptions {
  tolerance: Tolerance;
  /** Kind ids (resourceId form) left out of the verdict. */
  ignored: (id: string, kind: string) => boolean;
  /** Why a kind is left out (default: it is in ignore-kinds). */
  ignoredWhy?: (id: string) => string;
  /** How the restored side's count is named in a failure (default "restored"). */
  restoredName?: string;
  /** What objects that differ were created or deleted after (default "it was taken": the snapshot). */
  since?: string;
  /** "the live cluster" or "the export". */
  referenceName: string;
  /** Kinds the reference does not hold on purpose (an export's exclusions), with why. */
  referenceNotListed?: Map<string, string>;
  /** API groups the restored apiserver could not discover (aggregated APIs served elsewhere). */
  restoredFailedGroups?: string[];
  encryptionConfigGiven: boolean;
}

export interface Comparison {
  rows: KindComparison[];
  /** One line per kind that fails the drill. */
  failures: string[];
  /** Kinds not checked because they are encrypted at rest and no configuration was given. */
  encryptedUnchecked: string[];
}

const groupOf = (id: string) => (id.includes(".") ? id.slice(id.indexOf(".") + 1) : "");

export function compareCounts(
  restored: Map<string, KindCount>,
  reference: Map<string, KindCount>,
  o: CompareOptions,
): Comparison {
  const ids = [...new Set([...restored.keys(), ...reference.keys()])].sort();
  const rows: KindComparison[] = [];
  const failures: string[] = [];
  const encryptedUnchecked: string[] = [];
  const failedGroups = new Set((o.restoredFailedGroups ?? []).map((g) => g.replace(/\/[^/]*$/, "")));
  for (const id of ids) {
    const r = restored.get(id);
    const ref = reference.get(id);
    const kind = r?.kind ?? ref?.kind ?? id;
    const row: KindComparison = {
      id,
      kind,
      ...(r?.count !== undefined ? { restored: r.count } : {}),
      ...(ref?.count !== undefined ? { reference: ref.count } : {}),
      verdict: "match",
      why: "",
    };
    rows.push(row);
    if (o.ignored(id, kind)) {
      row.verdict = "ignored";
      row.why = o.ignoredWhy?.(id) ?? "in ignore-kinds (churns on its own)";
      continue;
    }
    if (r?.error !== undefined) {
      if (isDecryptionError(r.error) && !o.encryptionConfigGiven) {
        row.verdict = "not checked";
        row.why = "encrypted at rest: give encryption-config to read it";
        encryptedUnchecked.push(id);
      } else {
        row.verdict = "UNREADABLE";
        row.why = `the restored apiserver cannot list it: ${r.error.slice(0, 300)}`;
        failures.push(`${id}: ${row.why}`);
      }
      continue;
    }
    if (!r && failedGroups.has(groupOf(id))) {
      row.verdict = "not checked";
      row.why = "served by an aggregated API server, not stored in etcd";
      continue;
    }
    const notListed = o.referenceNotListed?.get(id);
    if (notListed !== undefined) {
      row.verdict = "not checked";
      row.why = `not in the export: ${notListed}`;
      continue;
    }
    if (ref?.error !== undefined) {
      row.verdict = "not checked";
      row.why = `${o.referenceName} could not be listed: ${ref.error.slice(0, 200)}`;
      continue;
    }
    const a = r?.count ?? 0;
    const b = ref?.count ?? 0;
    if (a === b) {
      row.why = !r ? "" : "";
      continue;
    }
    const diff = a - b;
    const allowed = allowedDifference(o.tolerance, b);
    const what = !r
      ? `the snapshot has no such kind (its CustomResourceDefinition is newer than the snapshot?)`
      : !ref
        ? `${o.referenceName} has no such kind (removed since the snapshot?)`
        : diff < 0
          ? `${-diff} fewer in the snapshot (created after ${o.since ?? "it was taken"}?)`
          : `${diff} more in the snapshot (deleted after ${o.since ?? "it was taken"}?)`;
    if (Math.abs(diff) <= allowed) {
      row.verdict = "within tolerance";
      row.why = `${what}; tolerance allows ${allowed}`;
    } else {
      row.verdict = "DIFFERS";
      row.why = `${what}; tolerance allows ${allowed}`;
      failures.push(
        `${id}: ${a} ${o.restoredName ?? "restored"} vs ${b} in ${o.referenceName} (${what}; tolerance allows ${allowed})`,
      );
    }
  }
  return { rows, failures, encryptedUnchecked };
}

/** ignore-kinds entries match as kubectl names kinds: `leases`, `Lease`, `leases.coordination.k8s.io`. */
export function kindIgnorer(entries: string[]): (id: string, kind: string) => boolean {
  const list = entries.map((e) => e.toLowerCase());
  return (id, kind) => {
    const [resource = "", ...rest] = id.split(".");
    const group = rest.join(".");
    return list.some((e) => {
      const dot = e.indexOf(".");
      const name = dot < 0 ? e : e.slice(0, dot);
      const g = dot < 0 ? undefined : e.slice(dot + 1);
      if (g !== undefined && g !== group && !(g === "core" && group === "")) return false;
      return name === resource || name === kind.toLowerCase();
    });
  };
}
