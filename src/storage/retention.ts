/**
 * Which snapshots to keep, as a pure function of the list, the policy and
 * the time. A snapshot is kept when any rule keeps it:
 * - keep-last N: the N newest;
 * - keep-daily/weekly/monthly N: the newest snapshot of each of the N most
 *   recent UTC days / ISO weeks / months that have one;
 * - max-age: every snapshot younger than it.
 * The newest verified snapshot is always kept. An empty policy keeps all.
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
}

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
  sorted.forEach((s, i) => {
    if (policy.keepLast && i < policy.keepLast) keep(i, `last ${policy.keepLast}`);
    if (policy.maxAgeMs !== undefined && now.getTime() - s.time.getTime() < policy.maxAgeMs)
      keep(i, "within max-age");
  });
  const tier = (count: number | undefined, name: string, period: (d: Date) => string) => {
    if (!count) return;
    const seen = new Set<string>();
    sorted.forEach((s, i) => {
      const p = period(s.time);
      if (seen.has(p) || seen.size >= count) return;
      seen.add(p);
      keep(i, `${name} ${p}`);
    });
  };
  tier(policy.daily, "daily", day);
  tier(policy.weekly, "weekly", isoWeek);
  tier(policy.monthly, "monthly", month);
  const newestVerified = sorted.findIndex((s) => s.verified);
  if (newestVerified >= 0 && !(decisions[newestVerified] as Decision).keep)
    keep(newestVerified, "newest verified");
  return decisions;
}
