import assert from "node:assert/strict";
import { test } from "node:test";
import { planRetention, type Candidate, type RetentionPolicy } from "../../src/storage/retention.ts";

const at = (iso: string, verified = true): Candidate => ({ key: iso, time: new Date(iso), verified });
const now = new Date("2026-03-15T12:00:00Z");

// Snapshots every 6 hours for 60 days before `now`.
const series: Candidate[] = [];
for (let t = now.getTime() - 6 * 3_600_000; t > now.getTime() - 60 * 86_400_000; t -= 6 * 3_600_000) {
  series.push(at(new Date(t).toISOString()));
}

interface Case {
  name: string;
  snapshots: Candidate[];
  policy: RetentionPolicy;
  keep: string[] | number;
}

const cases: Case[] = [
  { name: "empty policy keeps everything", snapshots: series, policy: {}, keep: series.length },
  { name: "no snapshots", snapshots: [], policy: { keepLast: 3 }, keep: [] },
  {
    name: "keep-last 2",
    snapshots: [at("2026-03-10T00:00:00Z"), at("2026-03-12T00:00:00Z"), at("2026-03-11T00:00:00Z")],
    policy: { keepLast: 2 },
    keep: ["2026-03-12T00:00:00Z", "2026-03-11T00:00:00Z"],
  },
  {
    name: "keep-last larger than the list keeps all",
    snapshots: [at("2026-03-10T00:00:00Z"), at("2026-03-11T00:00:00Z")],
    policy: { keepLast: 10 },
    keep: 2,
  },
  {
    name: "max-age keeps the younger ones only",
    snapshots: [at("2026-03-15T00:00:00Z"), at("2026-03-14T13:00:00Z"), at("2026-03-13T00:00:00Z")],
    policy: { maxAgeMs: 86_400_000 },
    keep: ["2026-03-15T00:00:00Z", "2026-03-14T13:00:00Z"],
  },
  {
    name: "max-age older than everything still keeps the newest verified",
    snapshots: [at("2026-01-01T00:00:00Z"), at("2026-01-02T00:00:00Z")],
    policy: { maxAgeMs: 86_400_000 },
    keep: ["2026-01-02T00:00:00Z"],
  },
  {
    name: "newest verified survives even when newer unverified ones exist",
    snapshots: [
      at("2026-03-15T00:00:00Z", false),
      at("2026-03-14T00:00:00Z", true),
      at("2026-03-13T00:00:00Z", true),
    ],
    policy: { keepLast: 1 },
    keep: ["2026-03-15T00:00:00Z", "2026-03-14T00:00:00Z"],
  },
  {
    name: "nothing verified: only the rules decide",
    snapshots: [at("2026-03-15T00:00:00Z", false), at("2026-03-14T00:00:00Z", false)],
    policy: { keepLast: 1 },
    keep: ["2026-03-15T00:00:00Z"],
  },
  { name: "daily 7 over a 6-hourly series: one per day", snapshots: series, policy: { daily: 7 }, keep: 7 },
  {
    name: "daily keeps the newest of each day",
    snapshots: [at("2026-03-14T06:00:00Z"), at("2026-03-14T18:00:00Z"), at("2026-03-13T23:59:59Z")],
    policy: { daily: 2 },
    keep: ["2026-03-14T18:00:00Z", "2026-03-13T23:59:59Z"],
  },
  {
    name: "daily counts days with snapshots, skipping gaps",
    snapshots: [at("2026-03-15T01:00:00Z"), at("2026-03-01T01:00:00Z"), at("2026-02-01T01:00:00Z")],
    policy: { daily: 2 },
    keep: ["2026-03-15T01:00:00Z", "2026-03-01T01:00:00Z"],
  },
  {
    name: "weekly uses ISO weeks (Sunday and Monday are different weeks)",
    snapshots: [at("2026-03-09T00:00:00Z"), at("2026-03-08T23:00:00Z"), at("2026-03-08T01:00:00Z")],
    policy: { weekly: 2 },
    keep: ["2026-03-09T00:00:00Z", "2026-03-08T23:00:00Z"],
  },
  { name: "monthly 3 over 60 days spans 3 months", snapshots: series, policy: { monthly: 3 }, keep: 3 },
  {
    name: "tiers overlap: a snapshot kept by several rules counts once",
    snapshots: series,
    policy: { keepLast: 4, daily: 7, weekly: 4, monthly: 12 },
    // 4 last + 5 more days (03-09..03-13) + 3 more weeks (03-08, 03-01, 02-22) + 2 more months (02-28, 01-31).
    keep: 4 + 5 + 3 + 2,
  },
  {
    name: "year boundary: ISO week 2026-W01 starts on 2025-12-29",
    snapshots: [at("2026-01-01T00:00:00Z"), at("2025-12-29T00:00:00Z"), at("2025-12-28T00:00:00Z")],
    policy: { weekly: 1 },
    keep: ["2026-01-01T00:00:00Z"],
  },
];

for (const c of cases) {
  test(`retention: ${c.name}`, () => {
    const decisions = planRetention(c.snapshots, c.policy, now);
    assert.equal(decisions.length, c.snapshots.length);
    const kept = decisions.filter((d) => d.keep).map((d) => d.key);
    if (typeof c.keep === "number") assert.equal(kept.length, c.keep, kept.join("\n"));
    else assert.deepEqual(kept, c.keep);
    for (const d of decisions) assert.equal(d.keep, d.reasons.length > 0, d.key);
  });
}

test("retention: decisions are newest first and say why", () => {
  const d = planRetention(
    [at("2026-03-01T00:00:00Z"), at("2026-03-02T00:00:00Z")],
    { keepLast: 1, daily: 1 },
    now,
  );
  assert.deepEqual(
    d.map((x) => [x.key, x.reasons]),
    [
      ["2026-03-02T00:00:00Z", ["last 1", "daily 2026-03-02"]],
      ["2026-03-01T00:00:00Z", []],
    ],
  );
});

// Promise: nothing lost. A snapshot without metadata never takes a complete
// snapshot's slot, and one S3 stored within the last hour (a concurrent run
// about to write its sidecar) is never deleted.
test("retention: incomplete snapshots take no slot; recent ones are kept, old leftovers go", () => {
  const complete = at("2026-03-15T06:00:00Z");
  const writing: Candidate = {
    key: "2026-03-15T11:00:00Z",
    time: new Date("2026-03-15T11:00:00Z"),
    verified: false,
    complete: false,
    storedAt: new Date("2026-03-15T11:59:00Z"),
  };
  const leftover: Candidate = {
    key: "2026-03-15T09:00:00Z",
    time: new Date("2026-03-15T09:00:00Z"),
    verified: false,
    complete: false,
  };
  const d = planRetention([complete, writing, leftover], { keepLast: 1 }, now);
  assert.deepEqual(
    d.map((x) => [x.key, x.keep, x.reasons]),
    [
      ["2026-03-15T11:00:00Z", true, ["no metadata yet: may be being written"]],
      ["2026-03-15T09:00:00Z", false, ["no metadata: an interrupted run's leftover"]],
      ["2026-03-15T06:00:00Z", true, ["last 1"]],
    ],
  );
});

test("snapshots dated in the future take no slot and are never deleted", () => {
  const real = [at("2026-03-15T06:00:00Z"), at("2026-03-15T00:00:00Z")];
  const forged = ["2099-01-01T00:00:00.001Z", "2099-01-01T00:00:00.002Z", "2099-01-01T00:00:00.003Z"].map(
    (t) => at(t),
  );
  const decisions = planRetention([...real, ...forged], { keepLast: 2 }, now);
  for (const d of decisions) assert.ok(d.keep, `${d.key} kept`);
  const reasons = Object.fromEntries(decisions.map((d) => [d.key, d.reasons.join(", ")]));
  assert.match(reasons["2099-01-01T00:00:00.001Z"] ?? "", /dated in the future/);
  assert.equal(reasons["2026-03-15T06:00:00Z"], "last 2");
  // Within the clock skew (5 minutes) a snapshot counts as usual.
  const ahead = at(new Date(now.getTime() + 60_000).toISOString());
  const d2 = planRetention([...real, ahead], { keepLast: 2 }, now);
  assert.deepEqual(
    d2.filter((d) => d.keep).map((d) => d.key),
    [ahead.key, "2026-03-15T06:00:00Z"],
  );
});
