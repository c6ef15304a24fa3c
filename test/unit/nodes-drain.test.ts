// kubectl drain's pod filters, the eviction body and budget parsing, shell quoting.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError } from "../../src/cluster/client.ts";
import { blockingBudgets, evictionBody } from "../../src/nodes/evict.ts";
import { envPrelude, shellQuote } from "../../src/nodes/executors/executor.ts";
import { describeRefusals, selectPods } from "../../src/nodes/pods-to-evict.ts";
import { matchesLabels, parseLabelSelector } from "../../src/cluster/label-selector.ts";
import { ConfigurationError } from "../../src/core/errors.ts";
import { selects, type Pod } from "../../src/nodes/types.ts";

function pod(
  name: string,
  extra: { owner?: string; phase?: string; emptyDir?: boolean; mirror?: boolean } = {},
): Pod {
  return {
    metadata: {
      name,
      namespace: "ns",
      uid: `uid-${name}`,
      ...(extra.mirror ? { annotations: { "kubernetes.io/config.mirror": "x" } } : {}),
      ...(extra.owner
        ? {
            ownerReferences: [
              {
                apiVersion: extra.owner === "DaemonSet" ? "apps/v1" : "apps/v1",
                kind: extra.owner,
                name: "o",
                uid: "u",
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: extra.emptyDir ? { volumes: [{ name: "v", emptyDir: {} }] } : {},
    status: { phase: extra.phase ?? "Running" },
  };
}

const none = { ignoreDaemonSets: false, deleteEmptyDirData: false, force: false };
const all = { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true };
const exists = () => true;

const cases: {
  name: string;
  pod: Pod;
  options: typeof none;
  dsExists?: boolean;
  want: "evict" | "skip" | "refuse";
  reason?: RegExp;
}[] = [
  { name: "replicated pod", pod: pod("a", { owner: "ReplicaSet" }), options: none, want: "evict" },
  { name: "mirror pod", pod: pod("m", { mirror: true }), options: none, want: "skip", reason: /mirror/ },
  // As kubectl: finished pods are removed whatever owns them, without force
  // or delete-emptydir-data.
  { name: "finished unmanaged pod", pod: pod("f", { phase: "Succeeded" }), options: none, want: "evict" },
  {
    name: "failed pod with emptyDir",
    pod: pod("f", { phase: "Failed", emptyDir: true }),
    options: none,
    want: "evict",
  },
  {
    name: "finished DaemonSet pod",
    pod: pod("f", { phase: "Failed", owner: "DaemonSet" }),
    options: none,
    want: "evict",
  },
  {
    name: "finished mirror pod",
    pod: pod("m", { phase: "Succeeded", mirror: true }),
    options: none,
    want: "skip",
    reason: /mirror/,
  },
  {
    name: "DaemonSet pod, not ignored",
    pod: pod("d", { owner: "DaemonSet" }),
    options: none,
    want: "refuse",
    reason: /ignore-daemonsets/,
  },
  { name: "DaemonSet pod, ignored", pod: pod("d", { owner: "DaemonSet" }), options: all, want: "skip" },
  {
    name: "orphan of a deleted DaemonSet, force",
    pod: pod("d", { owner: "DaemonSet" }),
    options: all,
    dsExists: false,
    want: "evict",
  },
  {
    name: "orphan of a deleted DaemonSet, no force",
    pod: pod("d", { owner: "DaemonSet" }),
    options: none,
    dsExists: false,
    want: "refuse",
    reason: /no longer exists/,
  },
  {
    name: "emptyDir pod",
    pod: pod("e", { owner: "ReplicaSet", emptyDir: true }),
    options: none,
    want: "refuse",
    reason: /delete-emptydir-data/,
  },
  {
    name: "emptyDir pod, allowed",
    pod: pod("e", { owner: "ReplicaSet", emptyDir: true }),
    options: { ...none, deleteEmptyDirData: true },
    want: "evict",
  },
  { name: "unmanaged pod", pod: pod("u"), options: none, want: "refuse", reason: /use force/ },
  { name: "unmanaged pod, force", pod: pod("u"), options: { ...none, force: true }, want: "evict" },
];

for (const c of cases) {
  test(`filter: ${c.name}`, () => {
    const s = selectPods([c.pod], c.options, c.dsExists === false ? () => false : exists);
    const got = s.evict.length ? "evict" : s.skipped.length ? "skip" : "refuse";
    assert.equal(got, c.want);
    if (c.reason) assert.match([...s.skipped, ...s.refused].map((v) => v.reason).join(), c.reason);
  });
}

test("refusals are grouped by reason, naming the pods", () => {
  const s = selectPods([pod("u1"), pod("u2"), pod("d", { owner: "DaemonSet" })], none, exists);
  assert.equal(
    describeRefusals(s.refused),
    "cannot delete Pods that declare no controller (use force to override): ns/u1, ns/u2; cannot delete DaemonSet-managed Pods (use ignore-daemonsets to ignore): ns/d",
  );
});

test("the eviction pins the pod's UID and carries the grace period", () => {
  assert.deepEqual(evictionBody(pod("a"), 5), {
    apiVersion: "policy/v1",
    kind: "Eviction",
    metadata: { name: "a", namespace: "ns" },
    deleteOptions: { gracePeriodSeconds: 5, preconditions: { uid: "uid-a" } },
  });
});

test("the budget is read from a 429's causes", () => {
  const err = new ApiError(
    429,
    "TooManyRequests",
    "Cannot evict pod as it would violate the pod's disruption budget.",
    "POST",
    "/x",
    {
      causes: [
        {
          reason: "DisruptionBudget",
          message: "The disruption budget web-0 needs 2 healthy pods and has 2 currently",
        },
      ],
    },
  );
  assert.deepEqual(blockingBudgets(err), ["web-0"]);
});

test("label selectors as PDBs use them", () => {
  assert.ok(selects({ matchLabels: { app: "a" } }, { app: "a", x: "y" }));
  assert.ok(!selects({ matchLabels: { app: "a" } }, { app: "b" }));
  assert.ok(
    selects({ matchExpressions: [{ key: "tier", operator: "In", values: ["x", "y"] }] }, { tier: "y" }),
  );
  assert.ok(!selects({ matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] }, { tier: "y" }));
});

test("values reach remote shells quoted", () => {
  assert.equal(shellQuote("it's $HOME"), `'it'"'"'s $HOME'`);
  assert.equal(envPrelude({ A: "x y", B: "$(rm -rf /)" }), `export A='x y'\nexport B='$(rm -rf /)'`);
});

// Promise: pod-selector keeps only matching pods out of the drain; pods it
// does not pick are neither evicted, skipped nor refused (kubectl lists only those).
test("pod-selector: only matching pods are considered", () => {
  const labelled = (name: string, labels: Record<string, string>, owner?: string) => {
    const p = pod(name, owner ? { owner } : {});
    p.metadata.labels = labels;
    return p;
  };
  const podSelector = parseLabelSelector("pod-selector", "app in (web,api),tier!=cache");
  const s = selectPods(
    [
      labelled("web", { app: "web" }, "ReplicaSet"),
      labelled("cache", { app: "web", tier: "cache" }, "ReplicaSet"),
      labelled("bare", { app: "other" }),
      labelled("api", { app: "api" }, "ReplicaSet"),
    ],
    { ...none, ...(podSelector ? { podSelector } : {}) },
    exists,
  );
  assert.deepEqual(
    s.evict.map((p) => p.metadata.name),
    ["web", "api"],
  );
  assert.equal(s.refused.length, 0, "the unmanaged pod is not selected, so it does not refuse");
});

// Promise: pods terminating for longer than skip-wait-for-delete-timeout are skipped, as kubectl's skipDeletedFilter.
test("skip-wait-for-delete-timeout skips pods terminating for longer", () => {
  const old = pod("old", { owner: "ReplicaSet" });
  old.metadata.deletionTimestamp = new Date(Date.now() - 120_000).toISOString();
  const recent = pod("recent", { owner: "ReplicaSet" });
  recent.metadata.deletionTimestamp = new Date(Date.now() - 5_000).toISOString();
  const s = selectPods([old, recent], { ...none, skipWaitForDeleteTimeoutMs: 60_000 }, exists);
  assert.deepEqual(
    s.evict.map((p) => p.metadata.name),
    ["recent"],
  );
  assert.match(s.skipped[0]?.reason ?? "", /skip-wait-for-delete-timeout/);
  // Without the option, both are evicted and waited for.
  assert.equal(selectPods([old, recent], none, exists).evict.length, 2);
});

// Promise: label selectors parse as the API server parses them; a bad one is a
// clear error naming the input, the value and the expected form.
const selectorCases: [string, Record<string, string>, boolean][] = [
  ["app=web", { app: "web" }, true],
  ["app==web", { app: "other" }, false],
  ["app!=web", {}, true],
  ["app!=web", { app: "web" }, false],
  ["app in (web, api)", { app: "api" }, true],
  ["app notin (web,api)", { app: "db" }, true],
  ["app notin (web,api)", {}, true],
  ["app", { app: "" }, true],
  ["!app", { app: "x" }, false],
  ["!legacy,app=web", { app: "web" }, true],
  ["example.com/tier=front , app", { "example.com/tier": "front", app: "x" }, true],
  ["replicas>2", { replicas: "3" }, true],
  ["replicas<2", { replicas: "x" }, false],
  ["app=", { app: "" }, true],
];
for (const [text, labels, want] of selectorCases) {
  test(`label selector ${JSON.stringify(text)} on ${JSON.stringify(labels)}`, () => {
    assert.equal(matchesLabels(parseLabelSelector("pod-selector", text), labels), want);
  });
}

test("bad label selectors are clear errors", () => {
  for (const [text, problem] of [
    ["app=we b", /expected a comma/],
    ["app in web", /needs a list in parentheses/],
    ["app in (a,b", /not closed/],
    ["app in ()", /at least one value/],
    ["-app=web", /label key "-app"/],
    ["app=-web", /label value "-web"/],
    ["Example.com/app=x", /prefix must be a DNS subdomain/],
    ["app=web,", /label key is missing/],
    ["replicas>two", /whole number/],
    ["app=web)", /expected a comma/],
  ] as const) {
    assert.throws(
      () => parseLabelSelector("pod-selector", text),
      (e: unknown) =>
        e instanceof ConfigurationError &&
        e.message.startsWith(`input 'pod-selector': got ${JSON.stringify(text)}: `) &&
        problem.test(e.message) &&
        /expected a label selector such as/.test(e.message),
      text,
    );
  }
  assert.equal(parseLabelSelector("pod-selector", "  "), undefined);
});
