// kubectl drain's pod filters, the eviction body and budget parsing, shell quoting.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ApiError } from "../../src/cluster/client.ts";
import { blockingBudgets, evictionBody } from "../../src/nodes/evict.ts";
import { envPrelude, shellQuote } from "../../src/nodes/executors/executor.ts";
import { describeRefusals, selectPods } from "../../src/nodes/pods-to-evict.ts";
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
  {
    name: "finished pod",
    pod: pod("f", { phase: "Succeeded" }),
    options: none,
    want: "skip",
    reason: /finished/,
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
