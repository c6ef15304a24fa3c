/**
 * Realistic content for the sandbox: the kinds of objects a platform team's
 * cluster holds, so exports, drains and upgrades meet them in tests and in
 * the demo. Everything is server-side applied and safe to re-run.
 */
import type { KubeClient } from "../cluster/client.ts";
import { applyAll, type KubeObject } from "../cluster/resources.ts";
import { EXIT_AFTER_ANNOTATION } from "./kwok-stages.ts";
import { errorMessage } from "../core/errors.ts";
import { pollUntil } from "../core/sleep.ts";

export interface SeedOptions {
  namespace: string;
  /** Deployments, each with a PodDisruptionBudget of maxUnavailable 1. */
  deployments?: number;
  replicas?: number;
  daemonSets?: number;
  statefulSets?: number;
  secrets?: number;
  /** A CRD (widgets.kubekeep.dev) and this many custom resources. */
  customResources?: number;
  /** terminationGracePeriodSeconds of seeded pods (default 1). */
  gracePeriodSeconds?: number;
  /** When set, seeded pods exit this long after SIGTERM instead of at the grace period's end. */
  exitAfter?: string;
  /** Tolerate control-plane taints (DaemonSets always do, as real ones do). */
  labels?: Record<string, string>;
}

const CRD: KubeObject = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "widgets.kubekeep.dev" },
  spec: {
    group: "kubekeep.dev",
    scope: "Namespaced",
    names: { plural: "widgets", singular: "widget", kind: "Widget", listKind: "WidgetList" },
    versions: [
      {
        name: "v1",
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
              status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            },
          },
        },
        subresources: { status: {} },
      },
    ],
  },
};

function podTemplate(
  app: string,
  opts: SeedOptions,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    metadata: {
      labels: { app, ...opts.labels },
      ...(opts.exitAfter ? { annotations: { [EXIT_AFTER_ANNOTATION]: opts.exitAfter } } : {}),
    },
    spec: {
      terminationGracePeriodSeconds: opts.gracePeriodSeconds ?? 1,
      containers: [
        {
          name: "app",
          image: "registry.example/app:1.0",
          resources: { requests: { cpu: "10m", memory: "16Mi" } },
        },
      ],
      ...extra,
    },
  };
}

export function seedManifests(opts: SeedOptions): KubeObject[] {
  const ns = opts.namespace;
  const objects: KubeObject[] = [{ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }];
  for (let i = 0; i < (opts.deployments ?? 0); i++) {
    const app = `web-${i}`;
    objects.push({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: app, namespace: ns },
      spec: {
        replicas: opts.replicas ?? 2,
        selector: { matchLabels: { app } },
        template: podTemplate(app, opts),
      },
    });
    objects.push({
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: app, namespace: ns },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app } } },
    });
  }
  for (let i = 0; i < (opts.daemonSets ?? 0); i++) {
    const app = `agent-${i}`;
    objects.push({
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      metadata: { name: app, namespace: ns },
      spec: {
        selector: { matchLabels: { app } },
        template: podTemplate(app, opts, { tolerations: [{ operator: "Exists" }] }),
      },
    });
  }
  for (let i = 0; i < (opts.statefulSets ?? 0); i++) {
    const app = `db-${i}`;
    objects.push({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: app, namespace: ns },
      spec: { clusterIP: "None", selector: { app }, ports: [{ port: 5432 }] },
    });
    objects.push({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: app, namespace: ns },
      spec: {
        serviceName: app,
        replicas: opts.replicas ?? 2,
        selector: { matchLabels: { app } },
        template: podTemplate(app, opts),
      },
    });
  }
  for (let i = 0; i < (opts.secrets ?? 0); i++) {
    objects.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: `creds-${i}`, namespace: ns },
      type: "Opaque",
      stringData: { username: `user-${i}`, password: `s3cr3t-value-${i}-${ns}` },
    });
  }
  if (opts.customResources) {
    objects.push(CRD);
    for (let i = 0; i < opts.customResources; i++) {
      objects.push({
        apiVersion: "kubekeep.dev/v1",
        kind: "Widget",
        metadata: { name: `widget-${i}`, namespace: ns },
        spec: { size: i, color: i % 2 ? "blue" : "green" },
      });
    }
  }
  return objects;
}

/** Applies the seed and waits until the namespace's default ServiceAccount exists (pods need it). */
export async function seed(client: KubeClient, opts: SeedOptions): Promise<KubeObject[]> {
  const [namespace, ...rest] = seedManifests(opts);
  const applied = await applyAll(client, [namespace as KubeObject]);
  await waitForServiceAccount(client, opts.namespace);
  // CRDs take a moment to be served after creation.
  const crdIndex = rest.findIndex((o) => o.kind === "CustomResourceDefinition");
  if (crdIndex >= 0) {
    applied.push(...(await applyAll(client, rest.slice(0, crdIndex + 1))));
    await waitForCrd(client, "widgets.kubekeep.dev");
    applied.push(...(await applyAll(client, rest.slice(crdIndex + 1))));
  } else {
    applied.push(...(await applyAll(client, rest)));
  }
  return applied;
}

export async function waitForServiceAccount(
  client: KubeClient,
  namespace: string,
  timeoutMs = 30_000,
): Promise<void> {
  let last = "";
  await pollUntil(
    () =>
      client.get(`/api/v1/namespaces/${namespace}/serviceaccounts/default`).then(
        () => true,
        (err: unknown) => ((last = errorMessage(err)), false),
      ),
    {
      timeoutMs,
      intervalMs: 100,
      timedOut: () => `no default ServiceAccount in ${namespace} after ${timeoutMs / 1000}s: ${last}`,
    },
  );
}

async function waitForCrd(client: KubeClient, name: string): Promise<void> {
  await pollUntil(
    async () => {
      const crd = await client.get<{ status?: { conditions?: { type: string; status: string }[] } }>(
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
      );
      return crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True");
    },
    { timeoutMs: 30_000, intervalMs: 100, timedOut: () => `CRD ${name} not Established after 30s` },
  );
}

interface PodList {
  items: { metadata: { name: string }; status?: { phase?: string } }[];
}

/** Waits until `count` pods (at least) in the namespace are Running. */
export async function waitForRunningPods(
  client: KubeClient,
  namespace: string,
  count: number,
  timeoutMs = 120_000,
): Promise<void> {
  let running = 0;
  await pollUntil(
    async () => {
      const pods = await client.get<PodList>(`/api/v1/namespaces/${namespace}/pods`);
      running = pods.items.filter((p) => p.status?.phase === "Running").length;
      return running >= count;
    },
    {
      timeoutMs,
      intervalMs: 250,
      timedOut: () => `only ${running} of ${count} pods Running in ${namespace} after ${timeoutMs / 1000}s`,
    },
  );
}
