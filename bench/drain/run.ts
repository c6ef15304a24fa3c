/**
 * Drain benchmark: a node running N pods (each with a grace period of G
 * seconds) drained by `kubekeep drain` (the built CLI), by the eviction
 * floor (evict-floor.ts: cordon, every eviction fired at once, a watch until
 * the last pod is gone) and by `kubectl drain` (built from the same
 * Kubernetes release as the sandbox), in the same run, on identical nodes,
 * the tools taking turns. Prints each tool's median time, the load average,
 * and the ratios kubekeep / floor (target ≤ 1.1) and kubekeep / kubectl: of
 * the medians, and the median of each round's own ratio.
 *
 *   node bench/drain/run.ts [--pods 200,1000] [--repeat 3] [--grace 2]
 *                           [--kubectl-max 200] [--sandbox DIR] [--cli FILE]
 *                           [--cli-before FILE]
 *
 * `--repeat N` (alias `--rounds`): rounds per size, the median printed.
 * `--cli-before FILE` also times another build of the CLI (e.g. main's,
 * built with `node scripts/build.ts --outdir DIR`) in the same rounds, on its
 * own node: a change's effect measured in the same run.
 * kubectl drains only sizes up to --kubectl-max (it evicts one pod at a
 * time, ~50 s for 200 pods; 0 leaves it out). `--sandbox DIR` uses a running
 * sandbox (see bench/common.ts); the bench adds its own nodes and namespace.
 *
 * Fairness: in each round every tool drains its own node holding the same
 * pods (same count, same grace period, same owner; the same nodes in the
 * cluster), all filled at once before any tool runs; the tools take turns,
 * the first one rotating. Each round prints how long the fill took: it is
 * not part of any figure.
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
    repeat: { type: "string" },
    rounds: { type: "string", default: "3" },
    "kubectl-max": { type: "string", default: "200" },
    sandbox: { type: "string" },
    cli: { type: "string" },
    "cli-before": { type: "string" },
    "real-node": { type: "boolean", default: false },
    "term-delay": { type: "string", default: "3" },
  },
});
const SIZES = values.pods.split(",").map(Number);
const MOST = Math.max(...SIZES);
const GRACE = Number(values.grace);
const ROUNDS = Number(values.repeat ?? values.rounds);
const KUBECTL_MAX = Number(values["kubectl-max"]);
for (const [flag, n] of [
  ["pods", Math.min(...SIZES)],
  ["repeat", ROUNDS],
] as const)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag}: expected positive integers`);
if (!Number.isInteger(KUBECTL_MAX) || KUBECTL_MAX < 0)
  throw new Error(`--kubectl-max: expected a whole number of pods, got ${values["kubectl-max"]}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
if (values["real-node"]) {
  const { benchRealNode } = await import("./real-node.ts");
  await benchRealNode({ rounds: ROUNDS, termDelay: Number(values["term-delay"]), root });
  process.exit(0);
}
const cli = cliPath(values.cli);
const cliBefore = values["cli-before"] === undefined ? undefined : cliPath(values["cli-before"]);

async function running(client: KubeClient, node: string): Promise<number> {
  const pods = await client.get<List<Pod>>("/api/v1/pods", { fieldSelector: `spec.nodeName=${node}` });
  return pods.items.filter((p) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp).length;
}

/**
 * Puts `pods` pods on each node of `fills`, all at once: created directly,
 * bound to their node (spec.nodeName), 32 requests in flight, each owned as
 * its controller by the round's ConfigMap (so every drain sees managed pods,
 * and deleting the ConfigMap removes what is left). Going through a
 * Deployment made the scheduler the bottleneck: at load 16 it bound about 4
 * pods a second, and 1,000 pods per node did not fit in 5 minutes. Nothing
 * replaces an evicted pod, so the drains are timed without the replacements'
 * traffic (the same for every tool). The deadline grows with the size.
 */
async function fill(client: KubeClient, fills: { node: string; app: string }[], pods: number) {
  const todo: { node: string; app: string; uid: string; i: number }[] = [];
  for (const { node, app } of fills) {
    const owner = await client.post<{ metadata: { uid: string } }>(
      "/api/v1/namespaces/bench-drain/configmaps",
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: app, namespace: "bench-drain" } },
    );
    for (let i = 0; i < pods; i++) todo.push({ node, app, uid: owner.metadata.uid, i });
  }
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let t = todo[next++]; t; t = todo[next++])
        await client.post("/api/v1/namespaces/bench-drain/pods", {
          apiVersion: "v1",
          kind: "Pod",
          metadata: {
            name: `${t.app}-${t.i}`,
            namespace: "bench-drain",
            labels: { app: t.app },
            ownerReferences: [
              { apiVersion: "v1", kind: "ConfigMap", name: t.app, uid: t.uid, controller: true },
            ],
          },
          spec: {
            nodeName: t.node,
            terminationGracePeriodSeconds: GRACE,
            containers: [
              {
                name: "app",
                image: "registry.example/app:1",
                resources: { requests: { cpu: "1m", memory: "1Mi" } },
              },
            ],
          },
        });
    }),
  );
  const limitMs = 120_000 + pods * 300 * fills.length;
  const deadline = Date.now() + limitMs;
  for (;;) {
    const counts = await Promise.all(fills.map(({ node }) => running(client, node)));
    if (counts.every((c) => c >= pods)) return;
    if (Date.now() > deadline)
      throw new Error(
        `pods not Running after ${limitMs / 1000} s: ${fills.map(({ node }, i) => `${node} ${counts[i]}/${pods}`).join(", ")}`,
      );
    await sleep(1000);
  }
}

/** Deletes the round's ConfigMaps and waits until their pods are gone, so rounds do not overlap. */
async function clearRound(client: KubeClient, apps: string[]): Promise<void> {
  for (const app of apps)
    await client
      .delete(`/api/v1/namespaces/bench-drain/configmaps/${app}`, { propagationPolicy: "Background" })
      .catch(() => {});
  const limitMs = 300_000 + MOST * 300;
  const deadline = Date.now() + limitMs;
  for (;;) {
    const pods = await client.get<List<Pod>>("/api/v1/namespaces/bench-drain/pods", { limit: 1 });
    if (pods.items.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`the previous round's pods are still there after ${limitMs / 1000} s`);
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

type Tool = "kubekeep" | "before" | "floor" | "kubectl";
const label: Record<Tool, string> = {
  kubekeep: "kubekeep drain",
  before: "kubekeep drain (--cli-before)",
  floor: "eviction floor",
  kubectl: "kubectl drain",
};
const sb = await benchSandbox(values.sandbox, { s3: false });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-bench-drain-"));
const loadBefore = loadAverage();
const rows: string[][] = [];
try {
  const floor = await bundleFloor(path.join(import.meta.dirname, "evict-floor.ts"), work);
  const client = await sb.client();
  const nodeOf: Record<Tool, string> = {
    kubekeep: "drain-kubekeep",
    before: "drain-kubekeep-before",
    floor: "drain-floor",
    kubectl: "drain-kubectl",
  };
  const used = (Object.keys(nodeOf) as Tool[]).filter((t) => t !== "before" || cliBefore);
  await addNodes(
    client,
    used.map((t) => ({ name: nodeOf[t], pods: MOST * 2 })),
  );
  // Each tool's node is cordoned until its turn (the tool then finds it schedulable, as
  // usual), so nothing else the sandbox runs lands there; the bench binds its pods itself.
  for (const name of used.map((t) => nodeOf[t]))
    await client.mergePatch(`/api/v1/nodes/${name}`, { spec: { unschedulable: true } });
  await applyAll(client, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "bench-drain" } }]);
  await waitForServiceAccount(client, "bench-drain");
  // What an interrupted run on the same sandbox left behind.
  const left = await client.get<List<{ metadata: { name: string } }>>(
    "/api/v1/namespaces/bench-drain/configmaps",
  );
  await clearRound(
    client,
    left.items.map((c) => c.metadata.name).filter((n) => n.startsWith("app-")),
  );
  const command: Record<Tool, (node: string) => [string, string[]]> = {
    kubekeep: (node) => [
      process.execPath,
      [cli, "drain", "--kubeconfig-path", sb.kubeconfig, "--node", node, "--timeout", "10m"],
    ],
    before: (node) => [
      process.execPath,
      [cliBefore ?? cli, "drain", "--kubeconfig-path", sb.kubeconfig, "--node", node, "--timeout", "10m"],
    ],
    floor: (node) => [process.execPath, [floor, sb.kubeconfig, node]],
    kubectl: (node) => [
      sb.info.kubectl,
      ["--kubeconfig", sb.kubeconfig, "drain", node, "--ignore-daemonsets", "--timeout=5m"],
    ],
  };
  for (const pods of SIZES) {
    const tools: Tool[] = [
      "kubekeep",
      ...(cliBefore ? (["before"] as const) : []),
      "floor",
      ...(pods <= KUBECTL_MAX ? (["kubectl"] as const) : []),
    ];
    const results = new Map<Tool, number[]>(tools.map((t) => [t, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const apps = tools.map((t) => `app-${pods}-${round}-${t}`);
      const fillStarted = Date.now();
      await fill(
        client,
        tools.map((t, i) => ({ node: nodeOf[t], app: apps[i] as string })),
        pods,
      );
      const fillSeconds = (Date.now() - fillStarted) / 1000;
      process.stderr.write(
        `${pods} pods, round ${round + 1}: Running on each of ${tools.map((t) => nodeOf[t]).join(", ")} (filled in ${fillSeconds.toFixed(1)} s, load ${loadAverage()})\n`,
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
        await client.mergePatch(`/api/v1/nodes/${n}`, { spec: { unschedulable: true } });
      await clearRound(client, apps);
    }
    const m = (t: Tool) => median(results.get(t) ?? []);
    const kk = m("kubekeep");
    // Also the median of each round's own ratio: the tools of one round met the same
    // machine within a minute or two, while the load swings between rounds.
    const perRound = (t: Tool) =>
      median((results.get("kubekeep") ?? []).map((k, i) => k / (results.get(t)?.[i] ?? NaN)));
    for (const tool of tools) {
      const s = m(tool);
      rows.push([
        String(pods),
        label[tool],
        s.toFixed(2),
        (s - GRACE).toFixed(2),
        (results.get(tool) ?? []).map((x) => x.toFixed(2)).join(" "),
        tool === "kubekeep" ? "" : (kk / s).toFixed(2),
        tool === "kubekeep" ? "" : perRound(tool).toFixed(2),
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
    [
      "pods",
      "tool",
      "median s",
      "above grace s",
      "runs s",
      "kubekeep / this (floor target ≤ 1.10)",
      "median of per-round ratios",
    ],
    rows,
  ),
);
