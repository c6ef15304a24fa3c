/**
 * The real-node upgrade proofs' setup and checks, shared by the ssh and pod
 * executor files: kwok workers at the node's version (somewhere for evicted
 * pods to go, batches for the plan), the workloads on the real node, the
 * plan, a budget watch running from before the drain to the end, and what
 * "upgraded" means: every control-plane component and the kubelet report
 * the target, the packages are at its revision and held, the node is Ready
 * and uncordoned with its progress done, the Lease is free, the workloads
 * run, and the budget was never violated.
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import type { KubeClient } from "../../../src/cluster/client.ts";
import { fromRecord } from "../../../src/config/inputs.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { pollUntil } from "../../../src/core/sleep.ts";
import { upgradePlan } from "../../../src/nodes/plan-capability.ts";
import { readProgress, type Progress } from "../../../src/nodes/progress.ts";
import type { List, Node, Pod } from "../../../src/nodes/types.ts";
import { KUBERNETES_VERSION } from "../../../src/sandbox/binaries.ts";
import { PREVIOUS_KUBERNETES_VERSION } from "../tools/binaries.ts";
import { APT_LIST } from "./apt-install.ts";
import { ADMIN_KUBECONFIG, NODE_IP, NODE_NAME } from "./config.ts";
import { startKwokWorkers, type KwokWorkers } from "./kwok-workers.ts";
import { componentVersion, watchBudget, type BudgetWatch } from "./upgrade-run.ts";
import { deployWorkloads, type Workloads } from "./workloads.ts";

export interface Setup {
  workers: KwokWorkers;
  workloads: Workloads;
  budget: BudgetWatch;
  stop(): Promise<void>;
}

export async function setupCluster(client: KubeClient, logger: Logger): Promise<Setup> {
  // The packages came from the repository, held, as on a kubeadm node.
  assert.match(
    fs.readFileSync(APT_LIST, "utf8"),
    /^deb \[trusted=yes\] http:\/\/127\.0\.0\.1:\d+\/core:\/stable:\/v1\.34\/deb\/ \/\n$/,
  );
  assert.equal(installedVersion("kubeadm"), "1.34.4-1.1");
  assert.equal(installedVersion("kubelet"), "1.34.4-1.1");
  assert.deepEqual(held(), ["kubeadm", "kubelet"]);
  const workers = await startKwokWorkers(
    client,
    [
      { name: "kwok-worker-1", kubeletVersion: PREVIOUS_KUBERNETES_VERSION },
      { name: "kwok-worker-2", kubeletVersion: PREVIOUS_KUBERNETES_VERSION },
    ],
    logger,
  );
  const workloads = await deployWorkloads(client);
  // upgrade-plan: the real node is the control-plane batch, with `kubeadm upgrade apply`.
  const plan = await upgradePlan.run(
    upgradePlan.parse(
      fromRecord({
        "kubeconfig-path": ADMIN_KUBECONFIG,
        "target-version": KUBERNETES_VERSION,
        "delete-emptydir-data": "true",
        force: "true",
      }),
    ),
    { logger },
  );
  const cp = (
    JSON.parse(String(plan.outputs["control-plane-matrix"])) as {
      include: { node: string; kubeadm: string }[];
    }
  ).include;
  assert.deepEqual(
    cp.map((b) => [b.node, b.kubeadm]),
    [[NODE_NAME, "apply"]],
  );
  const budget = watchBudget(client, workloads.namespace, "web", "app=web", 2);
  return {
    workers,
    workloads,
    budget,
    stop: async () => {
      await budget.stop();
      await workers.stop();
    },
  };
}

export function installedVersion(pkg: string): string | undefined {
  try {
    return execFileSync("dpkg-query", ["-W", "-f=${Version}", pkg], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

function held(): string[] {
  return execFileSync("apt-mark", ["showhold"], { encoding: "utf8" })
    .split("\n")
    .filter((p) => p === "kubeadm" || p === "kubelet" || p === "kubectl")
    .sort();
}

export interface NodeState {
  unschedulable: boolean;
  ready: boolean;
  kubelet: string | undefined;
  progress: Progress | undefined;
  leaseHolder: string | undefined;
}

export async function nodeState(client: KubeClient): Promise<NodeState> {
  const n = await client.get<Node>(`/api/v1/nodes/${NODE_NAME}`);
  const lease = await client
    .get<{ spec: { holderIdentity?: string | null } }>(
      "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/kubekeep-node-maintenance",
    )
    .catch(() => undefined);
  return {
    unschedulable: n.spec?.unschedulable === true,
    ready: (n.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"),
    kubelet: n.status?.nodeInfo?.kubeletVersion,
    progress: readProgress(n),
    leaseHolder: lease?.spec.holderIdentity ?? undefined,
  };
}

export async function checkUpgraded(client: KubeClient, setup: Setup, output: string): Promise<void> {
  // The default script's steps ran, in kubeadm's order.
  const steps = [...output.matchAll(/kubekeep: step: ([^\n]+)/g)].map((m) => m[1]);
  assert.ok(
    steps.indexOf("kubeadm upgrade apply v1.35.4") >
      steps.findIndex((s) => s?.startsWith("packages: install kubeadm")),
    steps.join(" | "),
  );
  assert.match(output, /kubekeep: done/);
  const st = await nodeState(client);
  assert.equal(st.kubelet, KUBERNETES_VERSION);
  assert.equal(st.ready, true);
  assert.equal(st.unschedulable, false, "uncordoned");
  assert.equal(st.progress?.phase, "done");
  assert.equal(st.leaseHolder, undefined, "the maintenance Lease is released");
  // Every control-plane component reports the target itself.
  const api = await client.get<{ gitVersion: string }>("/version");
  assert.equal(api.gitVersion, KUBERNETES_VERSION, "kube-apiserver");
  assert.equal(await componentVersion("127.0.0.1", 10257), KUBERNETES_VERSION, "kube-controller-manager");
  assert.equal(await componentVersion("127.0.0.1", 10259), KUBERNETES_VERSION, "kube-scheduler");
  assert.equal(await componentVersion(NODE_IP, 10250), KUBERNETES_VERSION, "kubelet");
  // The packages: the target's revision, held, the list on the target minor.
  assert.equal(installedVersion("kubeadm"), "1.35.4-1.1");
  assert.equal(installedVersion("kubelet"), "1.35.4-1.1");
  assert.deepEqual(held(), ["kubeadm", "kubelet"]);
  assert.match(
    fs.readFileSync(APT_LIST, "utf8"),
    /^deb \[trusted=yes\] http:\/\/127\.0\.0\.1:\d+\/core:\/stable:\/v1\.35\/deb\/ \/\n$/,
  );
  // Workloads: the Deployment whole again (on the workers), the DaemonSet's real container Ready on the node.
  const ns = setup.workloads.namespace;
  await pollUntil(
    async () => {
      const d = await client.get<{ status?: { availableReplicas?: number } }>(
        `/apis/apps/v1/namespaces/${ns}/deployments/web`,
      );
      const pods = await client.get<List<Pod>>(`/api/v1/namespaces/${ns}/pods`, {
        labelSelector: "app=agent",
        fieldSelector: `spec.nodeName=${NODE_NAME}`,
      });
      const agentReady = pods.items.some((p) =>
        (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True"),
      );
      return (d.status?.availableReplicas ?? 0) >= 3 && agentReady;
    },
    { timeoutMs: 120_000, intervalMs: 1000, timedOut: () => "workloads not running again within 120 s" },
  );
  // The budget held from before the drain to now (control-plane restart included).
  const b = setup.budget;
  assert.ok(b.samples > 10, `budget sampled ${b.samples} times`);
  assert.deepEqual(b.violated, [], "budget violations");
  assert.ok(b.lowestAvailable >= 2, `lowest available web pods: ${b.lowestAvailable}`);
}
