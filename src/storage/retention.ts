/**
 * Which snapshots to keep, as a pure function of the list, the policy and
 * the time. A snapshot is kept when any rule keeps it:
 * - keep-last N: the N newest;
 * - keep-daily/weekly/monthly N: the newest snapshot of each of the N most
 *   recent UTC days / ISO weeks / months that have one;
 * - max-age: every snapshot younger than it.
 * The newest verified snapshot is always kept. An empty policy keeps all.
 *
 * A snapshot without metadata (no sidecar) is incomplete: a run interrupted
 * between upload and sidecar, or one writing its sidecar right now. It never
 * takes a slot from a complete snapshot, and it is kept for INCOMPLETE_GRACE
 * after it was stored, so a prune never deletes the snapshot a concurrent run
 * is still finishing; older ones are an interrupted run's leftovers.
 */
export interface RetentionPolicy {
  keepLast?: number;
  maxAgeMs?: number;
  daily?: number;
  weekly?: number;
  monthly?: number;
}

export interface Candidate {
  key: string;
  time: Date;
  verified: boolean;
  /** Has its metadata (sidecar); undefined counts as complete. */
  complete?: boolean;
  /** When S3 stored it, if known (else `time`, when the run started). */
  storedAt?: Date;
}

export const INCOMPLETE_GRACE_MS = 3_600_000;

export interface Decision {
  key: string;
  time: Date;
  keep: boolean;
  reasons: string[];
}

export function policyIsEmpty(p: RetentionPolicy): boolean {
  return !p.keepLast && p.maxAgeMs === undefined && !p.daily && !p.weekly && !p.monthly;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const month = (d: Date) => d.toISOString().slice(0, 7);
function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export function planRetention(snapshots: Candidate[], policy: RetentionPolicy, now: Date): Decision[] {
  const sorted = [...snapshots].sort(
    (a, b) => b.time.getTime() - a.time.getTime() || (a.key < b.key ? 1 : -1),
  );
  const decisions: Decision[] = sorted.map((s) => ({ key: s.key, time: s.time, keep: false, reasons: [] }));
  const keep = (i: number, reason: string) => {
    const d = decisions[i] as Decision;
    d.keep = true;
    d.reasons.push(reason);
  };
  if (policyIsEmpty(policy)) {
    decisions.forEach((_, i) => keep(i, "no retention policy"));
    return decisions;
  }
  // Incomplete snapshots are decided apart and take no slot of the rules below.
  const complete = (s: Candidate) => s.complete !== false;
  sorted.forEach((s, i) => {
    if (complete(s)) return;
    const age = now.getTime() - (s.storedAt ?? s.time).getTime();
    if (age < INCOMPLETE_GRACE_MS) keep(i, "no metadata yet: may be being written");
    else (decisions[i] as Decision).reasons.push("no metadata: an interrupted run's leftover");
  });
  const ranked = sorted.map((s, i) => ({ s, i })).filter(({ s }) => complete(s));
  ranked.forEach(({ s, i }, rank) => {
    if (policy.keepLast && rank < policy.keepLast) keep(i, `last ${policy.keepLast}`);
    if (policy.maxAgeMs !== undefined && now.getTime() - s.time.getTime() < policy.maxAgeMs)
      keep(i, "within max-age");
  });
  const tier = (count: number | undefined, name: string, period: (d: Date) => string) => {
    if (!count) return;
    const seen = new Set<string>();
    ranked.forEach(({ s, i }) => {
      const p = period(s.time);
      if (seen.has(p) || seen.size >= count) return;
      seen.add(p);
      keep(i, `${name} ${p}`);
    });
  };
  tier(policy.daily, "daily", day);
  tier(policy.weekly, "weekly", isoWeek);
  tier(policy.monthly, "monthly", month);
  const newestVerified = sorted.findIndex((s) => s.verified && complete(s));
  if (newestVerified >= 0 && !(decisions[newestVerified] as Decision).keep)
    keep(newestVerified, "newest verified");
  return decisions;
}
