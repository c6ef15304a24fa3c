// Drains against a real control plane with kwok nodes: disruption budgets
// (one at a time, and one that never allows), DaemonSets, emptyDir, unmanaged
// and mirror pods, an already-cordoned node; through the capability, the
// built action and the CLI.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { applyAll } from "../../src/cluster/resources.ts";
import { CapabilityFailure } from "../../src/config/capability.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { drain } from "../../src/capabilities/drain/capability.ts";
import { uncordon } from "../../src/capabilities/uncordon/capability.ts";
import type { Node } from "../../src/nodes/types.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { serviceAccountKubeconfig, writeKubeconfig } from "../harness/kubeconfigs.ts";
import { runBuiltAction, runCli } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";
import {
  barePod,
  deployment,
  mirrorPod,
  namespace,
  pdb,
  placeOn,
  podsOn,
  waitFor,
  watchAvailable,
} from "../harness/nodes.ts";

const fx = useSandbox({ s3: false });
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });

async function runDrain(inputs: Record<string, string>) {
  const cap = drain;
  return cap.run(cap.parse(fromRecord({ "kubeconfig-path": fx.sandbox.kubeconfig, ...inputs })), { logger });
}

/** Deletes the Deployments and waits until their pods are gone, so later tests see only their own (a `t.after` hook: it runs when a test fails too). */
async function removeApps(...apps: string[]): Promise<void> {
  for (const app of apps) {
    await fx.client.delete(`/apis/apps/v1/namespaces/apps/deployments/${app}`, {
      propagationPolicy: "Background",
    });
  }
  await waitFor("pods of removed apps gone", async () => {
    const pods = await fx.client.get<{ items: unknown[] }>("/api/v1/namespaces/apps/pods", {
      labelSelector: `app in (${apps.join(",")})`,
    });
    return pods.items.length === 0;
  });
}

const node = (name: string) => fx.client.get<Node>(`/api/v1/nodes/${name}`);
const appPods = async (name: string) =>
  (await podsOn(fx.client, name)).filter(
    (p) => !p.metadata.ownerReferences?.some((r) => r.kind === "DaemonSet"),
  );

// The fixture every test below uses (nodes and a DaemonSet everywhere): a hook, so one test runs alone by name.
before(async () => {
  await fx.ready();
  await addNodes(fx.client, [
    { name: "cp-1", role: "control-plane" },
    { name: "cp-2", role: "control-plane" },
    ...["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "spare-1", "spare-2"].map((n) => ({
      name: `w-${n}`,
    })),
  ]);
  await namespace(fx.client, "apps");
  await applyAll(fx.client, [
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "agent", namespace: "apps" },
      spec: {
        selector: { matchLabels: { app: "agent" } },
        template: {
          metadata: { labels: { app: "agent" } },
          spec: {
            tolerations: [{ operator: "Exists" }],
            terminationGracePeriodSeconds: 1,
            containers: [{ name: "a", image: "agent:1" }],
          },
        },
      },
    },
  ]);
  await waitFor("DaemonSet pods on every node", async () => (await podsOn(fx.client, "w-a")).length > 0);
});

test("a budget allowing one disruption at a time: pods leave one by one, replacements run elsewhere", async (t) => {
  t.after(() => removeApps("web"));
  await placeOn(
    fx.client,
    "w-a",
    [deployment("apps", "web", 4), pdb("apps", "web", { maxUnavailable: 1 })],
    4,
  );
  await mirrorPod(fx.client, "w-a", "static-thing");
  lines.length = 0;
  const watch = await watchAvailable(fx.client, "apps", "app=web");
  const result = await runDrain({ node: "w-a" });
  // The budget held throughout: never more than one of the four unavailable.
  assert.equal(await watch.stop(), 3);
  assert.equal(result.outputs.evicted, 4);
  assert.equal(result.outputs["drained-nodes"], "w-a");
  // The API server makes an eviction that finds the budget used up either
  // answer 429 (we retry, and name the budget) or wait and retry itself
  // until the controller frees the budget again; which one is timing.
  const blockers = JSON.parse(String(result.outputs.blockers)) as { budgets: string[] }[];
  assert.ok(blockers.every((b) => b.budgets.includes("web")));
  if (blockers.length) assert.ok(lines.some((l) => /eviction refused by budget web/.test(l)));
  assert.equal((await node("w-a")).spec?.unschedulable, true);
  // Only the DaemonSet pod and the mirror pod remain.
  const left = (await podsOn(fx.client, "w-a")).map((p) => p.metadata.name).sort();
  assert.equal(left.length, 2, left.join(","));
  assert.ok(left.includes("static-thing-w-a"));
  // The Deployment is whole again, on other nodes.
  const all = await fx.client.get<{ items: { spec?: { nodeName?: string }; status?: { phase?: string } }[] }>(
    "/api/v1/namespaces/apps/pods",
    { labelSelector: "app=web" },
  );
  assert.equal(
    all.items.filter((p) => p.status?.phase === "Running" && p.spec?.nodeName !== "w-a").length,
    4,
  );
  assert.match(result.report.tables[0]?.rows[0]?.join(" ") ?? "", /w-a drained 4/);
});

test("a budget that never allows: the drain times out naming the pods and the budget", async (t) => {
  t.after(() => removeApps("stuck"));
  await placeOn(
    fx.client,
    "w-b",
    [deployment("apps", "stuck", 2), pdb("apps", "stuck", { minAvailable: 2 })],
    3,
  );
  const err = await runDrain({ node: "w-b", timeout: "4s" }).then(
    () => assert.fail("drain should fail"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof CapabilityFailure, String(err));
  assert.match(
    err.message,
    /drain of w-b timed out after 4\.0s: evictions refused by disruption budgets: apps\/stuck-\S+ \(stuck: /,
  );
  assert.match(toTextRow(err), /stuck/);
  // It says what to check next, and it is a message, not a stack trace.
  assert.match(err.message, /check why those budgets' pods are not all healthy \(kubectl get pdb\)/);
  assert.doesNotMatch(err.message, /\n\s+at /);
  assert.equal((await appPods("w-b")).length, 2);
  // on-timeout: delete escalates past the budget.
  const forced = await runDrain({ node: "w-b", timeout: "3s", "on-timeout": "delete" });
  assert.equal(forced.outputs["drained-nodes"], "w-b");
  assert.equal((await appPods("w-b")).filter((p) => p.metadata.labels?.app === "stuck").length, 0);
  // Its replacements land elsewhere: keep the budget from blocking later drains.
  await fx.client.delete("/apis/policy/v1/namespaces/apps/poddisruptionbudgets/stuck");
});

function toTextRow(err: CapabilityFailure): string {
  return err.result.report.tables.map((t) => t.rows.map((r) => r.join(" ")).join("\n")).join("\n");
}

test("DaemonSet pods refuse the drain unless ignored; nothing is touched on refusal", async (t) => {
  t.after(() => removeApps("small"));
  await placeOn(fx.client, "w-c", [deployment("apps", "small", 1)], 2);
  const err = await runDrain({ node: "w-c", "ignore-daemonsets": "false" }).then(
    () => assert.fail("should refuse"),
    (e: unknown) => e as Error,
  );
  assert.match(
    err.message,
    /cannot drain node w-c: cannot delete DaemonSet-managed Pods \(use ignore-daemonsets to ignore\): apps\/agent-/,
  );
  assert.notEqual((await node("w-c")).spec?.unschedulable, true);
  assert.equal((await appPods("w-c")).filter((p) => p.metadata.labels?.app === "small").length, 1);
  const ok = await runDrain({ node: "w-c" });
  assert.equal(ok.outputs.evicted, 1);
  assert.equal(ok.report.tables[0]?.rows[0]?.[3], "1", "the DaemonSet pod is skipped");
});

test("emptyDir and unmanaged pods follow delete-emptydir-data and force", async (t) => {
  t.after(() => removeApps("cache"));
  await placeOn(
    fx.client,
    "w-d",
    [
      deployment("apps", "cache", 1, { volumes: [{ name: "scratch", emptyDir: {} }] }),
      barePod("apps", "lonely", "w-d"),
    ],
    3,
  );
  const e1 = await runDrain({ node: "w-d" }).then(
    () => assert.fail("should refuse"),
    (e: unknown) => e as Error,
  );
  assert.match(
    e1.message,
    /cannot delete Pods with local storage \(use delete-emptydir-data to override\): apps\/cache-/,
  );
  assert.match(
    e1.message,
    /cannot delete Pods that declare no controller \(use force to override\): apps\/lonely/,
  );
  const e2 = await runDrain({ node: "w-d", "delete-emptydir-data": "true" }).then(
    () => assert.fail("should refuse"),
    (e: unknown) => e as Error,
  );
  assert.doesNotMatch(e2.message, /local storage/);
  assert.match(e2.message, /apps\/lonely/);
  lines.length = 0;
  const ok = await runDrain({ node: "w-d", "delete-emptydir-data": "true", force: "true" });
  assert.equal(ok.outputs.evicted, 2);
  assert.ok(lines.some((l) => /warning: apps\/lonely: deleting Pods that declare no controller/.test(l)));
  assert.equal((await appPods("w-d")).length, 0);
});

test("a node cordoned by someone else stays cordoned after drain and uncordon", async (t) => {
  t.after(() => removeApps("api"));
  await placeOn(fx.client, "w-e", [deployment("apps", "api", 2)], 3);
  await fx.client.mergePatch("/api/v1/nodes/w-e", { spec: { unschedulable: true } });
  const result = await runDrain({ node: "w-e" });
  assert.match(result.report.tables[0]?.rows[0]?.[1] ?? "", /was cordoned before/);
  const un = await uncordon.run(
    uncordon.parse(fromRecord({ "kubeconfig-path": fx.sandbox.kubeconfig, node: "w-e" })),
    { logger },
  );
  assert.equal(un.outputs["left-cordoned"], "w-e");
  assert.equal((await node("w-e")).spec?.unschedulable, true);
  // Ours are uncordoned.
  const back = await uncordon.run(
    uncordon.parse(fromRecord({ "kubeconfig-path": fx.sandbox.kubeconfig, node: "w-a,w-b" })),
    { logger },
  );
  assert.equal(back.outputs.uncordoned, "w-a,w-b");
  assert.notEqual((await node("w-a")).spec?.unschedulable, true);
});

test("the last Ready control-plane node is never drained", async () => {
  const err = await runDrain({ node: "cp-1,cp-2" }).then(
    () => assert.fail("should refuse"),
    (e: unknown) => e as Error,
  );
  assert.match(err.message, /refusing to drain cp-1, cp-2: no other Ready control-plane node would remain/);
});

test("the built action and the CLI drain too", async (t) => {
  // Its pods, evicted from w-f, land on another node: removed after, or a later test's node
  // (pod-selector's w-g) would hold them (seen on a quiet machine: svc-* left on w-g).
  t.after(() => removeApps("svc"));
  await placeOn(fx.client, "w-f", [deployment("apps", "svc", 2)], 3);
  const run = runBuiltAction("drain", { "kubeconfig-path": fx.sandbox.kubeconfig, node: "w-f" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.equal(run.outputs.evicted, "2");
  assert.match(run.summary, /\| w-f \| drained \| 2 \| 1 \|/);
  const cli = runCli(["uncordon", "--kubeconfig-path", fx.sandbox.kubeconfig, "--node", "w-f"]);
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /uncordoned=w-f/);
  const refused = runCli(["drain", "--kubeconfig-path", fx.sandbox.kubeconfig, "--node", "nope"]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /input 'node': no such node "nope"/);
});

/** Sets a pod's phase as its kubelet would when its containers exit. */
async function finish(ns: string, name: string, phase: "Succeeded" | "Failed"): Promise<void> {
  await fx.client.request("PATCH", `/api/v1/namespaces/${ns}/pods/${name}/status`, {
    body: { status: { phase } },
    contentType: "application/merge-patch+json",
  });
}

const podNames = async (nodeName: string) => (await appPods(nodeName)).map((p) => p.metadata.name).sort();

// Promise: pod-selector drains exactly the pods it selects (kubectl's
// --pod-selector): others stay, even one that would refuse the drain
// unselected (an unmanaged pod without force); a bad selector is a clear
// error naming the input before anything is touched.
test("pod-selector: only matching pods are evicted", async (t) => {
  t.after(async () => {
    await fx.client.delete("/api/v1/namespaces/apps/pods/sel-bare").catch(() => {});
    await removeApps("sel-web", "sel-db");
  });
  await placeOn(
    fx.client,
    "w-g",
    [deployment("apps", "sel-web", 2), deployment("apps", "sel-db", 1), barePod("apps", "sel-bare", "w-g")],
    4,
  );
  const bad = await runDrain({ node: "w-g", "pod-selector": "app in sel-web" }).then(
    () => assert.fail("a bad selector should be refused"),
    (e: unknown) => e as Error,
  );
  assert.match(
    bad.message,
    /^input 'pod-selector': got "app in sel-web": 'app in' needs a list in parentheses, e\.g\. \(a,b\); expected a label selector such as/,
  );
  assert.notEqual((await node("w-g")).spec?.unschedulable, true, "nothing touched");
  const result = await runDrain({ node: "w-g", "pod-selector": "app=sel-web" });
  assert.equal(result.outputs.evicted, 2);
  const left = await podNames("w-g");
  assert.equal(left.length, 2, left.join(","));
  assert.ok(left.includes("sel-bare"));
  assert.ok(left.some((n) => n.startsWith("sel-db-")));
  await uncordon.run(uncordon.parse(fromRecord({ "kubeconfig-path": fx.sandbox.kubeconfig, node: "w-g" })), {
    logger,
  });
});

// Promise: finished pods (Succeeded/Failed) do not stay on a drained node: they
// are removed as kubectl removes them, without force or delete-emptydir-data.
test("finished pods are removed, unmanaged or with emptyDir, without force", async () => {
  await applyAll(fx.client, [
    barePod("apps", "done-ok", "w-h", {
      spec: { restartPolicy: "Never", volumes: [{ name: "s", emptyDir: {} }] },
    }),
    barePod("apps", "done-failed", "w-h", { spec: { restartPolicy: "Never" } }),
  ]);
  await waitFor("the two pods Running", async () => {
    const pods = await appPods("w-h");
    return pods.length === 2 && pods.every((p) => p.status?.phase === "Running");
  });
  await finish("apps", "done-ok", "Succeeded");
  await finish("apps", "done-failed", "Failed");
  const result = await runDrain({ node: "w-h", timeout: "60s" });
  assert.equal(result.outputs.evicted, 2);
  assert.deepEqual(await podNames("w-h"), []);
});

// Promise: pods stuck terminating (a finalizer; a dead kubelet) make the drain
// fail at its timeout naming them and the input that helps; with
// skip-wait-for-delete-timeout they are skipped and not waited for (bounded
// time either way).
test("skip-wait-for-delete-timeout: pods stuck terminating are not waited for", async (t) => {
  const held = (name: string) =>
    barePod("apps", name, "w-i", { metadata: { finalizers: ["kubekeep.test/hold"] } });
  t.after(async () => {
    for (const name of ["held-1", "held-2"]) {
      await fx.client
        .mergePatch(`/api/v1/namespaces/apps/pods/${name}`, { metadata: { finalizers: null } })
        .catch(() => {});
    }
  });
  await applyAll(fx.client, [held("held-1")]);
  await waitFor("held-1 Running", async () => (await appPods("w-i")).length === 1);
  const err = await runDrain({ node: "w-i", force: "true", timeout: "4s" }).then(
    () => assert.fail("should time out"),
    (e: unknown) => e as Error,
  );
  assert.match(err.message, /pods still terminating: apps\/held-1/);
  assert.match(err.message, /skip-wait-for-delete-timeout stops waiting for pods stuck terminating/);
  // held-1 is now terminating for good; held-2 will be once evicted.
  await applyAll(fx.client, [held("held-2")]);
  await waitFor("held-2 Running", async () =>
    (await appPods("w-i")).some((p) => p.metadata.name === "held-2" && p.status?.phase === "Running"),
  );
  lines.length = 0;
  const started = Date.now();
  const ok = await runDrain({
    node: "w-i",
    force: "true",
    "skip-wait-for-delete-timeout": "2s",
    timeout: "60s",
  });
  assert.ok(Date.now() - started < 30_000, "not waited for until the timeout");
  assert.equal(ok.outputs.evicted, 1, "held-2 evicted; held-1 skipped");
  assert.ok(lines.some((l) => /apps\/held-2: still terminating after 2\.0s; not waiting for it/.test(l)));
  assert.equal(ok.report.tables[0]?.rows[0]?.[3], "2", "held-1 and the DaemonSet pod are skipped");
});

// Promise: disable-eviction deletes pods instead of evicting them (kubectl's
// --disable-eviction), so a budget that never allows does not hold the drain.
test("disable-eviction deletes pods past a budget that never allows", async (t) => {
  t.after(async () => {
    await fx.client.delete("/apis/policy/v1/namespaces/apps/poddisruptionbudgets/nobudget").catch(() => {});
    await removeApps("nobudget");
  });
  await placeOn(
    fx.client,
    "w-j",
    [deployment("apps", "nobudget", 2), pdb("apps", "nobudget", { minAvailable: 2 })],
    2,
  );
  const result = await runDrain({ node: "w-j", "disable-eviction": "true", timeout: "30s" });
  assert.equal(result.outputs["drained-nodes"], "w-j");
  assert.match(result.report.tables[0]?.rows[0]?.[2] ?? "", /\(2 deleted\)/);
  assert.deepEqual(
    (await appPods("w-j")).filter((p) => p.metadata.labels?.app === "nobudget"),
    [],
  );
});

// Promise: when the API server refuses (RBAC) a drain or an uncordon, the user
// gets one message naming the request and what to check, never a stack trace.
test("API refusals are messages naming what to check, not stack traces", async (t) => {
  t.after(async () => {
    await fx.client.mergePatch("/api/v1/nodes/w-spare-1", { spec: { unschedulable: null } });
    await removeApps("denied");
  });
  await applyAll(fx.client, [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "reader", namespace: "kube-system" } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: "kubekeep-test-reader" },
      // Can look at nodes and pods, but not write to nodes.
      rules: [
        { apiGroups: [""], resources: ["nodes", "pods"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["apps"], resources: ["daemonsets"], verbs: ["get"] },
      ],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "kubekeep-test-reader" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "kubekeep-test-reader" },
      subjects: [{ kind: "ServiceAccount", name: "reader", namespace: "kube-system" }],
    },
  ]);
  await placeOn(fx.client, "w-spare-1", [deployment("apps", "denied", 1)], 2);
  const file = writeKubeconfig(
    fx,
    "reader.yaml",
    await serviceAccountKubeconfig(fx, "kube-system", "reader"),
  );
  const drained = runCli(["drain", "--kubeconfig-path", file, "--node", "w-spare-1", "--lock=false"]);
  assert.equal(drained.status, 1, drained.stdout + drained.stderr);
  assert.match(drained.stderr, /PATCH \/api\/v1\/nodes\/w-spare-1 answered 403 Forbidden/);
  assert.match(drained.stderr, /check its RBAC rules \(docs\/rbac\/ holds one file per capability/);
  assert.doesNotMatch(drained.stderr, /\n\s+at /);
  await fx.client.mergePatch("/api/v1/nodes/w-spare-1", { spec: { unschedulable: true } });
  const un = runCli(["uncordon", "--kubeconfig-path", file, "--node", "w-spare-1", "--force"]);
  assert.equal(un.status, 1, un.stdout + un.stderr);
  assert.match(un.stderr, /uncordon of w-spare-1: PATCH \/api\/v1\/nodes\/w-spare-1 answered 403 Forbidden/);
  assert.doesNotMatch(un.stderr, /\n\s+at /);
});

test("a pod in a namespace being deleted is waited for, as kubectl does, not blamed on RBAC", async () => {
  // Promise (kubectl parity): an eviction refused with 403 NamespaceTerminating means the
  // pod is already going; the drain waits for it to leave (it failed, blaming RBAC).
  const ns = "leaving";
  await namespace(fx.client, ns);
  const hold = { metadata: { finalizers: ["kubekeep.dev/hold"] } };
  await applyAll(fx.client, [barePod(ns, "held", "w-spare-2", hold)]);
  // The namespace stays Terminating while the test looks (its own finalizer), and the pod
  // stays marked deleted until its finalizer goes, as a pod whose containers take their time.
  await fx.client.mergePatch(`/api/v1/namespaces/${ns}`, hold);
  await fx.client.delete(`/api/v1/namespaces/${ns}`);
  await waitFor("the namespace controller marks the pod deleted", async () => {
    const pod = await fx.client.get<{ metadata: { deletionTimestamp?: string } }>(
      `/api/v1/namespaces/${ns}/pods/held`,
    );
    return !!pod.metadata.deletionTimestamp;
  });
  const release = async () => {
    await fx.client.mergePatch(`/api/v1/namespaces/${ns}/pods/held`, { metadata: { finalizers: null } });
  };
  try {
    const drained = runDrain({ node: "w-spare-2", force: "true", timeout: "60s" });
    // The drain has asked to evict it (and been refused) before the pod leaves.
    await waitFor("the eviction tried", () =>
      Promise.resolve(lines.some((l) => l.includes("evicting 1 pods from w-spare-2"))),
    );
    await new Promise((r) => setTimeout(r, 1500));
    await release();
    const result = await drained;
    assert.equal(result.outputs.evicted, 1, JSON.stringify(result.outputs));
    assert.ok(!lines.some((l) => /RBAC/.test(l)), lines.join("\n"));
  } finally {
    await release().catch(() => {});
    await fx.client
      .mergePatch(`/api/v1/namespaces/${ns}`, { metadata: { finalizers: null } })
      .catch(() => {});
    await fx.client.mergePatch("/api/v1/nodes/w-spare-2", { spec: { unschedulable: null } });
  }
});
