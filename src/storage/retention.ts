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
 *
 * A snapshot dated after now (beyond CLOCK_SKEW_MS) cannot have been taken
 * yet: its name was forged by whoever could write to the bucket. It takes no
 * slot (three copies dated 2099 would otherwise be "the last 3" and push out
 * every real snapshot) and is never deleted either: it is reported, and a
 * person decides.
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
/** How far ahead of this runner's clock a snapshot may be dated (another runner's clock may run ahead). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** True when `time` is after `now` by more than the clock skew allowed. */
export function isFutureDated(time: Date, now: Date): boolean {
  return time.getTime() > now.getTime() + CLOCK_SKEW_MS;
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
  // Future-dated and incomplete snapshots are decided apart and take no slot of the rules below.
  const future = (s: Candidate) => isFutureDated(s.time, now);
  const complete = (s: Candidate) => s.complete !== false && !future(s);
  sorted.forEach((s, i) => {
    if (future(s)) return keep(i, "dated in the future: suspicious, left for a person to check");
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
