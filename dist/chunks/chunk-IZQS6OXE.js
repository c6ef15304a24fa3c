import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/storage/retention.ts
var INCOMPLETE_GRACE_MS = 36e5;
var CLOCK_SKEW_MS = 5 * 6e4;
function isFutureDated(time, now) {
  return time.getTime() > now.getTime() + CLOCK_SKEW_MS;
}
function policyIsEmpty(p) {
  return !p.keepLast && p.maxAgeMs === void 0 && !p.daily && !p.weekly && !p.monthly;
}
var day = (d) => d.toISOString().slice(0, 10);
var month = (d) => d.toISOString().slice(0, 7);
function isoWeek(d) {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 864e5 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}
function planRetention(snapshots, policy, now) {
  const sorted = [...snapshots].sort(
    (a, b) => b.time.getTime() - a.time.getTime() || (a.key < b.key ? 1 : -1)
  );
  const decisions = sorted.map((s) => ({ key: s.key, time: s.time, keep: false, reasons: [] }));
  const keep = (i, reason) => {
    const d = decisions[i];
    d.keep = true;
    d.reasons.push(reason);
  };
  if (policyIsEmpty(policy)) {
    decisions.forEach((_, i) => keep(i, "no retention policy"));
    return decisions;
  }
  const future = (s) => isFutureDated(s.time, now);
  const complete = (s) => s.complete !== false && !future(s);
  sorted.forEach((s, i) => {
    if (future(s)) return keep(i, "dated in the future: suspicious, left for a person to check");
    if (complete(s)) return;
    const age = now.getTime() - (s.storedAt ?? s.time).getTime();
    if (age < INCOMPLETE_GRACE_MS) keep(i, "no metadata yet: may be being written");
    else decisions[i].reasons.push("no metadata: an interrupted run's leftover");
  });
  const ranked = sorted.map((s, i) => ({ s, i })).filter(({ s }) => complete(s));
  ranked.forEach(({ s, i }, rank) => {
    if (policy.keepLast && rank < policy.keepLast) keep(i, `last ${policy.keepLast}`);
    if (policy.maxAgeMs !== void 0 && now.getTime() - s.time.getTime() < policy.maxAgeMs)
      keep(i, "within max-age");
  });
  const tier = (count, name, period) => {
    if (!count) return;
    const seen = /* @__PURE__ */ new Set();
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
  if (newestVerified >= 0 && !decisions[newestVerified].keep)
    keep(newestVerified, "newest verified");
  return decisions;
}

export {
  isFutureDated,
  policyIsEmpty,
  planRetention
};
