// The version skew policy and the rolling-upgrade plan, as tables of cases.
import assert from "node:assert/strict";
import { test } from "node:test";
import { batchSize, buildPlan, parseMaxUnavailable } from "../../src/nodes/plan.ts";
import { checkSkew, parseVersion } from "../../src/nodes/version.ts";

test("parseVersion reads kubelet and user spellings", () => {
  assert.deepEqual(parseVersion("v1.34.2"), { major: 1, minor: 34, patch: 2, text: "v1.34.2" });
  assert.equal(parseVersion("1.35")?.patch, 0);
  assert.equal(parseVersion("v1.35.4-kwok")?.minor, 35);
  assert.equal(parseVersion("kwok"), undefined);
});

const cp = (name: string, v: string) => ({ name, controlPlane: true, kubeletVersion: v });
const w = (name: string, v: string) => ({ name, controlPlane: false, kubeletVersion: v });

const skewCases: {
  name: string;
  api: string;
  target: string;
  nodes: ReturnType<typeof cp>[];
  error?: RegExp;
}[] = [
  {
    name: "one minor up",
    api: "v1.34.2",
    target: "v1.35.1",
    nodes: [cp("cp", "v1.34.2"), w("w", "v1.34.2")],
  },
  { name: "patch upgrade", api: "v1.35.0", target: "v1.35.1", nodes: [cp("cp", "v1.35.0")] },
  { name: "same version", api: "v1.35.1", target: "v1.35.1", nodes: [cp("cp", "v1.35.1")] },
  {
    name: "skipping a minor",
    api: "v1.33.5",
    target: "v1.35.1",
    nodes: [],
    error: /skips a minor: .* go to v1\.34 first/,
  },
  {
    name: "downgrade of the API server",
    api: "v1.35.1",
    target: "v1.34.9",
    nodes: [],
    error: /older than the API server's v1\.35\.1: downgrades/,
  },
  {
    name: "downgrade of a kubelet",
    api: "v1.35.0",
    target: "v1.35.1",
    nodes: [w("w", "v1.35.2")],
    error: /node w: kubelet v1\.35\.2 is newer than the target/,
  },
  {
    name: "kubelet newer than API server",
    api: "v1.34.0",
    target: "v1.35.0",
    nodes: [w("w", "v1.35.0")],
    error: /already newer than the API server/,
  },
  {
    name: "worker too far behind",
    api: "v1.34.0",
    target: "v1.35.0",
    nodes: [w("old", "v1.31.9")],
    error: /node old: kubelet v1\.31\.9 would be more than 3 minors behind/,
  },
  { name: "worker three behind is fine", api: "v1.34.0", target: "v1.35.0", nodes: [w("w", "v1.32.0")] },
  {
    name: "control plane two behind",
    api: "v1.34.0",
    target: "v1.35.0",
    nodes: [cp("cp", "v1.33.0")],
    error: /control-plane node cp: kubelet v1\.33\.0 is more than one minor behind/,
  },
  { name: "not a version", api: "v1.34.0", target: "latest", nodes: [], error: /not a version/ },
];

for (const c of skewCases) {
  test(`skew: ${c.name}`, () => {
    const r = checkSkew(c.api, c.target, c.nodes);
    if (c.error) assert.match(r.errors.join("\n"), c.error);
    else assert.deepEqual(r.errors, []);
  });
}

test("max-unavailable takes counts and percentages", () => {
  assert.deepEqual(parseMaxUnavailable("2"), { count: 2 });
  assert.deepEqual(parseMaxUnavailable("25%"), { percent: 25 });
  assert.equal(parseMaxUnavailable("0"), undefined);
  assert.equal(parseMaxUnavailable("150%"), undefined);
  assert.equal(parseMaxUnavailable("two"), undefined);
  assert.equal(batchSize({ percent: 25 }, 10), 2);
  assert.equal(batchSize({ percent: 10 }, 5), 1);
});

test("the plan puts the control plane first, `apply` on the first, workers in batches, skips finished nodes", () => {
  const plan = buildPlan(
    "v1.34.2",
    "v1.35.1",
    [
      cp("cp-2", "v1.34.2"),
      cp("cp-1", "v1.34.2"),
      w("w-1", "v1.34.2"),
      w("w-3", "v1.34.2"),
      w("w-4", "v1.34.2"),
    ],
    { count: 2 },
  );
  assert.deepEqual(plan.errors, []);
  assert.deepEqual(plan.controlPlane, [
    { batch: "control-plane-1", node: "cp-1", role: "control-plane", kubeadm: "apply" },
    { batch: "control-plane-2", node: "cp-2", role: "control-plane", kubeadm: "node" },
  ]);
  assert.deepEqual(
    plan.workers.map((b) => b.node),
    ["w-1,w-3", "w-4"],
  );
});

test("once the API server is at the target, every node runs `kubeadm upgrade node`", () => {
  const plan = buildPlan(
    "v1.35.1",
    "v1.35.1",
    [cp("cp-1", "v1.34.2"), w("w-1", "v1.34.2"), w("w-2", "v1.35.1")],
    {
      count: 1,
    },
  );
  assert.equal(plan.controlPlane[0]?.kubeadm, "node");
  assert.equal(plan.workers.length, 1);
  assert.deepEqual(plan.upToDate, ["w-2"]);
});
