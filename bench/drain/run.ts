/**
 * Drain benchmark: a node running N pods (each with a grace period of G
 * seconds) drained by `kubekeep drain` (the built CLI), by the eviction
 * floor (evict-floor.ts: cordon, every eviction fired at once, a watch until
 * the last pod is gone) and by `kubectl drain` (built from the same
 * Kubernetes release as the sandbox), in the same run, on identical nodes,
 * the tools taking turns. Prints each tool's median time, the load average,
 * and the ratios kubekeep / floor (target ≤ 1.1) and kubekeep / kubectl.
 *
 *   node bench/drain/run.ts [--pods 200,1000] [--grace 2] [--rounds 3]
 *                           [--kubectl-max 200] [--sandbox DIR] [--cli FILE]
 *
 * kubectl drains only sizes up to --kubectl-max (it evicts one pod at a
 * time, ~50 s for 200 pods). `--sandbox DIR` uses a running sandbox (see
 * bench/common.ts); the bench adds its own nodes and namespace.
 *
 * `--real-node` drains the real kubeadm node instead (root; see
 * bench/drain/real-node.ts): real containers, real grace periods.
 *
 *   node bench/drain/run.ts --real-node [--rounds 3] [--term-delay 3]
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyAll } from "../../src/cluster/resources.ts";
import type { KubeClient } from "../../src/cluster/client.ts";
import type { List, Pod } from "../../src/nodes/types.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { waitForServiceAccount } from "../../src/sandbox/seed.ts";
import { benchSandbox, bundleFloor, cliPath, loadAverage, median, root, table } from "../common.ts";

const { values } = parseArgs({
  options: {
    pods: { type: "string", default: process.env.BENCH_PODS ?? "200,1000" },
    grace: { type: "string", default: "2" },
    rounds: { type: "string", default: "3" },
    "kubectl-max": { type: "string", default: "200" },
    sandbox: { type: "string" },
    cli: { type: "string" },
    "real-node": { type: "boolean", default: false },
    "term-delay": { type: "string", default: "3" },
  },
});
const SIZES = values.pods.split(",").map(Number);
const GRACE = Number(values.grace);
const ROUNDS = Number(values.rounds);
const KUBECTL_MAX = Number(values["kubectl-max"]);
for (const [flag, n] of [
  ["pods", Math.min(...SIZES)],
  ["rounds", ROUNDS],
] as const)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag}: expected positive integers`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Where the drained pods' replacements go. */
const SPARES = ["drain-spare-1", "drain-spare-2"];

if (values["real-node"]) {
  const { benchRealNode } = await import("./real-node.ts");
  await benchRealNode({ rounds: ROUNDS, termDelay: Number(values["term-delay"]), root });
  process.exit(0);
}
const cli = cliPath(values.cli);

async function running(client: KubeClient, node: string): Promise<number> {
  const pods = await client.get<List<Pod>>("/api/v1/pods", { fieldSelector: `spec.nodeName=${node}` });
  return pods.items.filter((p) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp).length;
}

/** Puts `pods` pods of a fresh Deployment on `node` (the only schedulable node meanwhile). */
async function fill(client: KubeClient, node: string, others: string[], app: string, pods: number) {
  for (const o of others) await client.mergePatch(`/api/v1/nodes/${o}`, { spec: { unschedulable: true } });
  await client.mergePatch(`/api/v1/nodes/${node}`, { spec: { unschedulable: null } });
  await applyAll(client, [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: app, namespace: "bench-drain" },
      spec: {
        replicas: pods,
        selector: { matchLabels: { app } },
        template: {
          metadata: { labels: { app } },
          spec: {
            // Only on the bench's own nodes (the sandbox may have others: `sandbox up` adds workers).
            affinity: {
              nodeAffinity: {
                requiredDuringSchedulingIgnoredDuringExecution: {
                  nodeSelectorTerms: [
                    {
                      matchExpressions: [
                        { key: "kubernetes.io/hostname", operator: "In", values: [node, ...SPARES] },
                      ],
                    },
                  ],
                },
              },
            },
            terminationGracePeriodSeconds: GRACE,
            containers: [
              {
                name: "app",
                image: "registry.example/app:1",
                resources: { requests: { cpu: "1m", memory: "1Mi" } },
              },
            ],
          },
        },
      },
    },
  ]);
  const deadline = Date.now() + 300_000;
  while ((await running(client, node)) < pods) {
    if (Date.now() > deadline) throw new Error(`pods not Running on ${node}`);
    await sleep(500);
  }
}

/** Deletes the round's Deployments and waits until their pods are gone, so rounds do not overlap. */
async function clearRound(client: KubeClient, apps: string[]): Promise<void> {
  for (const app of apps)
    await client
      .delete(`/apis/apps/v1/namespaces/bench-drain/deployments/${app}`, { propagationPolicy: "Background" })
      .catch(() => {});
  const deadline = Date.now() + 300_000;
  for (;;) {
    const pods = await client.get<List<Pod>>("/api/v1/namespaces/bench-drain/pods", { limit: 1 });
    if (pods.items.length === 0) return;
    if (Date.now() > deadline) throw new Error("the previous round's pods are still there after 5 minutes");
    await sleep(500);
  }
}

function time(cmd: string, args: string[]): number {
  const started = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (res.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${res.stderr}${res.stdout}`);
  return seconds;
}

type Tool = "kubekeep" | "floor" | "kubectl";
const sb = await benchSandbox(values.sandbox, { s3: false });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-bench-drain-"));
const loadBefore = loadAverage();
const rows: string[][] = [];
try {
  const floor = await bundleFloor(path.join(import.meta.dirname, "evict-floor.ts"), work);
  const client = await sb.client();
  const nodeOf: Record<Tool, string> = {
    kubekeep: "drain-kubekeep",
    floor: "drain-floor",
    kubectl: "drain-kubectl",
  };
  const most = Math.max(...SIZES);
  await addNodes(
    client,
    [...Object.values(nodeOf), ...SPARES].map((name) => ({ name, pods: most * 3 })),
  );
  await applyAll(client, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "bench-drain" } }]);
  await waitForServiceAccount(client, "bench-drain");
  const command: Record<Tool, (node: string) => [string, string[]]> = {
    kubekeep: (node) => [
      process.execPath,
      [cli, "drain", "--kubeconfig-path", sb.kubeconfig, "--node", node, "--timeout", "5m"],
    ],
    floor: (node) => [process.execPath, [floor, sb.kubeconfig, node]],
    kubectl: (node) => [
      sb.info.kubectl,
      ["--kubeconfig", sb.kubeconfig, "drain", node, "--ignore-daemonsets", "--timeout=5m"],
    ],
  };
  for (const pods of SIZES) {
    const tools: Tool[] = ["kubekeep", "floor", ...(pods <= KUBECTL_MAX ? (["kubectl"] as const) : [])];
    const results = new Map<Tool, number[]>(tools.map((t) => [t, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const apps = tools.map((t) => `app-${pods}-${round}-${t}`);
      const all = [...tools.map((t) => nodeOf[t]), ...SPARES];
      for (const [i, tool] of tools.entries())
        await fill(
          client,
          nodeOf[tool],
          all.filter((n) => n !== nodeOf[tool]),
          apps[i] as string,
          pods,
        );
      // The drained pods' replacements go to the spares, never to a node still to be drained:
      // each tool's node is cordoned until its turn (the tool then finds it schedulable, as usual).
      for (const n of all)
        await client.mergePatch(`/api/v1/nodes/${n}`, {
          spec: { unschedulable: SPARES.includes(n) ? null : true },
        });
      process.stderr.write(
        `${pods} pods, round ${round + 1}: Running on each of ${tools.map((t) => nodeOf[t]).join(", ")}\n`,
      );
      // Rotate who goes first, so no tool always meets the busiest cluster.
      const order = tools.map((_, i) => tools[(i + round) % tools.length] as Tool);
      for (const tool of order) {
        await client.mergePatch(`/api/v1/nodes/${nodeOf[tool]}`, { spec: { unschedulable: null } });
        const seconds = time(...command[tool](nodeOf[tool]));
        process.stderr.write(`  ${tool}: ${seconds.toFixed(2)}s (load ${loadAverage()})\n`);
        results.get(tool)?.push(seconds);
      }
      for (const n of tools.map((t) => nodeOf[t]))
        await client.mergePatch(`/api/v1/nodes/${n}`, { spec: { unschedulable: null } });
      await clearRound(client, apps);
    }
    const m = (t: Tool) => median(results.get(t) ?? []);
    const kk = m("kubekeep");
    for (const tool of tools) {
      const s = m(tool);
      rows.push([
        String(pods),
        tool === "kubekeep" ? "kubekeep drain" : tool === "floor" ? "eviction floor" : "kubectl drain",
        s.toFixed(2),
        (s - GRACE).toFixed(2),
        (results.get(tool) ?? []).map((x) => x.toFixed(2)).join(" "),
        tool === "kubekeep" ? "" : (kk / s).toFixed(2),
      ]);
    }
  }
  client.close();
} finally {
  await sb.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
console.log(
  `\ndrain of a node, grace period ${GRACE}s, median of ${ROUNDS} round(s), Kubernetes ${sb.info.kubernetesVersion}, ${os.cpus().length} CPUs`,
);
console.log(`load average (1/5/15 min): before ${loadBefore}, after ${loadAverage()}`);
console.log(
  table(
    ["pods", "tool", "median s", "above grace s", "runs s", "kubekeep / this (floor target ≤ 1.10)"],
    rows,
  ),
);
