/**
 * Workload helpers for the drain and upgrade tests: pods placed on a chosen
 * node (by cordoning the others while they schedule), bare pods, mirror pods.
 */
import { watchEvents, type KubeClient } from "../../src/cluster/client.ts";
import { applyAll, type KubeObject } from "../../src/cluster/resources.ts";
import { EXECUTOR_LABEL } from "../../src/nodes/executors/pod.ts";
import type { List, Node, Pod } from "../../src/nodes/types.ts";
import { waitForServiceAccount } from "../../src/sandbox/seed.ts";

interface BudgetState {
  metadata: { generation?: number };
  status?: { observedGeneration?: number; expectedPods?: number; currentHealthy?: number };
}

import { waitFor } from "./wait.ts";
export { sleep, waitFor } from "./wait.ts";

export async function namespace(client: KubeClient, name: string): Promise<void> {
  await applyAll(client, [{ apiVersion: "v1", kind: "Namespace", metadata: { name } }]);
  await waitForServiceAccount(client, name);
}

export async function podsOn(client: KubeClient, node: string): Promise<Pod[]> {
  return (await client.get<List<Pod>>("/api/v1/pods", { fieldSelector: `spec.nodeName=${node}` })).items;
}

/**
 * Applies `objects` while every node but `node` is cordoned, and waits for
 * `pods` Running pods on `node` and for every disruption budget among
 * `objects` to count them all healthy. Until the disruption controller has
 * done so the API server's answer to an eviction depends on timing (a drain
 * racing a budget's first status is a different test from a drain against a
 * settled budget).
 */
export async function placeOn(
  client: KubeClient,
  node: string,
  objects: KubeObject[],
  pods: number,
): Promise<void> {
  const nodes = (await client.get<List<Node>>("/api/v1/nodes")).items;
  const others = nodes
    .filter((n) => n.metadata.name !== node && !n.spec?.unschedulable)
    .map((n) => n.metadata.name);
  for (const o of others) await client.mergePatch(`/api/v1/nodes/${o}`, { spec: { unschedulable: true } });
  try {
    await applyAll(client, objects);
    await waitFor(`${pods} Running pods on ${node}`, async () => {
      const running = (await podsOn(client, node)).filter(
        (p) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp,
      );
      return running.length >= pods;
    });
    for (const o of objects.filter((o) => o.kind === "PodDisruptionBudget")) {
      const { namespace: ns = "default", name } = o.metadata;
      await waitFor(`disruption budget ${ns}/${name} to count its pods`, async () => {
        const b = await client.get<BudgetState>(
          `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/${name}`,
        );
        const s = b.status;
        return (
          s !== undefined &&
          (s.observedGeneration ?? 0) >= (b.metadata.generation ?? 1) &&
          (s.expectedPods ?? 0) > 0 &&
          (s.currentHealthy ?? 0) >= (s.expectedPods ?? 0)
        );
      });
    }
  } finally {
    for (const o of others) await client.mergePatch(`/api/v1/nodes/${o}`, { spec: { unschedulable: null } });
  }
}

export function deployment(
  ns: string,
  name: string,
  replicas: number,
  extra: { grace?: number; volumes?: unknown[]; tolerateControlPlane?: boolean } = {},
): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: ns },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          terminationGracePeriodSeconds: extra.grace ?? 1,
          containers: [
            {
              name: "app",
              image: "registry.example/app:1",
              resources: { requests: { cpu: "10m", memory: "16Mi" } },
            },
          ],
          ...(extra.volumes ? { volumes: extra.volumes } : {}),
          ...(extra.tolerateControlPlane
            ? { tolerations: [{ key: "node-role.kubernetes.io/control-plane", operator: "Exists" }] }
            : {}),
        },
      },
    },
  };
}

export function pdb(
  ns: string,
  app: string,
  spec: { maxUnavailable?: number; minAvailable?: number },
): KubeObject {
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: app, namespace: ns },
    spec: { ...spec, selector: { matchLabels: { app } } },
  };
}

export function barePod(
  ns: string,
  name: string,
  node: string,
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: ns, ...((extra.metadata as object) ?? {}) },
    spec: {
      nodeName: node,
      terminationGracePeriodSeconds: 1,
      containers: [{ name: "app", image: "registry.example/app:1" }],
      tolerations: [{ operator: "Exists" }],
      ...(extra.spec ?? {}),
    },
  };
}

/** A control-plane static pod as the kubelet mirrors it: annotated and owned by the Node. */
export async function mirrorPod(client: KubeClient, node: string, component: string): Promise<void> {
  const n = await client.get<Node>(`/api/v1/nodes/${node}`);
  await client.post("/api/v1/namespaces/kube-system/pods", {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `${component}-${node}`,
      namespace: "kube-system",
      labels: { component, tier: "control-plane" },
      annotations: { "kubernetes.io/config.mirror": "sandbox", "kubernetes.io/config.source": "file" },
      ownerReferences: [
        { apiVersion: "v1", kind: "Node", name: node, uid: n.metadata.uid, controller: true },
      ],
    },
    spec: {
      nodeName: node,
      priorityClassName: "system-node-critical",
      tolerations: [{ operator: "Exists" }],
      containers: [{ name: component, image: `registry.k8s.io/${component}:v1` }],
    },
  });
}

/**
 * Watches the pods `selector` picks in `ns` and keeps the lowest number that
 * were available (Ready and not being deleted) at any moment: what a
 * disruption budget promises. Every event is seen, so a dip lasting
 * milliseconds counts too. `stop()` ends the watch and returns the lowest
 * number.
 */
export async function watchAvailable(
  client: KubeClient,
  ns: string,
  selector: string,
): Promise<{ stop: () => Promise<number> }> {
  const path = `/api/v1/namespaces/${ns}/pods`;
  const list = await client.get<List<Pod> & { metadata: { resourceVersion: string } }>(path, {
    labelSelector: selector,
  });
  const available = new Map<string, boolean>();
  const isAvailable = (p: Pod) =>
    !p.metadata.deletionTimestamp &&
    (p.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
  for (const p of list.items) available.set(p.metadata.name, isAvailable(p));
  const count = () => [...available.values()].filter(Boolean).length;
  let lowest = count();
  const abort = new AbortController();
  const res = await client.open("GET", path, {
    query: { watch: 1, labelSelector: selector, resourceVersion: list.metadata.resourceVersion },
    signal: abort.signal,
    timeoutMs: 300_000,
  });
  const done = (async () => {
    try {
      for await (const event of watchEvents<Pod>(res)) {
        if (event.type === "DELETED") available.delete(event.object.metadata.name);
        else if (event.type === "ADDED" || event.type === "MODIFIED")
          available.set(event.object.metadata.name, isAvailable(event.object));
        lowest = Math.min(lowest, count());
      }
    } catch (err) {
      if (!abort.signal.aborted) throw err;
    }
  })();
  return {
    stop: async () => {
      abort.abort();
      await done;
      return lowest;
    },
  };
}

/**
 * Another run takes the maintenance Lease over, as if ours had expired: a
 * write with the Lease's resourceVersion, read again when our own renewal got
 * there first.
 */
export async function takeOverLease(client: KubeClient, leasePath: string, holder: string): Promise<void> {
  await waitFor("the takeover written", async () => {
    const lease = await client.get<{ spec: Record<string, unknown> }>(leasePath);
    try {
      await client.put(leasePath, {
        ...lease,
        spec: {
          ...lease.spec,
          holderIdentity: holder,
          renewTime: new Date().toISOString().replace(/Z$/, "000Z"),
        },
      });
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * A kwok Stage that finishes the pod executor's upgrade pods (label
 * EXECUTOR_LABEL=upgrade) 1.5 s after they run: Succeeded with exit code 0
 * on nodes not in `nodes` (comma-separated), or as `phase` with `exitCode`
 * on those in it (NotIn/In flip with the phase).
 */
export const finishUpgradePods = (
  name: string,
  phase: "Succeeded" | "Failed",
  exitCode: number,
  nodes: string,
) => `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: ${name}
spec:
  resourceRef:
    apiGroup: v1
    kind: Pod
  selector:
    matchExpressions:
    - key: '.metadata.labels["${EXECUTOR_LABEL}"]'
      operator: 'In'
      values: ['upgrade']
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
    - key: '.status.phase'
      operator: 'In'
      values: ['Running']
    - key: '.spec.nodeName'
      operator: '${phase === "Failed" ? "In" : "NotIn"}'
      values: ['${nodes}']
  delay:
    durationMilliseconds: 1500
  next:
    statusTemplate: |
      {{ $now := Now }}
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 0
        started: false
        state:
          terminated:
            exitCode: ${exitCode}
            finishedAt: {{ $now | Quote }}
            reason: ${phase === "Failed" ? "Error" : "Completed"}
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: ${phase}
`;
