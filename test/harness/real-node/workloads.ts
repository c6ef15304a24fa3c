/**
 * Workloads on the real node, in real containers of the workload image
 * (SIGTERM takes TERM_DELAY, so grace periods are really used): a Deployment
 * with a PodDisruptionBudget, a DaemonSet, and a bare pod writing into an
 * emptyDir. Placed on the real node (other nodes cordoned meanwhile) and
 * waited for until Running, Ready and counted by the budget.
 */
import type { KubeClient } from "../../../src/cluster/client.ts";
import { applyAll, type KubeObject } from "../../../src/cluster/resources.ts";
import { pollUntil } from "../../../src/core/sleep.ts";
import { EXIT_AFTER_ANNOTATION } from "../../../src/sandbox/kwok-stages.ts";
import { waitForServiceAccount } from "../../../src/sandbox/seed.ts";
import type { List, Node, Pod } from "../../../src/nodes/types.ts";
import { IMAGES, NODE_NAME } from "./config.ts";

export interface WorkloadOptions {
  namespace?: string;
  /** Replicas of the Deployment `web` (default 3). */
  replicas?: number;
  /** How long each container takes to stop after SIGTERM, seconds (default 3). */
  termDelaySeconds?: number;
  /** terminationGracePeriodSeconds (default 20): longer than the delay, so containers exit by themselves. */
  graceSeconds?: number;
}

export interface Workloads {
  namespace: string;
  objects: KubeObject[];
  /** Pods of the namespace that run on the real node once placed. */
  podsOnNode: number;
  termDelaySeconds: number;
  graceSeconds: number;
}

export function workloadObjects(options: WorkloadOptions = {}): Workloads {
  const ns = options.namespace ?? "real-work";
  const replicas = options.replicas ?? 3;
  const delay = options.termDelaySeconds ?? 3;
  const grace = options.graceSeconds ?? 20;
  const container = (extraArgs: string[] = []) => ({
    name: "app",
    image: IMAGES.workload,
    imagePullPolicy: "Never",
    args: extraArgs,
    env: [{ name: "TERM_DELAY", value: `${delay}s` }],
    resources: { requests: { cpu: "5m", memory: "8Mi" } },
  });
  const podMeta = (app: string) => ({
    labels: { app },
    // On a kwok worker the same pod takes the same time to stop (kwok-stages.ts).
    annotations: { [EXIT_AFTER_ANNOTATION]: `${delay}s` },
  });
  const onNode = { nodeSelector: { "kubernetes.io/hostname": NODE_NAME } };
  const objects: KubeObject[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: ns },
      spec: {
        replicas,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: podMeta("web"),
          spec: { terminationGracePeriodSeconds: grace, containers: [container()] },
        },
      },
    },
    {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "web", namespace: ns },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: "web" } } },
    },
    {
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: "agent", namespace: ns },
      spec: {
        selector: { matchLabels: { app: "agent" } },
        template: {
          metadata: podMeta("agent"),
          // Real containers on the real node only: on kwok workers it would be paper anyway.
          spec: { ...onNode, terminationGracePeriodSeconds: grace, containers: [container()] },
        },
      },
    },
    {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "scratch", namespace: ns, ...podMeta("scratch") },
      spec: {
        ...onNode,
        terminationGracePeriodSeconds: grace,
        containers: [
          {
            ...container(["-write", "/data/heartbeat"]),
            volumeMounts: [{ name: "data", mountPath: "/data" }],
          },
        ],
        volumes: [{ name: "data", emptyDir: {} }],
      },
    },
  ];
  return { namespace: ns, objects, podsOnNode: replicas + 2, termDelaySeconds: delay, graceSeconds: grace };
}

/** Running, Ready and not being deleted. */
export function podReady(p: Pod): boolean {
  return (
    p.status?.phase === "Running" &&
    !p.metadata.deletionTimestamp &&
    (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")
  );
}

export async function workloadPodsOnNode(client: KubeClient, ns: string): Promise<Pod[]> {
  return (
    await client.get<List<Pod>>(`/api/v1/namespaces/${ns}/pods`, {
      fieldSelector: `spec.nodeName=${NODE_NAME}`,
    })
  ).items;
}

/**
 * Applies the workloads with every other node cordoned, so all their pods
 * land on the real node; waits until they are Ready and the budget counts
 * them; uncordons the others again.
 */
export async function deployWorkloads(client: KubeClient, options: WorkloadOptions = {}): Promise<Workloads> {
  const w = workloadObjects(options);
  const nodes = (await client.get<List<Node>>("/api/v1/nodes")).items;
  const others = nodes.filter((n) => n.metadata.name !== NODE_NAME && !n.spec?.unschedulable);
  for (const o of others)
    await client.mergePatch(`/api/v1/nodes/${o.metadata.name}`, { spec: { unschedulable: true } });
  try {
    await applyAll(client, w.objects.slice(0, 1));
    await waitForServiceAccount(client, w.namespace);
    await applyAll(client, w.objects.slice(1));
    let seen = 0;
    await pollUntil(
      async () => {
        seen = (await workloadPodsOnNode(client, w.namespace)).filter(podReady).length;
        return seen >= w.podsOnNode;
      },
      {
        timeoutMs: 180_000,
        intervalMs: 500,
        timedOut: () => `${seen} of ${w.podsOnNode} workload pods Ready on ${NODE_NAME} after 180 s`,
      },
    );
    await pollUntil(
      async () => {
        const b = await client.get<{
          metadata: { generation?: number };
          status?: { observedGeneration?: number; currentHealthy?: number; expectedPods?: number };
        }>(`/apis/policy/v1/namespaces/${w.namespace}/poddisruptionbudgets/web`);
        const s = b.status;
        return (
          !!s &&
          (s.observedGeneration ?? 0) >= (b.metadata.generation ?? 1) &&
          (s.expectedPods ?? 0) > 0 &&
          (s.currentHealthy ?? 0) >= (s.expectedPods ?? 0)
        );
      },
      { timeoutMs: 60_000, intervalMs: 500, timedOut: () => "the web budget did not count its pods in 60 s" },
    );
  } finally {
    for (const o of others)
      await client.mergePatch(`/api/v1/nodes/${o.metadata.name}`, { spec: { unschedulable: null } });
  }
  return w;
}

/** Removes the workloads (and waits until their namespace is gone). */
export async function removeWorkloads(client: KubeClient, ns: string): Promise<void> {
  await client.delete(`/api/v1/namespaces/${ns}`).catch(() => undefined);
  await pollUntil(
    async () => {
      try {
        await client.get(`/api/v1/namespaces/${ns}`);
        return false;
      } catch {
        return true;
      }
    },
    { timeoutMs: 180_000, intervalMs: 1000, timedOut: () => `namespace ${ns} not gone in 180 s` },
  );
}
