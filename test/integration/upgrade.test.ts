// Rolling upgrades on 3 control-plane + 5 worker kwok nodes with the
// `command` executor (the command bumps the simulated kubelet version):
// plan, a failure mid-way that stops with later nodes untouched, a re-run
// that resumes, lock contention, and the node24 action run from the built
// bundle (its outputs, its cancel path and its post step).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { CapabilityFailure, type Result } from "../../src/config/capability.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { upgradePlan } from "../../src/nodes/plan-capability.ts";
import { PROGRESS_ANNOTATION, readProgress } from "../../src/nodes/progress.ts";
import { upgradeNode } from "../../src/nodes/upgrade-capability.ts";
import type { List, Node } from "../../src/nodes/types.ts";
import { addNodes, setKubeletVersion } from "../../src/sandbox/nodes.ts";
import YAML from "yaml";
import { startStep } from "../harness/action-steps.ts";
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
} from "../harness/nodes.ts";

const fx = useSandbox({ s3: false });
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-upgrade-test-"));
const failFile = path.join(work, "fail-nodes");
const ranFile = path.join(work, "ran");
const TARGET = "v1.35.4";
after(() => fs.rmSync(work, { recursive: true, force: true }));

// The stand-in for a node upgrade: fail when asked to, else report the new kubelet version.
const COMMAND = `set -e
echo "$KUBEKEEP_NODE $KUBEKEEP_NODE_ROLE $KUBEKEEP_KUBEADM_ACTION $KUBEKEEP_FROM_VERSION->$KUBEKEEP_TARGET_VERSION" >> "$RAN_FILE"
if grep -qx "$KUBEKEEP_NODE" "$FAIL_FILE" 2>/dev/null; then echo "package install failed on $KUBEKEEP_NODE" >&2; exit 3; fi
"$KUBECTL" --kubeconfig "$KK_KUBECONFIG" patch node "$KUBEKEEP_NODE" --subresource=status --type=merge \\
  -p "{\\"status\\":{\\"nodeInfo\\":{\\"kubeletVersion\\":\\"$KUBEKEEP_TARGET_VERSION\\"}}}" >/dev/null
echo "upgraded $KUBEKEEP_NODE"`;

const base = () => ({
  "kubeconfig-path": fx.sandbox.kubeconfig,
  "target-version": TARGET,
  executor: "command",
  "upgrade-command": COMMAND,
  "gate-timeout": "30s",
  timeout: "60s",
});

const env = () => ({
  RAN_FILE: ranFile,
  FAIL_FILE: failFile,
  KUBECTL: fx.sandbox.info.kubectl,
  KK_KUBECONFIG: fx.sandbox.kubeconfig,
});

async function plan(): Promise<{
  cp: { node: string; kubeadm: string }[];
  workers: { node: string; kubeadm: string }[];
  result: Result;
}> {
  const result = await upgradePlan.run(upgradePlan.parse(fromRecord({ ...base(), "max-unavailable": "2" })), {
    logger,
  });
  const m = (k: string) =>
    (JSON.parse(String(result.outputs[k])) as { include: { node: string; kubeadm: string }[] }).include;
  return { cp: m("control-plane-matrix"), workers: m("worker-matrix"), result };
}

async function upgrade(node: string, extra: Record<string, string> = {}): Promise<Result> {
  return upgradeNode.run(upgradeNode.parse(fromRecord({ ...base(), node, ...extra })), { logger });
}

async function nodes(): Promise<Map<string, Node>> {
  const list = await fx.client.get<List<Node>>("/api/v1/nodes");
  return new Map(list.items.map((n) => [n.metadata.name, n]));
}

const kubelet = (n: Node | undefined) => n?.status?.nodeInfo?.kubeletVersion;

// The fixture every test below uses (3 control-plane + 5 worker nodes at v1.34.2 with static pods and a budgeted workload): a hook, so one test runs alone by name.
before(async () => {
  await fx.ready();
  Object.assign(process.env, env());
  await addNodes(fx.client, [
    ...[1, 2, 3].map((i) => ({ name: `cp-${i}`, role: "control-plane" as const, kubeletVersion: "v1.34.2" })),
    ...[1, 2, 3, 4, 5].map((i) => ({ name: `worker-${i}`, kubeletVersion: "v1.34.2" })),
  ]);
  for (const i of [1, 2, 3]) {
    await mirrorPod(fx.client, `cp-${i}`, "kube-apiserver");
    await mirrorPod(fx.client, `cp-${i}`, "etcd");
  }
  await namespace(fx.client, "shop");
  // A node outside the rolling set to be the upgrade-node action's and the lock's subject.
  await placeOn(
    fx.client,
    "worker-1",
    [deployment("shop", "web", 6), pdb("shop", "web", { maxUnavailable: 1 })],
    6,
  );
});

test("the plan checks skew, orders the control plane first and preflights each batch", async () => {
  const bad = await upgradePlan
    .run(upgradePlan.parse(fromRecord({ ...base(), "target-version": "v1.37.0" })), { logger })
    .then(
      () => assert.fail("should fail"),
      (e: unknown) => e as CapabilityFailure,
    );
  assert.match(bad.message, /skips a minor/);
  const { cp, workers, result } = await plan();
  assert.deepEqual(cp, [
    { batch: "control-plane-1", node: "cp-1", role: "control-plane", kubeadm: "node" },
    { batch: "control-plane-2", node: "cp-2", role: "control-plane", kubeadm: "node" },
    { batch: "control-plane-3", node: "cp-3", role: "control-plane", kubeadm: "node" },
  ]);
  assert.deepEqual(
    workers.map((w) => w.node),
    ["worker-1,worker-2", "worker-3,worker-4", "worker-5"],
  );
  const preflight = JSON.parse(String(result.outputs.preflight)) as {
    batch: string;
    ok: boolean;
    pods: number;
  }[];
  assert.ok(
    preflight.every((p) => p.ok),
    JSON.stringify(preflight),
  );
  assert.equal(preflight.find((p) => p.batch === "workers-1")?.pods, 6);
});

test("a failure mid-way stops there: later nodes untouched; a re-run skips finished nodes and resumes", async () => {
  fs.writeFileSync(failFile, "worker-3\n");
  const { cp, workers } = await plan();
  let failure: CapabilityFailure | undefined;
  for (const entry of [...cp, ...workers]) {
    try {
      await upgrade(entry.node, { "kubeadm-action": entry.kubeadm });
    } catch (err) {
      failure = err as CapabilityFailure; // fail-fast: the matrix stops here
      break;
    }
  }
  assert.ok(failure instanceof CapabilityFailure, String(failure));
  assert.match(
    failure.message,
    /upgrade command for worker-3 exited 3: .*package install failed on worker-3/,
  );
  let state = await nodes();
  for (const n of ["cp-1", "cp-2", "cp-3", "worker-1", "worker-2"]) {
    assert.equal(kubelet(state.get(n)), TARGET, n);
    assert.equal(readProgress(state.get(n) as Node)?.phase, "done", n);
    assert.notEqual(state.get(n)?.spec?.unschedulable, true, `${n} uncordoned`);
  }
  const w3 = readProgress(state.get("worker-3") as Node);
  assert.equal(w3?.phase, "failed");
  assert.equal(w3?.reached, "drained");
  assert.equal(state.get("worker-3")?.spec?.unschedulable, true, "a failed node stays cordoned");
  for (const n of ["worker-5"]) {
    assert.equal(kubelet(state.get(n)), "v1.34.2");
    assert.equal(state.get(n)?.metadata.annotations?.[PROGRESS_ANNOTATION], undefined, `${n} untouched`);
    assert.notEqual(state.get(n)?.spec?.unschedulable, true);
  }
  // The Deployment is whole on the remaining nodes.
  await waitFor("web back to 6 Running", async () => {
    const pods = await fx.client.get<{ items: { status?: { phase?: string } }[] }>(
      "/api/v1/namespaces/shop/pods",
      { labelSelector: "app=web" },
    );
    return pods.items.filter((p) => p.status?.phase === "Running").length === 6;
  });

  // Fix the cause and re-run the whole workflow: the plan leaves finished nodes out.
  fs.rmSync(failFile);
  fs.writeFileSync(ranFile, "");
  const again = await plan();
  assert.deepEqual(again.cp, []);
  assert.deepEqual(
    again.workers.map((w) => w.node),
    ["worker-3,worker-4", "worker-5"],
  );
  lines.length = 0;
  for (const entry of again.workers) await upgrade(entry.node);
  assert.ok(
    lines.some((l) => /worker-3: resuming: last recorded phase failed/.test(l)),
    lines.join("\n"),
  );
  // worker-4 had finished its upgrade in the failed batch: not run again.
  assert.deepEqual(
    fs
      .readFileSync(ranFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(" ")[0])
      .sort(),
    ["worker-3", "worker-5"],
  );
  state = await nodes();
  for (const [name, n] of state) {
    assert.equal(kubelet(n), TARGET, name);
    assert.notEqual(n.spec?.unschedulable, true, name);
    assert.equal(readProgress(n)?.phase, "done", name);
  }
  // Re-running a finished node is a no-op.
  const noop = await upgrade("worker-1");
  assert.equal(noop.outputs.skipped, "worker-1");
});

test("lock contention: another holder's Lease stops the upgrade before anything is touched", async () => {
  const now = new Date()
    .toISOString()
    .replace("Z", "000Z")
    .replace(/\.(\d{3})000Z$/, ".$1000Z");
  await fx.client
    .post("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: "kubekeep-node-maintenance", namespace: "kube-system" },
      spec: {
        holderIdentity: "github:acme/infra/runs/77/1/upgrade",
        leaseDurationSeconds: 600,
        acquireTime: now,
        renewTime: now,
      },
    })
    .catch(async () => {
      const lease = await fx.client.get<{ metadata: object; spec: object }>(
        "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kubekeep-node-maintenance",
      );
      await fx.client.put(
        "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kubekeep-node-maintenance",
        {
          ...lease,
          spec: {
            holderIdentity: "github:acme/infra/runs/77/1/upgrade",
            leaseDurationSeconds: 600,
            acquireTime: now,
            renewTime: now,
          },
        },
      );
    });
  await fx.client.mergePatch("/api/v1/nodes/worker-5", {
    metadata: { annotations: { [PROGRESS_ANNOTATION]: null } },
  });
  await fx.client.request("PATCH", "/api/v1/nodes/worker-5/status", {
    body: { status: { nodeInfo: { kubeletVersion: "v1.34.2" } } },
    contentType: "application/merge-patch+json",
  });
  const err = await upgrade("worker-5", { "target-version": TARGET }).then(
    () => assert.fail("should fail"),
    (e: unknown) => e as Error,
  );
  assert.match(
    err.message,
    /another node maintenance holds the lock \(Lease kube-system\/kubekeep-node-maintenance\): holder "github:acme\/infra\/runs\/77\/1\/upgrade"/,
  );
  const n = (await nodes()).get("worker-5");
  assert.notEqual(n?.spec?.unschedulable, true);
  assert.equal(kubelet(n), "v1.34.2");
  // Waiting works once the other holder lets go.
  setTimeout(() => {
    void fx.client
      .get<{ metadata: object; spec: object }>(
        "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kubekeep-node-maintenance",
      )
      .then((lease) =>
        fx.client.put(
          "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kubekeep-node-maintenance",
          {
            ...lease,
            spec: { ...lease.spec, holderIdentity: null },
          },
        ),
      );
  }, 1500);
  const ok = await upgrade("worker-5", { "lock-wait": "30s" });
  assert.equal(
    (JSON.parse(String(ok.outputs.summary)) as { node: string; result: string }[])
      .map((r) => `${r.node}: ${r.result}`)
      .join(),
    "worker-5: upgraded",
  );
  assert.ok(lines.some((l) => /waiting for the lock, held by github:acme/.test(l)));
});

/** Puts a node back at the old version with no progress, as if never upgraded. */
async function reset(name: string): Promise<void> {
  await fx.client.mergePatch(`/api/v1/nodes/${name}`, {
    metadata: { annotations: { [PROGRESS_ANNOTATION]: null } },
  });
  await setKubeletVersion(fx.client, name, "v1.34.2");
}

const leaseHolder = async () =>
  (
    await fx.client.get<{ spec: { holderIdentity?: string | null } }>(
      "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kubekeep-node-maintenance",
    )
  ).spec.holderIdentity ?? null;

test("the upgrade-node action (node24, from the built bundle): outputs exactly as declared, the summary with the drain data", async () => {
  // Promise: the action's outputs are exactly those action.yml declares and
  // the summary keeps the drain's figures; the inputs arrive as INPUT_*
  // (no step environment holding them all), on the runner's Node 24.
  const manifest = YAML.parse(
    fs.readFileSync(
      path.join(import.meta.dirname, "..", "..", "actions", "upgrade-node", "action.yml"),
      "utf8",
    ),
  ) as { runs: Record<string, string>; outputs: Record<string, unknown> };
  assert.deepEqual(
    [manifest.runs.using, manifest.runs.main, manifest.runs.post, manifest.runs["post-if"]],
    [
      "node24",
      "../../dist/actions/upgrade-node.js",
      "../../dist/actions/upgrade-node.js",
      "cancelled() || failure()",
    ],
  );
  await reset("worker-4");
  await placeOn(fx.client, "worker-4", [deployment("shop", "api", 2)], 2);
  const onNode = (await podsOn(fx.client, "worker-4")).length;
  assert.ok(onNode >= 2);
  const inputs = { ...base(), node: "worker-4", "lock-holder": "github:test/runs/1/1/upgrade" };
  const main = await startStep("upgrade-node", inputs, env()).done;
  assert.equal(main.code, 0, main.output);
  assert.deepEqual(Object.keys(main.outputs).sort(), Object.keys(manifest.outputs).sort());
  const summary = JSON.parse(main.outputs.summary ?? "[]") as {
    node: string;
    before: string;
    after: string;
    evicted?: number;
    drainMs?: number;
    result: string;
  }[];
  assert.equal(summary.length, 1);
  const row = summary[0] as (typeof summary)[number];
  assert.deepEqual(
    [row.node, row.before, row.after, row.evicted, row.result],
    ["worker-4", "v1.34.2", TARGET, onNode, "upgraded"],
  );
  assert.equal(typeof row.drainMs, "number");
  assert.equal(main.outputs.evicted, String(onNode));
  assert.match(
    main.summary,
    new RegExp(`\\| worker-4 \\| worker \\| v1\\.34\\.2 \\| v1\\.35\\.4 \\| ${onNode} \\|`),
  );
  // Each stage is a section of the log.
  for (const stage of [
    "checks before the drain",
    "drain worker-4",
    "upgrade worker-4",
    "verify worker-4",
    "uncordon worker-4",
  ])
    assert.ok(main.output.includes(`::group::${stage}`), `${stage}: ${main.output}`);
  // The post step after a main step that finished: nothing to do.
  const post = await startStep("upgrade-node", inputs, env(), main.state).done;
  assert.equal(post.code, 0, post.output);
  assert.match(post.output, /nothing to clean up/);
  assert.equal(readProgress((await nodes()).get("worker-4") as Node)?.phase, "done");
});

test("the action cancelled (SIGINT, as the runner sends) records where it stopped and frees the lock; killed, its post step does", async () => {
  // Promise: nothing half-written after a cancel: the node's state says
  // where it stopped and the lock is free, whether the main step handled the
  // signal itself or was killed and the post step had to.
  const pidFile = path.join(work, "upgrade-pid");
  const inputs = {
    ...base(),
    node: "worker-4",
    "lock-holder": "github:test/runs/2/1/upgrade",
    "upgrade-command": `echo $$ > ${pidFile}; exec sleep 60`,
  };
  const upgrading = async () => readProgress((await nodes()).get("worker-4") as Node)?.phase === "upgrading";

  await reset("worker-4");
  const cancelled = startStep("upgrade-node", inputs, env());
  await waitFor("the upgrade running", upgrading);
  const t0 = Date.now();
  cancelled.child.kill("SIGINT");
  const main = await cancelled.done;
  assert.ok(Date.now() - t0 < 10_000, "stops promptly");
  assert.equal(main.code, 1, main.output);
  let p = readProgress((await nodes()).get("worker-4") as Node);
  assert.equal(p?.phase, "cancelled", main.output);
  assert.match(p?.detail ?? "", /cancelled during upgrading; left cordoned/);
  assert.equal(await leaseHolder(), null);
  const command = Number(fs.readFileSync(pidFile, "utf8"));
  assert.throws(() => process.kill(command, 0), "the upgrade command was ended with the step");
  assert.equal(main.state["main-finished"], "true");
  const post = await startStep("upgrade-node", inputs, env(), main.state).done;
  assert.match(post.output, /nothing to clean up/);

  // Killed before it could record anything: the post step records the cancel and frees the lock.
  await reset("worker-4");
  await fx.client.mergePatch("/api/v1/nodes/worker-4", { spec: { unschedulable: null } });
  const killed = startStep("upgrade-node", inputs, env());
  await waitFor("the upgrade running", upgrading);
  assert.equal(await leaseHolder(), "github:test/runs/2/1/upgrade");
  killed.child.kill("SIGKILL");
  const dead = await killed.done;
  try {
    process.kill(-Number(fs.readFileSync(pidFile, "utf8")), "SIGKILL"); // the runner kills the process tree
  } catch {
    // gone already
  }
  assert.equal(dead.state["main-finished"], undefined);
  const cleanup = await startStep("upgrade-node", inputs, env(), dead.state).done;
  assert.equal(cleanup.code, 0, cleanup.output);
  p = readProgress((await nodes()).get("worker-4") as Node);
  assert.equal(p?.phase, "cancelled", cleanup.output);
  assert.equal(await leaseHolder(), null);

  // A re-run resumes it.
  await upgrade("worker-4");
  assert.equal(readProgress((await nodes()).get("worker-4") as Node)?.phase, "done");
});

test("gates: a node that does not come back at the target, or a failing health command, stops before the uncordon", async () => {
  await fx.client.mergePatch("/api/v1/nodes/worker-5", {
    metadata: { annotations: { [PROGRESS_ANNOTATION]: null } },
  });
  await fx.client.request("PATCH", "/api/v1/nodes/worker-5/status", {
    body: { status: { nodeInfo: { kubeletVersion: "v1.34.2" } } },
    contentType: "application/merge-patch+json",
  });
  const e1 = await upgrade("worker-5", { "upgrade-command": "echo pretending", "gate-timeout": "2s" }).then(
    () => assert.fail("should fail"),
    (e: unknown) => e as Error,
  );
  assert.match(
    e1.message,
    /node worker-5 did not pass its gates within 2\.0s: node worker-5 reports kubelet v1\.34\.2, not v1\.35\.4/,
  );
  let n = (await nodes()).get("worker-5") as Node;
  assert.deepEqual(
    [readProgress(n)?.phase, readProgress(n)?.reached, n.spec?.unschedulable],
    ["failed", "upgraded", true],
  );

  const e2 = await upgrade("worker-5", {
    "health-command": 'echo "checkout is down for $KUBEKEEP_NODE"; exit 1',
    "gate-timeout": "2s",
  }).then(
    () => assert.fail("should fail"),
    (e: unknown) => e as Error,
  );
  assert.match(e2.message, /health command exited 1: checkout is down for worker-5/);
  assert.equal((await nodes()).get("worker-5")?.spec?.unschedulable, true);

  fs.writeFileSync(ranFile, "");
  await upgrade("worker-5", { "health-command": "true" });
  n = (await nodes()).get("worker-5") as Node;
  assert.deepEqual([readProgress(n)?.phase, n.spec?.unschedulable, kubelet(n)], ["done", undefined, TARGET]);
  // The upgrade itself had already succeeded: not run a third time.
  assert.equal(fs.readFileSync(ranFile, "utf8"), "");
});

test("an interrupted upgrade (SIGTERM) records where it stopped, leaves the node cordoned and frees the lock", async () => {
  await fx.client.mergePatch("/api/v1/nodes/worker-3", {
    metadata: { annotations: { [PROGRESS_ANNOTATION]: null } },
  });
  await fx.client.request("PATCH", "/api/v1/nodes/worker-3/status", {
    body: { status: { nodeInfo: { kubeletVersion: "v1.34.2" } } },
    contentType: "application/merge-patch+json",
  });
  const child = spawn(
    process.execPath,
    [
      path.join(import.meta.dirname, "..", "..", "src", "cli", "main.ts"),
      "upgrade-node",
      "--kubeconfig-path",
      fx.sandbox.kubeconfig,
      "--node",
      "worker-3",
      "--target-version",
      TARGET,
      "--upgrade-command",
      "sleep 60",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  await waitFor(
    "the upgrade step running",
    async () => readProgress((await nodes()).get("worker-3") as Node)?.phase === "upgrading",
  );
  const t0 = Date.now();
  child.kill("SIGTERM");
  const code = await exited;
  assert.ok(Date.now() - t0 < 10_000, "stops promptly");
  assert.equal(code, 1, out);
  const n = (await nodes()).get("worker-3") as Node;
  const p = readProgress(n);
  assert.equal(p?.phase, "cancelled", out);
  assert.match(p?.detail ?? "", /left cordoned/);
  assert.equal(n.spec?.unschedulable, true);
  const lease = await fx.client.get<{ spec: { holderIdentity?: string } }>(
    "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kubekeep-node-maintenance",
  );
  assert.equal(lease.spec.holderIdentity ?? null, null);
  // A re-run resumes it.
  await upgrade("worker-3");
  assert.equal(readProgress((await nodes()).get("worker-3") as Node)?.phase, "done");
});

test("the preflight fails a batch that could never drain, naming the budget and the refused pods", async () => {
  await fx.client.request("PATCH", "/api/v1/nodes/worker-2/status", {
    body: { status: { nodeInfo: { kubeletVersion: "v1.34.2" } } },
    contentType: "application/merge-patch+json",
  });
  await placeOn(
    fx.client,
    "worker-2",
    [
      deployment("shop", "frozen", 2),
      pdb("shop", "frozen", { minAvailable: 2 }),
      barePod("shop", "pet", "worker-2"),
    ],
    3,
  );
  await waitFor("the budget's status", async () => {
    const b = await fx.client.get<{ status?: { expectedPods?: number } }>(
      "/apis/policy/v1/namespaces/shop/poddisruptionbudgets/frozen",
    );
    return b.status?.expectedPods === 2;
  });
  const err = await upgradePlan.run(upgradePlan.parse(fromRecord(base())), { logger }).then(
    () => assert.fail("should fail"),
    (e: unknown) => e as CapabilityFailure,
  );
  assert.match(err.message, /drain preflight: workers-1 \(worker-2\): /);
  assert.match(
    err.message,
    /cannot delete Pods that declare no controller \(use force to override\): shop\/pet/,
  );
  assert.match(
    err.message,
    /PodDisruptionBudget shop\/frozen allows no disruption even with all 2 pods healthy \(needs 2\)/,
  );
  const preflight = JSON.parse(String(err.result.outputs.preflight)) as { ok: boolean }[];
  assert.deepEqual(
    preflight.map((p) => p.ok),
    [false],
  );
  assert.match(JSON.stringify(err.result.report), /BLOCKED/);
});
