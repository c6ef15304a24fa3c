/**
 * The drain benchmark's real-node mode (`node bench/drain/run.ts --real-node
 * [--rounds 3]`, as root): the kubeadm node of test/harness/real-node with
 * real containers (3 `web` replicas under a budget of maxUnavailable 1, a
 * DaemonSet pod, an emptyDir pod; each container takes `--term-delay`
 * seconds to stop after SIGTERM) and two kwok workers that take the evicted
 * pods. Each round places the workloads on the real node afresh and drains it
 * with `kubekeep drain` (dist/cli.js) and with `kubectl drain` (the sandbox's
 * v1.35.4), alternating who goes first; both are timed from start until the
 * tool returns, which is when every evictable pod is gone. Prints each run,
 * the medians and the median of the per-round ratios kubekeep/kubectl.
 */
import path from "node:path";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { ensureComponents } from "../../test/harness/tools/binaries.ts";
import { drainOnce, type DrainRun, type DrainTool } from "../../test/harness/real-node/drain-compare.ts";
import { startKwokWorkers } from "../../test/harness/real-node/kwok-workers.ts";
import { acquireLock } from "../../test/harness/real-node/lock.ts";
import { realNodeDown, realNodeUp } from "../../test/harness/real-node/node.ts";
import { KubeClient } from "../../src/cluster/client.ts";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export async function benchRealNode(options: {
  rounds: number;
  termDelay: number;
  root: string;
}): Promise<void> {
  const logger = new ConsoleLogger();
  const { kubectl } = await ensureComponents(["kubernetes"], logger);
  const kubekeep = [process.execPath, path.join(options.root, "dist", "cli.js")];
  const lock = await acquireLock({ holder: "bench/drain --real-node", waitMs: 0, logger });
  const runs: DrainRun[] = [];
  try {
    const info = await realNodeUp({ logger });
    const client = await KubeClient.fromFile(info.kubeconfig);
    const workers = await startKwokWorkers(
      client,
      [{ name: "kwok-worker-1" }, { name: "kwok-worker-2" }],
      logger,
    );
    try {
      for (let round = 0; round < options.rounds; round++) {
        const order: DrainTool[] = round % 2 === 0 ? ["kubekeep", "kubectl"] : ["kubectl", "kubekeep"];
        for (const tool of order) {
          const run = await drainOnce(
            client,
            tool,
            { kubectl, kubekeep },
            { termDelaySeconds: options.termDelay },
          );
          const slowest = Math.max(...run.terminations.map((t) => t.seconds));
          process.stderr.write(
            `round ${round + 1}: ${tool} drain ${run.seconds.toFixed(2)} s (${run.terminations.length} pods, ` +
              `slowest termination ${slowest.toFixed(1)} s, lowest web available ${run.lowestAvailable})\n`,
          );
          runs.push(run);
        }
      }
    } finally {
      await workers.stop();
      client.close();
    }
  } finally {
    await realNodeDown({ logger });
    lock.release();
  }
  const of = (tool: DrainTool) => runs.filter((r) => r.tool === tool).map((r) => r.seconds);
  const kk = of("kubekeep");
  const kc = of("kubectl");
  const ratios = kk.map((s, i) => s / (kc[i] ?? s));
  console.log(
    `drain of the real node (kubeadm v1.34.4; 3 web pods under maxUnavailable 1, an emptyDir pod, a DaemonSet pod; ` +
      `SIGTERM delay ${options.termDelay}s), ${options.rounds} round(s)`,
  );
  console.log(
    `  kubekeep drain: median ${median(kk).toFixed(2)} s  (${kk.map((s) => s.toFixed(2)).join(", ")})`,
  );
  console.log(
    `  kubectl drain:  median ${median(kc).toFixed(2)} s  (${kc.map((s) => s.toFixed(2)).join(", ")})`,
  );
  console.log(`  median ratio kubekeep/kubectl: ${median(ratios).toFixed(2)} (lower is faster)`);
}
