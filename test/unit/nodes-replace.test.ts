// The replace executor's pure parts: which node is a replacement, what
// replace-command gets in its environment, the record read back from the
// cluster, its inputs; and the environment every command inherits.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parseLabelSelector } from "../../src/cluster/label-selector.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { inheritedEnv, runShell } from "../../src/core/process.ts";
import { parseReplaceConfig } from "../../src/nodes/replace/config.ts";
import {
  parseRecord,
  recordName,
  REPLACES_ANNOTATION,
  type ReplaceRecord,
} from "../../src/nodes/replace/record.ts";
import { keptOff, pickReplacement, poolTaints, replaceEnv } from "../../src/nodes/replace/replace.ts";
import type { Node } from "../../src/nodes/types.ts";

const selector = parseLabelSelector("replace-selector", "pool=blue") as NonNullable<
  ReturnType<typeof parseLabelSelector>
>;

function node(
  name: string,
  uid: string,
  extra: { labels?: Record<string, string>; claim?: string; created?: string } = {},
): Node {
  return {
    metadata: {
      name,
      uid,
      labels: extra.labels ?? { pool: "blue" },
      creationTimestamp: extra.created ?? "2026-12-07T13:00:00Z",
      ...(extra.claim ? { annotations: { [REPLACES_ANNOTATION]: extra.claim } } : {}),
    },
  };
}

const record: ReplaceRecord = {
  node: "blue-a",
  target: "v1.35.4",
  state: "replacing",
  from: "v1.34.2",
  uid: "u-a",
  pool: ["u-a", "u-b", "u-c"],
  at: "2026-12-07T13:00:00Z",
};

test("the replacement is a new node of the pool, unclaimed or claimed by this rotation, the oldest first", () => {
  const before = [node("blue-a", "u-a"), node("blue-b", "u-b"), node("blue-c", "u-c")];
  const cases: { nodes: Node[]; want: string | undefined; why: string }[] = [
    { nodes: before, want: undefined, why: "no node joined" },
    {
      nodes: [...before, node("red-x", "u-r", { labels: { pool: "red" } })],
      want: undefined,
      why: "another pool",
    },
    {
      nodes: [...before, node("blue-x", "u-x", { claim: "blue-b" })],
      want: undefined,
      why: "claimed by another rotation",
    },
    {
      nodes: [
        ...before,
        node("blue-y", "u-y", { created: "2026-12-07T13:02:00Z" }),
        node("blue-x", "u-x", { created: "2026-12-07T13:01:00Z" }),
      ],
      want: "blue-x",
      why: "the oldest new node",
    },
    {
      nodes: [
        ...before,
        node("blue-x", "u-x"),
        node("blue-z", "u-z", { claim: "blue-a", created: "2026-12-07T14:00:00Z" }),
      ],
      want: "blue-z",
      why: "one already claimed by this rotation",
    },
    { nodes: [node("blue-a", "u-a2")], want: "blue-a", why: "the same name, a new object" },
  ];
  for (const c of cases)
    assert.equal(pickReplacement(c.nodes, record, selector)?.metadata.name, c.want, c.why);
});

test("a Ready replacement takes pods only without taints its pool does not carry, and uncordoned", () => {
  const tainted = (taints: [string, string][], unschedulable?: boolean): Node => ({
    metadata: { name: "blue-x" },
    spec: {
      taints: taints.map(([key, effect]) => ({ key, effect })),
      ...(unschedulable ? { unschedulable } : {}),
    },
  });
  const gpu: [string, string] = ["dedicated", "NoSchedule"];
  const notReady: [string, string] = ["node.kubernetes.io/not-ready", "NoSchedule"];
  const uninit: [string, string] = ["node.cloudprovider.kubernetes.io/uninitialized", "NoSchedule"];
  const cni: [string, string] = ["node.cilium.io/agent-not-ready", "NoSchedule"];
  // The old node's own: what the pool carries, less what Kubernetes manages (its cordon, say).
  assert.deepEqual(
    poolTaints(
      tainted([gpu, uninit, ["node.kubernetes.io/unschedulable", "NoSchedule"], ["x", "PreferNoSchedule"]]),
    ),
    ["dedicated:NoSchedule"],
  );
  const cases: { n: Node; pool: string[] | undefined; want: string[]; why: string }[] = [
    { n: tainted([]), pool: [], want: [], why: "no taint" },
    { n: tainted([gpu]), pool: ["dedicated:NoSchedule"], want: [], why: "the pool's own taint" },
    { n: tainted([gpu]), pool: [], want: ["dedicated:NoSchedule"], why: "a taint the old node lacked" },
    {
      n: tainted([notReady]),
      pool: [],
      want: ["node.kubernetes.io/not-ready:NoSchedule"],
      why: "not-ready, not lifted yet",
    },
    {
      n: tainted([uninit]),
      pool: [],
      want: ["node.cloudprovider.kubernetes.io/uninitialized:NoSchedule"],
      why: "not initialized by the cloud controller",
    },
    {
      n: tainted([cni]),
      pool: [],
      want: ["node.cilium.io/agent-not-ready:NoSchedule"],
      why: "a CNI not ready",
    },
    { n: tainted([["x", "PreferNoSchedule"]]), pool: [], want: [], why: "a preference keeps no pod off" },
    { n: tainted([], true), pool: [], want: ["cordoned"], why: "cordoned" },
    {
      n: tainted([gpu, uninit]),
      pool: undefined,
      want: ["node.cloudprovider.kubernetes.io/uninitialized:NoSchedule"],
      why: "a record without the pool's taints: only Kubernetes' count",
    },
  ];
  for (const c of cases) assert.deepEqual(keptOff(c.n, c.pool), c.want, c.why);
});

test("replace-command gets the node's name, provider ID and labels; values outside the API's forms are refused", () => {
  const n: Node = {
    metadata: {
      name: "ip-10-0-1-2.ec2.internal",
      labels: { "eks.amazonaws.com/nodegroup": "workers", pool: "blue" },
    },
    spec: { providerID: "aws:///eu-west-1a/i-0123456789abcdef0" } as Node["spec"],
  };
  assert.deepEqual(replaceEnv(n, "v1.35.4", "v1.34.2", "replace", selector), {
    KUBEKEEP_NODE: "ip-10-0-1-2.ec2.internal",
    KUBEKEEP_PROVIDER_ID: "aws:///eu-west-1a/i-0123456789abcdef0",
    KUBEKEEP_NODE_LABELS: "eks.amazonaws.com/nodegroup=workers,pool=blue",
    KUBEKEEP_REPLACE_SELECTOR: "pool=blue",
    KUBEKEEP_REPLACE_STEP: "replace",
    KUBEKEEP_TARGET_VERSION: "v1.35.4",
    KUBEKEEP_FROM_VERSION: "v1.34.2",
  });
  const evil = { ...n, spec: { providerID: "aws:///x/$(reboot)" } as Node["spec"] };
  assert.throws(
    () => replaceEnv(evil, "v1.35.4", "v1.34.2", "replace", selector),
    /spec\.providerID .* not passing it/,
  );
  const badLabel = { ...n, metadata: { ...n.metadata, labels: { "a b": "x;y" } } };
  assert.throws(
    () => replaceEnv(badLabel, "v1.35.4", "v1.34.2", "replace", selector),
    /labels not of the API's form/,
  );
});

test("a record read back is used only when it names the node and has the right form", () => {
  const raw = JSON.stringify(record);
  assert.deepEqual(parseRecord("blue-a", raw), record);
  assert.match(parseRecord("blue-b", raw) as string, /about node "blue-a", not blue-b/);
  assert.match(parseRecord("blue-a", "{") as string, /not JSON/);
  assert.match(
    parseRecord("blue-a", JSON.stringify({ ...record, state: "weird" })) as string,
    /state "weird"/,
  );
  assert.match(parseRecord("blue-a", JSON.stringify({ ...record, pool: "u-a" })) as string, /pool/);
  assert.match(
    parseRecord("blue-a", JSON.stringify({ ...record, replacement: "../../x" })) as string,
    /not a node name/,
  );
  assert.match(parseRecord("blue-a", JSON.stringify({ ...record, commanded: "yes" })) as string, /commanded/);
});

test("record names fit the API's limit for any node name", () => {
  assert.equal(recordName("blue-a"), "kubekeep-replace-blue-a");
  const long = recordName(`${"a".repeat(62)}.${"b".repeat(62)}.${"c".repeat(62)}.${"d".repeat(62)}`);
  assert.ok(long.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(long), long);
});

test("executor replace needs its command and a valid selector", () => {
  const parse = (v: Record<string, string>) => parseReplaceConfig(fromRecord(v), 60_000, "ops");
  assert.throws(() => parse({ "replace-selector": "pool=blue" }), /input 'replace-command' is required/);
  assert.throws(() => parse({ "replace-command": "true" }), /input 'replace-selector' is required/);
  assert.throws(
    () => parse({ "replace-command": "true", "replace-selector": "pool in blue" }),
    /input 'replace-selector'/,
  );
  const c = parse({ "replace-command": "true", "replace-selector": "pool=blue", "replace-surge": "true" });
  assert.equal(c.namespace, "ops");
  assert.equal(c.surge, true);
  assert.equal(c.timeoutMs, 20 * 60_000);
  assert.equal(c.commandTimeoutMs, 60_000);
});

test("commands never inherit the action's inputs (INPUT_*)", async () => {
  assert.deepEqual(inheritedEnv({ PATH: "/bin", INPUT_SSH_KEY: "k", input_x: "y", HOME: "/h" }), {
    PATH: "/bin",
    HOME: "/h",
  });
  process.env.INPUT_KUBECONFIG = "secret";
  try {
    const res = await runShell("env | grep -c '^INPUT_' || true", { inherit: "user", timeoutMs: 10_000 });
    assert.equal(res.output.trim(), "0");
  } finally {
    delete process.env.INPUT_KUBECONFIG;
  }
});
