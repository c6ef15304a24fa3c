// Issue #19, "an export restored into a real cluster": `kubekeep export` of
// the real kubeadm node (the whole cluster, as a user would back it up), the
// node reset and initialised again by kubeadm (a new cluster: new CA, new
// etcd, nothing of the old objects), then `kubekeep apply` of the tree: the
// plan lists the workloads' creates, the apply (with the redacted Secrets'
// values from a folder) brings the Deployments back on real containers, and
// a re-export of the new cluster is the same tree, byte for byte.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { KubeClient } from "../../src/cluster/client.ts";
import { applyAll, type KubeObject } from "../../src/cluster/resources.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { pollUntil } from "../../src/core/sleep.ts";
import type { List, Pod } from "../../src/nodes/types.ts";
import { runCliAsync } from "../harness/run.ts";
import { files } from "../harness/tree.ts";
import { IMAGES, NODE_NAME } from "../harness/real-node/config.ts";
import { realNodeDown, realNodeUp } from "../harness/real-node/node.ts";
import { useRealNode } from "../harness/real-node/use-real-node.ts";
import { deployWorkloads, podReady, workloadPodsOnNode } from "../harness/real-node/workloads.ts";

const node = useRealNode();
const logger = new ConsoleLogger();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-real-export-"));
after(() => fs.rmSync(work, { recursive: true, force: true }));

const NS = "real-work";
const SHOP = "real-shop";
const DB_PASSWORD = "db-pass-Rq8Zt3";
const API_TOKEN = "api-token-Hn5Wc1";
const INIT_TOKEN = /^namespaces\/kube-system\/core\/Secret\/bootstrap-token-[a-z0-9]{6}\.yaml$/;

/** A second namespace: a Deployment reading a ConfigMap and a Secret, a Service, a ServiceAccount. */
function shopObjects(): KubeObject[] {
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: SHOP, labels: { team: "shop" } } },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "shop", namespace: SHOP } },
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "settings", namespace: SHOP },
      data: { color: "blue", "app.properties": "mode=restore\nlevel=2\n" },
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "db", namespace: SHOP },
      type: "Opaque",
      stringData: { password: DB_PASSWORD, "api-token": API_TOKEN },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "shop", namespace: SHOP },
      spec: { selector: { app: "shop" }, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
    },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "shop", namespace: SHOP, labels: { app: "shop" } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "shop" } },
        template: {
          metadata: { labels: { app: "shop" } },
          spec: {
            serviceAccountName: "shop",
            nodeSelector: { "kubernetes.io/hostname": NODE_NAME },
            terminationGracePeriodSeconds: 5,
            containers: [
              {
                name: "app",
                image: IMAGES.workload,
                imagePullPolicy: "Never",
                env: [
                  { name: "TERM_DELAY", value: "1s" },
                  { name: "COLOR", valueFrom: { configMapKeyRef: { name: "settings", key: "color" } } },
                  { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
                ],
                volumeMounts: [{ name: "settings", mountPath: "/etc/shop" }],
                resources: { requests: { cpu: "5m", memory: "8Mi" } },
              },
            ],
            volumes: [{ name: "settings", configMap: { name: "settings" } }],
          },
        },
      },
    },
  ];
}

/** Waits until `count` pods of the namespace run Ready on the real node; returns them. */
async function podsReady(client: KubeClient, ns: string, count: number): Promise<Pod[]> {
  let pods: Pod[] = [];
  await pollUntil(
    async () => {
      pods = (await workloadPodsOnNode(client, ns)).filter(podReady);
      return pods.length >= count;
    },
    {
      timeoutMs: 240_000,
      intervalMs: 1000,
      timedOut: () => `${pods.length} of ${count} pods of ${ns} Ready on ${NODE_NAME} after 240 s`,
    },
  );
  return pods;
}

/** Running containers of a pod, as containerd reports them (real containers, not paper). */
function containerIds(p: Pod): string[] {
  const statuses = (
    p.status as { containerStatuses?: { containerID?: string; state?: { running?: unknown } }[] }
  ).containerStatuses;
  return (statuses ?? []).filter((s) => s.state?.running).map((s) => s.containerID ?? "");
}

async function cli(args: string[]) {
  const run = await runCliAsync(args, {}, 300_000);
  for (const v of [DB_PASSWORD, API_TOKEN, Buffer.from(DB_PASSWORD).toString("base64")])
    assert.ok(!(run.stdout + run.stderr).includes(v), `kubekeep ${args[0]} printed a secret value`);
  const outputs: Record<string, string> = {};
  for (const line of run.stdout.split("\n")) {
    const m = /^([a-z-]+)=(.*)$/.exec(line);
    if (m) outputs[m[1] as string] = m[2] as string;
  }
  return { ...run, outputs };
}

async function exportTree(kubeconfig: string, out: string): Promise<void> {
  const run = await cli(["export", "--kubeconfig-path", kubeconfig, "--path", out]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
}

function planRows(file: string): string[] {
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { items: { action: string; file: string }[] };
  return doc.items.map((i) => `${i.action} ${i.file}`).sort();
}

test("an export of the real node applies into the node re-initialised: Deployments run again, the re-export is the same tree", async () => {
  const first = path.join(work, "first", "export");
  const workloads = await deployWorkloads(node.client, { namespace: NS });
  await applyAll(node.client, shopObjects());
  await podsReady(node.client, SHOP, 2);
  await exportTree(node.info.kubeconfig, first);
  const tree = files(first);
  for (const f of tree) {
    const text = fs.readFileSync(path.join(first, f), "utf8");
    assert.ok(!text.includes(DB_PASSWORD) && !text.includes(API_TOKEN), `${f} holds a secret value`);
  }
  const wanted = [
    `namespaces/${NS}/apps/Deployment/web.yaml`,
    `namespaces/${NS}/apps/DaemonSet/agent.yaml`,
    `namespaces/${NS}/core/Pod/scratch.yaml`,
    `namespaces/${SHOP}/apps/Deployment/shop.yaml`,
    `namespaces/${SHOP}/core/ConfigMap/settings.yaml`,
    `namespaces/${SHOP}/core/Secret/db.yaml`,
    `namespaces/${SHOP}/core/Service/shop.yaml`,
    `namespaces/${SHOP}/core/ServiceAccount/shop.yaml`,
  ];
  for (const f of wanted) assert.ok(tree.includes(f), `the export holds ${f}:\n${tree.join("\n")}`);

  // The operator's copy of the Secrets' values, one file per key.
  const values = path.join(work, "secret-values");
  for (const [k, v] of Object.entries({ password: DB_PASSWORD, "api-token": API_TOKEN })) {
    fs.mkdirSync(path.join(values, SHOP, "db"), { recursive: true });
    fs.writeFileSync(path.join(values, SHOP, "db", k), v);
  }

  // A new cluster on the same node: kubeadm reset, then kubeadm init.
  node.client.close();
  await realNodeDown({ logger });
  const info = await realNodeUp({ logger, version: node.info.version });
  const client = await KubeClient.fromFile(info.kubeconfig);
  try {
    const gone = await client.get<List<Pod>>(`/api/v1/namespaces/${NS}/pods`);
    assert.equal(gone.items.length, 0, "the re-initialised node starts empty");

    const planFile = path.join(work, "plan.json");
    const apply = (extra: string[]) =>
      cli([
        "apply",
        "--kubeconfig-path",
        info.kubeconfig,
        "--path",
        first,
        "--secret-values-dir",
        values,
        "--plan-file",
        planFile,
        ...extra,
      ]);
    const plan = await apply([]);
    assert.equal(plan.status, 0, plan.stdout + plan.stderr);
    const rows = planRows(planFile);
    console.log(`plan:\n${rows.join("\n")}`);
    for (const f of [
      ...wanted,
      `cluster/core/Namespace/${NS}.yaml`,
      `cluster/core/Namespace/${SHOP}.yaml`,
      `namespaces/${NS}/policy/PodDisruptionBudget/web.yaml`,
    ])
      assert.ok(rows.includes(`create ${f}`), `the plan creates ${f}:\n${rows.join("\n")}`);
    // The plan changed nothing.
    assert.equal((await client.get<List<Pod>>(`/api/v1/namespaces/${NS}/pods`)).items.length, 0);

    const run = await apply(["--mode", "apply"]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.outputs.failed, "0", run.stdout);

    // Real containers again: every pod Running and Ready on the node, with a container id from containerd.
    const web = await podsReady(client, NS, workloads.podsOnNode);
    const shop = await podsReady(client, SHOP, 2);
    for (const p of [...web, ...shop])
      assert.match(containerIds(p)[0] ?? "", /^containerd:\/\/[0-9a-f]{64}$/, p.metadata.name);
    const db = await client.get<{ data: Record<string, string> }>(`/api/v1/namespaces/${SHOP}/secrets/db`);
    assert.equal(Buffer.from(db.data.password ?? "", "base64").toString(), DB_PASSWORD);

    const second = path.join(work, "second", "export");
    await exportTree(info.kubeconfig, second);
    // The one legitimate difference: the join token each `kubeadm init` generates (random,
    // 24 h) is the cluster's own credential. The old one was skipped (its value is not in
    // the operator's copy), the new cluster has a new one.
    const token = (t: string[]) => t.filter((f) => INIT_TOKEN.test(f));
    assert.equal(token(files(first)).length, 1, files(first).join("\n"));
    assert.equal(token(files(second)).length, 1, files(second).join("\n"));
    assert.ok(rows.includes(`skipped ${token(files(first))[0]}`), rows.join("\n"));
    const diff: string[] = [];
    const a = files(first).filter((f) => !INIT_TOKEN.test(f));
    const b = files(second).filter((f) => !INIT_TOKEN.test(f));
    for (const f of a.filter((f) => !b.includes(f))) diff.push(`only in the first export: ${f}`);
    for (const f of b.filter((f) => !a.includes(f))) diff.push(`only in the re-export: ${f}`);
    for (const f of a.filter((f) => b.includes(f))) {
      const x = fs.readFileSync(path.join(first, f), "utf8");
      const y = fs.readFileSync(path.join(second, f), "utf8");
      if (x !== y) diff.push(`${f} differs:\n--- first\n${x}--- re-export\n${y}`);
    }
    assert.deepEqual(diff, [], diff.join("\n"));
  } finally {
    client.close();
  }
});
