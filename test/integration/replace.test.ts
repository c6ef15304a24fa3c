// upgrade-node's `executor: replace` on kwok node pools whose "provider" is a
// command in the test (test/harness/replace-provider.ts: it deletes the Node
// and, after a delay, creates a replacement with the pool's labels at the new
// kubelet version). Proves: a pool rotated in order with its disruption
// budget never violated; each failure stops with a clear message and the
// documented node state; a run SIGKILLed after the command resumes; with
// replace-surge no pod is ever Pending for lack of a node. The failure cases
// run last: a failed node stops every later rollout to the same target (as it
// should), each pool its own.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { watchEvents } from "../../src/cluster/client.ts";
import { CapabilityFailure, type Result } from "../../src/config/capability.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { toText } from "../../src/report/report.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { upgradePlan } from "../../src/capabilities/upgrade-plan/capability.ts";
import { readProgress } from "../../src/nodes/progress.ts";
import { readRecord, REPLACES_ANNOTATION } from "../../src/nodes/replace/record.ts";
import type { List, Node, Pod } from "../../src/nodes/types.ts";
import { upgradeNode } from "../../src/capabilities/upgrade-node/capability.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { applyAll, type KubeObject } from "../../src/cluster/resources.ts";
import { parseAllDocuments } from "yaml";
import { cancelAsRunner, startStep } from "../harness/action-steps.ts";
import { serviceAccountKubeconfig } from "../harness/kubeconfigs.ts";
import { deployment, namespace, pdb, waitFor, watchAvailable } from "../harness/nodes.ts";
import { useSandbox } from "../harness/sandbox.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const fx = useSandbox({ s3: false });
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-replace-test-"));
const control = path.join(work, "provider.json");
const providerLog = path.join(work, "provider.log");
after(() => fs.rmSync(work, { recursive: true, force: true }));

const FROM = "v1.34.2";
const TARGET = "v1.35.4";
const PROVIDER = `"$NODE_BIN" "${path.join(root, "test", "harness", "replace-provider.ts")}"`;

function provider(c: {
  mode?: string;
  delayMs?: number;
  version?: string;
  cpu?: string;
  pods?: number;
  startupTaintMs?: number;
}) {
  fs.writeFileSync(control, JSON.stringify(c));
}

/** The provider's calls since the log was last cleared: [step, node]. */
function calls(): {
  KUBEKEEP_REPLACE_STEP: string;
  KUBEKEEP_NODE: string;
  inputs: string[];
  [k: string]: unknown;
}[] {
  if (!fs.existsSync(providerLog)) return [];
  return fs
    .readFileSync(providerLog, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ReturnType<typeof calls>[number]);
}

const base = (pool: string) => ({
  "kubeconfig-path": fx.sandbox.kubeconfig,
  "target-version": TARGET,
  executor: "replace",
  "replace-command": PROVIDER,
  "replace-selector": `pool=${pool}`,
  "replace-timeout": "60s",
  "gate-timeout": "30s",
  timeout: "60s",
  "lock-holder": `test-${pool}`,
});

async function upgrade(
  pool: string,
  node: string,
  extra: Record<string, string | undefined> = {},
): Promise<Result> {
  return upgradeNode.run(upgradeNode.parse(fromRecord({ ...base(pool), node, ...extra })), { logger });
}

async function failing(
  pool: string,
  node: string,
  extra: Record<string, string> = {},
): Promise<CapabilityFailure> {
  return upgrade(pool, node, extra).then(
    () => assert.fail(`upgrading ${node} should fail`),
    (e: unknown) => e as CapabilityFailure,
  );
}

async function node(name: string): Promise<Node | undefined> {
  return fx.client.get<Node>(`/api/v1/nodes/${name}`).catch(() => undefined);
}

async function pool(name: string): Promise<Node[]> {
  return (await fx.client.get<List<Node>>("/api/v1/nodes", { labelSelector: `pool=${name}` })).items;
}

interface Row {
  node: string;
  replacement?: string;
  drainMs?: number;
  replaceMs?: number;
  result: string;
}
const rows = (r: Result) => JSON.parse(String(r.outputs.summary)) as Row[];

const poolNodes = (p: string, names: string[], extra: { cpu?: string } = {}) =>
  names.map((n) => ({ name: n, kubeletVersion: FROM, labels: { pool: p }, ...extra }));

// The fixture every test below uses (the provider's environment, a control-plane node at the target): a hook, so one test runs alone by name.
before(async () => {
  await fx.ready();
  process.env.NODE_BIN = process.execPath;
  process.env.KUBECTL = fx.sandbox.info.kubectl;
  process.env.KK_KUBECONFIG = fx.sandbox.kubeconfig;
  process.env.PROVIDER_CONTROL = control;
  process.env.PROVIDER_LOG = providerLog;
  // As on a runner: the action's inputs (a kubeconfig among them) are in kubekeep's environment.
  process.env.INPUT_KUBECONFIG = "apiVersion: v1\nkind: Config # secret";
  await addNodes(fx.client, [{ name: "cp-1", role: "control-plane", kubeletVersion: TARGET }]);
});

test("a three-node pool is rotated in order; its disruption budget is never violated", async (t) => {
  await addNodes(fx.client, poolNodes("blue", ["blue-a", "blue-b", "blue-c"]));
  await namespace(fx.client, "shop");
  await applyAll(fx.client, [deployment("shop", "web", 6), pdb("shop", "web", { maxUnavailable: 1 })]);
  await waitFor("6 web pods Ready and the budget counting them", async () => {
    const b = await fx.client.get<{ status?: { currentHealthy?: number } }>(
      "/apis/policy/v1/namespaces/shop/poddisruptionbudgets/web",
    );
    return (b.status?.currentHealthy ?? 0) >= 6;
  });
  provider({ delayMs: 1500 });
  fs.rmSync(providerLog, { force: true });

  // The plan lists the pool's nodes in order; the jobs run one at a time.
  const plan = await upgradePlan.run(
    upgradePlan.parse(
      fromRecord({
        "kubeconfig-path": fx.sandbox.kubeconfig,
        "target-version": TARGET,
        "node-selector": "pool=blue",
      }),
    ),
    { logger },
  );
  const entries = (JSON.parse(String(plan.outputs["worker-matrix"])) as { include: { node: string }[] })
    .include;
  assert.deepEqual(
    entries.map((e) => e.node),
    ["blue-a", "blue-b", "blue-c"],
  );

  const available = await watchAvailable(fx.client, "shop", "app=web");
  const figures: Row[] = [];
  for (const e of entries) figures.push(...rows(await upgrade("blue", e.node)));
  const lowest = await available.stop();
  assert.ok(
    lowest >= 5,
    `the budget allows one web pod down; at one point only ${lowest} of 6 were available`,
  );

  assert.deepEqual(
    calls().map((c) => `${c.KUBEKEEP_REPLACE_STEP} ${c.KUBEKEEP_NODE}`),
    ["replace blue-a", "replace blue-b", "replace blue-c"],
  );
  const first = calls()[0] as ReturnType<typeof calls>[number];
  assert.deepEqual(first.inputs, [], "the action's INPUT_* variables reach replace-command");
  assert.equal(first.KUBEKEEP_PROVIDER_ID, "");
  assert.match(String(first.KUBEKEEP_NODE_LABELS), /(^|,)pool=blue(,|$)/);
  assert.equal(first.KUBEKEEP_TARGET_VERSION, TARGET);
  assert.equal(first.KUBEKEEP_FROM_VERSION, FROM);

  const now = await pool("blue");
  assert.equal(now.length, 3);
  for (const n of now) {
    assert.equal(n.status?.nodeInfo?.kubeletVersion, TARGET);
    assert.equal(readProgress(n)?.phase, "done");
  }
  for (const f of figures) {
    assert.ok(f.replacement && now.some((n) => n.metadata.name === f.replacement), JSON.stringify(f));
    assert.equal((await node(f.replacement))?.metadata.annotations?.[REPLACES_ANNOTATION], f.node);
    assert.equal((await readRecord(fx.client, "kube-system", f.node))?.state, "done");
    // The provider launches after delayMs; "joined" is when its Node appeared, the rest the wait for Ready and untainted.
    const joined = lines
      .map(
        (l) => new RegExp(`${f.node}: replacement ${f.replacement} joined (\\S+) into the wait`).exec(l)?.[1],
      )
      .find(Boolean);
    t.diagnostic(
      `${f.node} -> ${f.replacement}: drain ${((f.drainMs ?? 0) / 1000).toFixed(1)}s, replace (command to Ready and taking pods at ${TARGET}) ${((f.replaceMs ?? 0) / 1000).toFixed(1)}s, of which the Node joined after ${joined ?? "?"}`,
    );
  }
  for (const old of ["blue-a", "blue-b", "blue-c"]) assert.equal(await node(old), undefined);

  // The same job again (e.g. "re-run all jobs" with the old plan): skipped, nothing replaced twice.
  fs.rmSync(providerLog, { force: true });
  const again = rows(await upgrade("blue", "blue-b"));
  assert.match(again[0]?.result ?? "", /already replaced by blue-/);
  assert.deepEqual(calls(), []);
  // And the plan now has nothing left in the pool.
  const replan = await upgradePlan.run(
    upgradePlan.parse(
      fromRecord({
        "kubeconfig-path": fx.sandbox.kubeconfig,
        "target-version": TARGET,
        "node-selector": "pool=blue",
      }),
    ),
    { logger },
  );
  assert.equal(replan.outputs["has-worker-work"], false);
});

test("a run SIGKILLed after the command is re-run: it finds the replacement and finishes", async () => {
  await addNodes(fx.client, poolNodes("kill", ["kill-1"]));
  provider({ delayMs: 4000 });
  fs.rmSync(providerLog, { force: true });
  const args = Object.entries({ ...base("kill"), node: "kill-1" }).map(([k, v]) => `--${k}=${v}`);
  const child = spawn(process.execPath, [path.join(root, "src", "cli", "main.ts"), "upgrade-node", ...args], {
    stdio: "ignore",
  });
  const exited = new Promise((r) => child.on("exit", r));
  await waitFor(
    "the command recorded as done",
    async () => (await readRecord(fx.client, "kube-system", "kill-1"))?.commanded,
  );
  child.kill("SIGKILL");
  await exited;
  assert.equal(
    (await pool("kill")).some((n) => n.status?.nodeInfo?.kubeletVersion === TARGET),
    false,
  );

  const [row] = rows(await upgrade("kill", "kill-1"));
  assert.match(row?.result ?? "", /replaced by kill-/);
  assert.deepEqual(
    calls().map((c) => `${c.KUBEKEEP_REPLACE_STEP} ${c.KUBEKEEP_NODE}`),
    ["replace kill-1"],
  );
});

/** What the action's steps need in their environment for the test provider (the runner passes a job's env). */
const stepEnv = () => ({
  NODE_BIN: process.execPath,
  KUBECTL: fx.sandbox.info.kubectl,
  KK_KUBECONFIG: fx.sandbox.kubeconfig,
  PROVIDER_CONTROL: control,
  PROVIDER_LOG: providerLog,
});

async function leaseHolder(): Promise<string | null> {
  const lease = await fx.client.get<{ spec: { holderIdentity?: string } }>(
    "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kubekeep-node-maintenance",
  );
  return lease.spec.holderIdentity ?? null;
}

// Promise ("stoppable by cancelling"): the action cancelled as the runner
// cancels (SIGINT, SIGTERM 7.5 s later) stops on the SIGINT, at a point a
// re-run resumes from, with the record and the node saying where it stopped
// and the lock free.
test("cancelled as the runner cancels, while waiting for the replacement: stops on SIGINT, records where; a re-run finishes without running the command again", async (t) => {
  await addNodes(fx.client, poolNodes("stop", ["stop-1"]));
  provider({ delayMs: 8000 });
  fs.rmSync(providerLog, { force: true });
  const inputs = { ...base("stop"), node: "stop-1", "lock-holder": "github:test/runs/7/1/replace" };
  const step = startStep("upgrade-node", inputs, stepEnv());
  await waitFor(
    "the command done and the old node gone",
    async () => (await readRecord(fx.client, "kube-system", "stop-1"))?.commanded && !(await node("stop-1")),
  );
  const t0 = Date.now();
  const sent = cancelAsRunner(step.child);
  const main = await step.done;
  const stoppedMs = Date.now() - t0;
  assert.deepEqual(sent, ["SIGINT"], `it needed the runner's SIGTERM (${stoppedMs} ms):\n${main.output}`);
  assert.equal(main.code, 1, main.output);
  assert.match(main.output, /waiting for stop-1's replacement was cancelled/);
  const r = await readRecord(fx.client, "kube-system", "stop-1");
  assert.equal(r?.state, "replacing");
  assert.equal(r?.commanded, true);
  assert.match(
    r?.detail ?? "",
    /^cancelled after the node left; replace-command ran and no replacement has joined yet: a re-run does not run it again but waits/,
  );
  assert.equal(await leaseHolder(), null);
  assert.equal(main.state["main-finished"], "true");
  const post = await startStep("upgrade-node", inputs, stepEnv(), main.state).done;
  assert.match(post.output, /nothing to clean up/);

  // Re-run: the provider's replacement is waited for; the command is not run twice.
  t.diagnostic(`cancelled: stopped ${stoppedMs} ms after the SIGINT`);
  const [row] = rows(await upgrade("stop", "stop-1"));
  assert.match(row?.result ?? "", /replaced by stop-/);
  assert.deepEqual(
    calls().map((c) => `${c.KUBEKEEP_REPLACE_STEP} ${c.KUBEKEEP_NODE}`),
    ["replace stop-1"],
  );
  assert.equal((await readRecord(fx.client, "kube-system", "stop-1"))?.state, "done");
});

test("cancelled as the runner cancels, while replace-command runs: the command's processes end, the node stays cordoned and drained; a re-run runs the command again", async () => {
  await addNodes(fx.client, poolNodes("halt", ["halt-1"]));
  provider({ mode: "hang" });
  fs.rmSync(providerLog, { force: true });
  const inputs = { ...base("halt"), node: "halt-1", "lock-holder": "github:test/runs/8/1/replace" };
  const step = startStep("upgrade-node", inputs, stepEnv());
  await waitFor("replace-command running", () => Promise.resolve(calls().length === 1));
  const sent = cancelAsRunner(step.child);
  const main = await step.done;
  assert.deepEqual(sent, ["SIGINT"], `it needed the runner's SIGTERM:\n${main.output}`);
  assert.equal(main.code, 1, main.output);
  assert.match(main.output, /replace-command \(replace\) for halt-1 was cancelled/);
  const pid = Number(calls()[0]?.pid);
  assert.throws(() => process.kill(pid, 0), "replace-command's process outlived the cancelled step");
  const n = await node("halt-1");
  assert.equal(n?.spec?.unschedulable, true);
  assert.equal(readProgress(n)?.phase, "cancelled");
  const said =
    /^cancelled during the replacement; left cordoned and drained; replace-command \(replace\) did not finish: a re-run runs it again/;
  assert.match(readProgress(n)?.detail ?? "", said);
  const r = await readRecord(fx.client, "kube-system", "halt-1");
  assert.equal(r?.state, "replacing");
  assert.match(r?.detail ?? "", said);
  assert.equal(r?.commanded, undefined);
  assert.equal(await leaseHolder(), null);

  provider({ delayMs: 500 });
  const [row] = rows(await upgrade("halt", "halt-1"));
  assert.match(row?.result ?? "", /replaced by halt-/);
  assert.deepEqual(
    calls().map((c) => `${c.KUBEKEEP_REPLACE_STEP} ${c.KUBEKEEP_NODE}`),
    ["replace halt-1", "replace halt-1"],
  );
  assert.equal(await node("halt-1"), undefined);
});

/** Records every pod the scheduler could not place (PodScheduled False, Unschedulable) while it runs. */
async function watchUnschedulable(ns: string): Promise<{ stop: () => Promise<string[]> }> {
  const path_ = `/api/v1/namespaces/${ns}/pods`;
  const list = await fx.client.get<List<Pod> & { metadata: { resourceVersion: string } }>(path_);
  const seen = new Set<string>();
  const abort = new AbortController();
  const res = await fx.client.open("GET", path_, {
    query: { watch: 1, resourceVersion: list.metadata.resourceVersion },
    signal: abort.signal,
    timeoutMs: 300_000,
  });
  const done = (async () => {
    try {
      for await (const e of watchEvents<Pod>(res)) {
        const conditions = e.object.status?.conditions as { type: string; status: string; reason?: string }[];
        const c = conditions?.find((x) => x.type === "PodScheduled");
        if (c?.status === "False" && c.reason === "Unschedulable") seen.add(e.object.metadata.name);
      }
    } catch (err) {
      if (!abort.signal.aborted) throw err;
    }
  })();
  return {
    stop: async () => {
      abort.abort();
      await done;
      return [...seen];
    },
  };
}

// The replacements join as on a cloud: Ready a moment before they take pods
// (the cloud controller's uninitialized taint; in the sandbox also the node
// lifecycle controller's not-ready one, lifted after Ready). A run that
// drained at Ready evicted pods into a node the scheduler would not use yet.
test("with replace-surge no pod is ever Pending for lack of a node (without it, some are)", async (t) => {
  // Two full nodes: each fits 3 of the 6 pods (1 CPU, 300m each), so an evicted pod has nowhere to go but a new node.
  await addNodes(fx.client, poolNodes("full", ["full-1", "full-2"], { cpu: "1" }));
  await namespace(fx.client, "batch");
  const d = deployment("batch", "worker", 6);
  const spec = (d.spec as { template: { spec: Record<string, unknown> & { containers: object[] } } }).template
    .spec;
  spec.containers = spec.containers.map((c) => ({ ...c, resources: { requests: { cpu: "300m" } } }));
  spec.nodeSelector = { pool: "full" };
  await applyAll(fx.client, [d]);
  await waitFor("6 worker pods Running", async () => {
    const pods = (await fx.client.get<List<Pod>>("/api/v1/namespaces/batch/pods")).items;
    return pods.filter((p) => p.status?.phase === "Running").length === 6;
  });
  provider({ delayMs: 1500, cpu: "1", startupTaintMs: 2000 });
  fs.rmSync(providerLog, { force: true });

  const surged = await watchUnschedulable("batch");
  const [row] = rows(await upgrade("full", "full-1", { "replace-surge": "true" }));
  const pendingWithSurge = await surged.stop();
  assert.deepEqual(pendingWithSurge, [], "pods Pending for lack of a node with replace-surge");
  assert.deepEqual(
    calls().map((c) => `${c.KUBEKEEP_REPLACE_STEP} ${c.KUBEKEEP_NODE}`),
    ["add full-1", "remove full-1"],
  );
  t.diagnostic(
    `surge: full-1 -> ${row?.replacement}: drain ${((row?.drainMs ?? 0) / 1000).toFixed(1)}s, ${row?.result}`,
  );

  // The same on the other node without surge: the evicted pods wait for the replacement.
  const plain = await watchUnschedulable("batch");
  await upgrade("full", "full-2");
  const pendingWithout = await plain.stop();
  assert.ok(pendingWithout.length > 0, "without surge, evicted pods should have had nowhere to go");
  t.diagnostic(`without surge: ${pendingWithout.length} pods Pending for lack of a node`);
});

test("a failing command stops with its output; the node stays there, cordoned and drained; a re-run replaces it", async () => {
  await addNodes(fx.client, poolNodes("red", ["red-1"]));
  provider({ mode: "fail" });
  const err = await failing("red", "red-1");
  assert.match(err.message, /replace-command \(replace\) for red-1 exited 3: .*AccessDenied/);
  assert.match(err.message, /red-1 is still there, cordoned and drained, and nothing replaced it/);
  const n = await node("red-1");
  assert.equal(n?.spec?.unschedulable, true);
  assert.equal(readProgress(n)?.phase, "failed");
  assert.equal((await readRecord(fx.client, "kube-system", "red-1"))?.state, "failed");

  // The re-run as the minimal RBAC's ServiceAccount (docs/rbac: upgrade-node's
  // file and the replace executor's add-on): enough for a replacement.
  for (const file of ["kubekeep-upgrade-node.yaml", "kubekeep-upgrade-node-replace.yaml"])
    await applyAll(
      fx.client,
      parseAllDocuments(fs.readFileSync(path.join(root, "docs", "rbac", file), "utf8")).map(
        (d) => d.toJS() as KubeObject,
      ),
    );
  const kubeconfig = await serviceAccountKubeconfig(fx, "kube-system", "kubekeep-upgrade-node");
  provider({ delayMs: 500 });
  const [row] = rows(await upgrade("red", "red-1", { "kubeconfig-path": undefined, kubeconfig }));
  assert.match(row?.result ?? "", /replaced by red-/);
  assert.equal(await node("red-1"), undefined);
});

test("a replacement that never comes stops at replace-timeout; the old node is gone; a re-run waits for one", async () => {
  await addNodes(fx.client, poolNodes("green", ["green-1"]));
  provider({ mode: "no-replacement" });
  const err = await failing("green", "green-1", { "replace-timeout": "3s" });
  assert.match(err.message, /no replacement for green-1 joined within 3\.0s \(replace-timeout\)/);
  assert.match(
    err.message,
    /no new node matching replace-selector "pool=green"; the pool has no node now; green-1 is gone/,
  );
  assert.equal(await node("green-1"), undefined);
  assert.equal((await readRecord(fx.client, "kube-system", "green-1"))?.state, "failed");

  // The provider comes through late: the re-run (for the gone name) does not run the command again.
  fs.rmSync(providerLog, { force: true });
  await addNodes(
    fx.client,
    poolNodes("green", ["green-late"]).map((s) => ({ ...s, kubeletVersion: TARGET })),
  );
  const [row] = rows(await upgrade("green", "green-1"));
  assert.equal(row?.replacement, "green-late");
  assert.deepEqual(calls(), []);
});

test("a replacement at the wrong version stops the rollout and is left as it is", async () => {
  await addNodes(fx.client, poolNodes("amber", ["amber-1", "amber-2"]));
  provider({ delayMs: 500, version: FROM });
  const err = await failing("amber", "amber-1");
  assert.match(
    err.message,
    /the replacement (amber-[0-9a-f]+) of amber-1 joined at kubelet v1\.34\.2, not v1\.35\.4/,
  );
  const replacement = /replacement (amber-[0-9a-f]+)/.exec(err.message)?.[1] as string;
  const r = await node(replacement);
  assert.equal(r?.metadata.annotations?.[REPLACES_ANNOTATION], "amber-1");
  assert.notEqual(r?.spec?.unschedulable, true);
  assert.equal(await node("amber-1"), undefined);
  // A new plan of the pool lists amber-1, gone but unfinished, first: its job resumes it (and fails again here).
  const plan = await upgradePlan.run(
    upgradePlan.parse(
      fromRecord({
        "kubeconfig-path": fx.sandbox.kubeconfig,
        "target-version": TARGET,
        "node-selector": "pool=amber",
      }),
    ),
    { logger },
  );
  assert.deepEqual(
    (JSON.parse(String(plan.outputs["worker-matrix"])) as { include: { node: string }[] }).include.map(
      (e) => e.node,
    ),
    // Then the pool in name order: the wrong-version replacement is of the pool, below the target.
    ["amber-1", ...["amber-2", replacement].sort()],
  );
  const planText = toText(plan.report);
  assert.match(planText, /gone, replacement FAILED \(was v1\.34\.2\)/);
  assert.match(
    planText,
    /amber-1: its Node is gone and its replacement \(amber-[0-9a-f]+\) is unfinished: failed: the replacement amber-[0-9a-f]+ of amber-1 joined at kubelet v1\.34\.2/,
  );
  // The next node's job (a "re-run failed jobs", a new run) refuses, though amber-1's Node is gone.
  fs.rmSync(providerLog, { force: true });
  const next = await failing("amber", "amber-2");
  assert.match(
    next.message,
    /node amber-1's replacement \(failed: the replacement amber-[0-9a-f]+ of amber-1 joined at kubelet/,
  );
  assert.match(next.message, /is unfinished for v1\.35\.4: a rollout stops at its first failure/);
  assert.equal((await node("amber-2"))?.spec?.unschedulable, undefined);
  assert.deepEqual(calls(), []);
});

test("an old node that never leaves stops at replace-timeout; it stays cordoned", async () => {
  await addNodes(fx.client, poolNodes("grey", ["grey-1"]));
  provider({ mode: "keep-old", delayMs: 500 });
  const err = await failing("grey", "grey-1", { "replace-timeout": "3s" });
  assert.match(
    err.message,
    /node grey-1 never left: its Node object was still there 3\.0s \(replace-timeout\)/,
  );
  const n = await node("grey-1");
  assert.equal(n?.spec?.unschedulable, true);
  assert.equal(readProgress(n)?.phase, "failed");
});
