// The version skew policy and the rolling-upgrade plan, as tables of cases.
import assert from "node:assert/strict";
import { test } from "node:test";
import { batchSize, buildPlan, parseMaxUnavailable } from "../../src/nodes/plan.ts";
import { checkNodeUpgradeSkew, checkSkew, parseVersion } from "../../src/nodes/version.ts";

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

test("a replaced pool: a gone node whose replacement is unfinished is planned first, then the pool in name order", () => {
  const plan = buildPlan(
    "v1.35.1",
    "v1.35.1",
    [
      w("blue-c", "v1.34.2"),
      w("blue-a", "v1.34.2"),
      { name: "blue-b", controlPlane: false, kubeletVersion: "v1.34.2", inProgress: true, gone: true },
      w("blue-9f3a1c", "v1.35.1"),
    ],
    { count: 1 },
  );
  assert.deepEqual(
    plan.workers.map((b) => b.node),
    ["blue-b", "blue-a", "blue-c"],
  );
  assert.deepEqual(plan.upToDate, ["blue-9f3a1c"]);
});

// Promise (clear error): upgrade-node refuses an upgrade that breaks the version
// skew policy, naming the versions and the rule, whatever upgrade-plan said.
test("checkNodeUpgradeSkew: one node's upgrade against the control plane's versions", () => {
  const v = (t: string) => parseVersion(t) as NonNullable<ReturnType<typeof parseVersion>>;
  const cp = (oldest: string, newest = oldest) => ({
    oldest: v(oldest),
    newest: v(newest),
    oldestFrom: "the API server's /version",
    newestFrom: newest === oldest ? "the API server's /version" : "kube-apiserver on cp-1",
  });
  const worker = (kubelet: string) => ({ name: "w1", controlPlane: false, kubeletVersion: kubelet });
  const master = (kubelet: string) => ({ name: "cp-2", controlPlane: true, kubeletVersion: kubelet });
  const cases: {
    name: string;
    input: Parameters<typeof checkNodeUpgradeSkew>[0];
    errors: RegExp[];
  }[] = [
    {
      name: "a worker to the control plane's version is fine",
      input: {
        node: worker("v1.34.2"),
        target: "v1.35.4",
        kubeadmAction: "node",
        controlPlane: cp("v1.35.4"),
        allNodes: [],
      },
      errors: [],
    },
    {
      name: "a worker newer than the API server is refused",
      input: {
        node: worker("v1.35.4"),
        target: "v1.36.0",
        kubeadmAction: "node",
        controlPlane: cp("v1.35.4"),
        allNodes: [],
      },
      errors: [
        /worker w1: target v1\.36\.0 is newer than kube-apiserver v1\.35\.4 .*forbids a kubelet newer than the API server/,
      ],
    },
    {
      name: "a worker is held to the oldest API server mid-way through a control-plane upgrade",
      input: {
        node: worker("v1.35.4"),
        target: "v1.36.0",
        kubeadmAction: "node",
        controlPlane: cp("v1.35.4", "v1.36.0"),
        allNodes: [],
      },
      errors: [/newer than kube-apiserver v1\.35\.4/],
    },
    {
      name: "a downgrade is refused",
      input: {
        node: worker("v1.35.4"),
        target: "v1.35.1",
        kubeadmAction: "node",
        controlPlane: cp("v1.35.4"),
        allNodes: [],
      },
      errors: [/kubelet v1\.35\.4 is newer than the target v1\.35\.1: downgrades/],
    },
    {
      name: "apply moves one minor at a time",
      input: {
        node: master("v1.34.2"),
        target: "v1.36.0",
        kubeadmAction: "apply",
        controlPlane: cp("v1.34.2"),
        allNodes: [],
      },
      errors: [
        /skips a minor: kubeadm upgrade apply moves the control plane one minor at a time, so go from v1\.34\.2 .* to v1\.35 first/,
      ],
    },
    {
      name: "apply one minor up is fine",
      input: {
        node: master("v1.34.2"),
        target: "v1.35.1",
        kubeadmAction: "apply",
        controlPlane: cp("v1.34.2"),
        allNodes: [worker("v1.32.0")],
      },
      errors: [],
    },
    {
      name: "apply would leave a kubelet more than three minors behind",
      input: {
        node: master("v1.34.2"),
        target: "v1.35.1",
        kubeadmAction: "apply",
        controlPlane: cp("v1.34.2"),
        allNodes: [worker("v1.31.9")],
      },
      errors: [/node w1: kubelet v1\.31\.9 would be more than 3 minors behind a control plane at v1\.35\.1/],
    },
    {
      name: "apply on a worker is refused",
      input: {
        node: worker("v1.34.2"),
        target: "v1.35.1",
        kubeadmAction: "apply",
        controlPlane: cp("v1.34.2"),
        allNodes: [],
      },
      errors: [
        /worker w1: kubeadm upgrade apply upgrades the control plane and runs on a control-plane node/,
      ],
    },
    {
      name: "upgrade node on a control-plane node before any apply is refused",
      input: {
        node: master("v1.34.2"),
        target: "v1.35.1",
        kubeadmAction: "node",
        controlPlane: cp("v1.34.2"),
        allNodes: [],
      },
      errors: [
        /control-plane node cp-2: kubeadm upgrade node needs the control plane already at v1\.35\.1, but the newest kube-apiserver is v1\.34\.2/,
      ],
    },
    {
      name: "upgrade node on a control-plane node after apply elsewhere is fine",
      input: {
        node: master("v1.34.2"),
        target: "v1.35.1",
        kubeadmAction: "node",
        controlPlane: cp("v1.34.2", "v1.35.1"),
        allNodes: [],
      },
      errors: [],
    },
  ];
  for (const c of cases) {
    const errors = checkNodeUpgradeSkew(c.input);
    assert.equal(errors.length, c.errors.length, `${c.name}: ${errors.join(" | ")}`);
    c.errors.forEach((re, i) => assert.match(errors[i] ?? "", re, c.name));
  }
});
