/**
 * Drain benchmark: a node running N pods (default 200, each with a grace
 * period of G seconds, default 2) drained by `kubekeep drain` (the built CLI)
 * and by `kubectl drain` (built from the same Kubernetes release as the
 * sandbox) in the same run, on two identical nodes. Prints each tool's time,
 * its overhead above the pods' grace period, and the ratio.
 *
 *   node bench/drain/run.ts [--pods 200] [--grace 2] [--rounds 1]
 *
 * `--real-node` drains the real kubeadm node instead (root; see
 * bench/drain/real-node.ts): real containers, real grace periods.
 *
 *   node bench/drain/run.ts --real-node [--rounds 3] [--term-delay 3]
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyAll } from "../../src/cluster/resources.ts";
import type { KubeClient } from "../../src/cluster/client.ts";
import type { List, Pod } from "../../src/nodes/types.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { startSandbox } from "../../src/sandbox/sandbox.ts";
import { waitForServiceAccount } from "../../src/sandbox/seed.ts";

const { values } = parseArgs({
  options: {
    pods: { type: "string", default: process.env.BENCH_PODS ?? "200" },
    grace: { type: "string", default: "2" },
    rounds: { type: "string", default: "1" },
    "real-node": { type: "boolean", default: false },
    "term-delay": { type: "string", default: "3" },
  },
});
const PODS = Number(values.pods);
const GRACE = Number(values.grace);
const ROUNDS = Number(values.rounds);
const root = path.resolve(import.meta.dirname, "..", "..");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (values["real-node"]) {
  const { benchRealNode } = await import("./real-node.ts");
  await benchRealNode({ rounds: Number(values.rounds), termDelay: Number(values["term-delay"]), root });
  process.exit(0);
}

async function running(client: KubeClient, node: string): Promise<number> {
  const pods = await client.get<List<Pod>>("/api/v1/pods", { fieldSelector: `spec.nodeName=${node}` });
  return pods.items.filter((p) => p.status?.phase === "Running" && !p.metadata.deletionTimestamp).length;
}

/** Puts PODS pods of a fresh Deployment on `node` (the only schedulable node meanwhile). */
async function fill(client: KubeClient, node: string, others: string[], app: string): Promise<void> {
  for (const o of others) await client.mergePatch(`/api/v1/nodes/${o}`, { spec: { unschedulable: true } });
  await client.mergePatch(`/api/v1/nodes/${node}`, { spec: { unschedulable: null } });
  await applyAll(client, [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: app, namespace: "bench" },
      spec: {
        replicas: PODS,
        selector: { matchLabels: { app } },
        template: {
          metadata: { labels: { app } },
          spec: {
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
  while ((await running(client, node)) < PODS) {
    if (Date.now() > deadline) throw new Error(`pods not Running on ${node}`);
    await sleep(500);
  }
  for (const o of others) await client.mergePatch(`/api/v1/nodes/${o}`, { spec: { unschedulable: null } });
}

function time(cmd: string, args: string[]): number {
  const started = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (res.status !== 0) throw new Error(`${path.basename(cmd)} failed: ${res.stderr}${res.stdout}`);
  return seconds;
}

const sb = await startSandbox({ s3: false });
try {
  const client = await sb.client();
  const sources = ["src-kubekeep", "src-kubectl"];
  const spares = ["spare-1", "spare-2"];
  await addNodes(
    client,
    [...sources, ...spares].map((name) => ({ name, pods: PODS * 3 })),
  );
  await applyAll(client, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "bench" } }]);
  await waitForServiceAccount(client, "bench");
  const results: { tool: string; seconds: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, node] of sources.entries()) {
      await fill(client, node, [...sources.filter((s) => s !== node), ...spares], `app-${round}-${i}`);
    }
    process.stderr.write(`round ${round + 1}: ${PODS} pods Running on each of ${sources.join(", ")}\n`);
    // Alternate who goes first, so neither always meets a busier cluster.
    const order = round % 2 === 0 ? ["kubekeep", "kubectl"] : ["kubectl", "kubekeep"];
    for (const tool of order) {
      const seconds =
        tool === "kubekeep"
          ? time(process.execPath, [
              path.join(root, "dist", "cli.js"),
              "drain",
              "--kubeconfig-path",
              sb.kubeconfig,
              "--node",
              "src-kubekeep",
              "--timeout",
              "5m",
            ])
          : time(sb.info.kubectl, [
              "--kubeconfig",
              sb.kubeconfig,
              "drain",
              "src-kubectl",
              "--ignore-daemonsets",
              "--timeout=5m",
            ]);
      process.stderr.write(`  ${tool} drain: ${seconds.toFixed(2)}s\n`);
      results.push({ tool, seconds });
    }
    for (const node of sources)
      await client.mergePatch(`/api/v1/nodes/${node}`, { spec: { unschedulable: null } });
    await client.delete("/apis/apps/v1/namespaces/bench/deployments/app-" + round + "-0").catch(() => {});
    await client.delete("/apis/apps/v1/namespaces/bench/deployments/app-" + round + "-1").catch(() => {});
  }
  client.close();
  const mean = (tool: string) => {
    const r = results.filter((x) => x.tool === tool);
    return r.reduce((s, x) => s + x.seconds, 0) / r.length;
  };
  const kk = mean("kubekeep");
  const kc = mean("kubectl");
  console.log(
    `drain of a node with ${PODS} pods (grace period ${GRACE}s), ${ROUNDS} round(s), Kubernetes ${sb.info.kubernetesVersion}`,
  );
  console.log(
    `  kubekeep drain: ${kk.toFixed(2)}s  (overhead above the grace period: ${(kk - GRACE).toFixed(2)}s)`,
  );
  console.log(
    `  kubectl drain:  ${kc.toFixed(2)}s  (overhead above the grace period: ${(kc - GRACE).toFixed(2)}s)`,
  );
  console.log(`  ratio kubekeep/kubectl: ${(kk / kc).toFixed(2)} (lower is faster)`);
} finally {
  await sb.stop({ removeDir: true });
}
