/**
 * Fills a sandbox for bench/export: objects i in [from, to) are ConfigMaps
 * (2 in 5), Secrets (2 in 5) and headless Services without a selector (1 in
 * 5: no cluster IP to allocate and no endpoints for a controller to fill in,
 * so the cluster is quiet once seeded), round-robin over the namespaces
 * `bench-0` ... `bench-<namespaces - 1>`.
 *
 * Two ways in:
 * - "api": every object created through the API server, `parallel` at a
 *   time. A create costs the API server milliseconds of CPU: on the shared
 *   2-CPU machine that was 40-350 objects a second, most of an hour for
 *   200,000.
 * - "etcd" (the default): the first object of each kind in the range is
 *   created through the API server and read back as stored (managedFields,
 *   defaults and all); every other object is that template with its own
 *   name, namespace, uid, labels and data, put straight into etcd under the
 *   API server's key (see etcd-put.ts). The API server lists them like any
 *   other object: it only ever reads what etcd holds.
 */
import { randomUUID } from "node:crypto";
import { isApiError, type KubeClient } from "../../src/cluster/client.ts";
import type { Logger } from "../../src/core/logger.ts";
import type { SandboxInfo } from "../../src/sandbox/sandbox.ts";
import { etcdPutter } from "./etcd-put.ts";

export type SeedVia = "api" | "etcd";

export interface SeedOptions {
  namespaces: number;
  parallel: number;
  via: SeedVia;
  etcd: SandboxInfo["etcd"];
  logger: Logger;
}

type Body = { metadata: { name: string; labels: Record<string, string> } } & Record<string, unknown>;

interface Seed {
  resource: "configmaps" | "secrets" | "services";
  namespace: string;
  name: string;
  body: Body;
}

/** Object i of the bench's cluster, as created through the API. */
export function seedObject(i: number, namespaces: number): Seed {
  const namespace = `bench-${i % namespaces}`;
  const name = `obj-${i}`;
  const kind = i % 5;
  if (kind <= 1)
    return {
      resource: "configmaps",
      namespace,
      name,
      body: {
        metadata: { name, labels: { app: `app-${i % 50}`, tier: "bench" } },
        data: {
          "config.yaml": `replicas: ${i % 7}\nendpoint: https://svc-${i}.example.com\nfeature: true\n`.repeat(
            3,
          ),
        },
      },
    };
  if (kind <= 3)
    return {
      resource: "secrets",
      namespace,
      name,
      body: {
        metadata: { name, labels: { app: `app-${i % 50}` } },
        type: "Opaque",
        stringData: { username: `user-${i}`, password: `p-${i}-${"x".repeat(24)}` },
      },
    };
  return {
    resource: "services",
    namespace,
    name,
    body: {
      metadata: { name, labels: { app: `app-${i % 50}` } },
      spec: { clusterIP: "None", ports: [{ name: "http", port: 80, targetPort: 8080 }] },
    },
  };
}

async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await fn(items[i++] as T);
    }),
  );
}

/** Creates an object; one already there (a sandbox a previous run seeded) is kept. */
async function create(client: KubeClient, seed: Seed): Promise<void> {
  try {
    await client.post(`/api/v1/namespaces/${seed.namespace}/${seed.resource}`, seed.body);
  } catch (err) {
    if (!isApiError(err, 409)) throw err;
  }
}

/** The API server's etcd key of an object (its default --etcd-prefix, /registry). */
function etcdKey(seed: Seed): string {
  const dir = seed.resource === "services" ? "services/specs" : seed.resource;
  return `/registry/${dir}/${seed.namespace}/${seed.name}`;
}

type Stored = Record<string, unknown> & { metadata: Record<string, unknown> };

/** Template `t` (a stored object of the same kind) made into `seed`, as etcd would hold it. */
function fromTemplate(t: Stored, seed: Seed): Stored {
  const o = structuredClone(t);
  o.metadata.name = seed.name;
  o.metadata.namespace = seed.namespace;
  o.metadata.uid = randomUUID();
  o.metadata.labels = seed.body.metadata.labels;
  delete o.metadata.resourceVersion;
  if (seed.resource === "configmaps") o.data = seed.body.data;
  if (seed.resource === "secrets") {
    const plain = seed.body.stringData as Record<string, string>;
    o.data = Object.fromEntries(
      Object.entries(plain).map(([k, v]) => [k, Buffer.from(v).toString("base64")]),
    );
  }
  return o;
}

/** Creates the namespaces bench-0 ... bench-<n - 1> (those there already are kept). */
export async function seedNamespaces(client: KubeClient, n: number): Promise<void> {
  await pool(
    Array.from({ length: n }, (_, i) => i),
    16,
    async (i) => {
      try {
        await client.post("/api/v1/namespaces", { metadata: { name: `bench-${i}` } });
      } catch (err) {
        if (!isApiError(err, 409)) throw err;
      }
    },
  );
}

/** Seeds objects [from, to). */
export async function seedObjects(
  client: KubeClient,
  from: number,
  to: number,
  o: SeedOptions,
): Promise<void> {
  const ids = Array.from({ length: to - from }, (_, k) => from + k);
  let done = 0;
  const progress = () => {
    if (++done % 20000 === 0) o.logger.info(`seeded ${from + done} objects`);
  };
  // Five in a row hold every kind: they are the templates.
  const viaApi = o.via === "api" || ids.length <= 5 ? ids : ids.slice(0, 5);
  await pool(viaApi, o.parallel, async (i) => {
    await create(client, seedObject(i, o.namespaces));
    progress();
  });
  if (viaApi.length === ids.length) return;
  const templates = new Map<string, Stored>();
  for (const i of viaApi) {
    const s = seedObject(i, o.namespaces);
    templates.set(
      s.resource,
      await client.get<Stored>(`/api/v1/namespaces/${s.namespace}/${s.resource}/${s.name}`),
    );
  }
  const etcd = etcdPutter(o.etcd);
  try {
    const rest = ids.slice(5);
    const batches = Array.from({ length: Math.ceil(rest.length / 100) }, (_, b) =>
      rest.slice(b * 100, b * 100 + 100),
    );
    await pool(batches, 8, async (batch) => {
      await etcd.put(
        batch.map((i) => {
          const s = seedObject(i, o.namespaces);
          return [etcdKey(s), JSON.stringify(fromTemplate(templates.get(s.resource) as Stored, s))];
        }),
      );
      for (const _ of batch) progress();
    });
  } finally {
    etcd.close();
  }
}
