/**
 * One drain of the real node, by kubekeep or by kubectl, measured the same
 * way for both so they compare fairly: the workloads are placed on the real
 * node afresh, kwok workers take the evicted pods (so the budget can be
 * satisfied), and the time counted is the tool's own run, from start until it
 * returns, which is when every evictable pod is gone. While it runs, a watch
 * records for each real pod when its deletion began, when it was gone and
 * with which exit code its container stopped (0: it exited on SIGTERM after
 * its delay; 137: the grace period ran out), and the lowest number of
 * available `web` pods (the budget's promise). Then the node is uncordoned
 * and the workloads removed.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { watchEvents, type KubeClient } from "../../../src/cluster/client.ts";
import type { List } from "../../../src/nodes/types.ts";
import { ADMIN_KUBECONFIG, NODE_NAME } from "./config.ts";
import { deployWorkloads, removeWorkloads, workloadPodsOnNode, type WorkloadOptions } from "./workloads.ts";
import { watchAvailable } from "../../harness/nodes.ts";

export type DrainTool = "kubekeep" | "kubectl";

export interface Termination {
  pod: string;
  /** From the first sight of deletionTimestamp to the pod object gone. */
  seconds: number;
  exitCode?: number;
}

export interface DrainRun {
  tool: DrainTool;
  seconds: number;
  terminations: Termination[];
  /** Lowest number of available `web` pods at any moment during the drain. */
  lowestAvailable: number;
  /** Workload pods still on the node after the drain returned (the DaemonSet's stays). */
  left: string[];
  output: string;
}

const ROOT = path.resolve(import.meta.dirname, "../../..");

export interface DrainCommands {
  kubectl: string;
  /** The kubekeep CLI: `[node, src/cli/main.ts]` in tests, the built dist/cli.js in the benchmark. */
  kubekeep: string[];
}

export function defaultKubekeep(): string[] {
  return [process.execPath, path.join(ROOT, "src", "cli", "main.ts")];
}

function commandFor(tool: DrainTool, cmds: DrainCommands): string[] {
  if (tool === "kubekeep") {
    return [
      ...cmds.kubekeep,
      "drain",
      NODE_NAME,
      "--kubeconfig-path",
      ADMIN_KUBECONFIG,
      "--delete-emptydir-data",
      "--force",
      "--allow-draining-last-control-plane",
      "--timeout",
      "5m",
    ];
  }
  return [
    cmds.kubectl,
    "--kubeconfig",
    ADMIN_KUBECONFIG,
    "drain",
    NODE_NAME,
    "--ignore-daemonsets",
    "--delete-emptydir-data",
    "--force",
    "--timeout=5m",
  ];
}

function timed(argv: string[]): Promise<{ seconds: number; output: string; code: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(argv[0] ?? "", argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const deadline = setTimeout(() => child.kill("SIGKILL"), 6 * 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(deadline);
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, output, code: code ?? 128 });
    });
  });
}

interface WatchedPod {
  metadata: { name: string; deletionTimestamp?: string };
  spec?: { nodeName?: string };
  status?: { containerStatuses?: { state?: { terminated?: { exitCode: number } } }[] };
}

/** Follows the namespace's pods on the real node: deletion start, end, exit code. */
async function watchTerminations(client: KubeClient, ns: string) {
  const path = `/api/v1/namespaces/${ns}/pods`;
  const list = await client.get<List<WatchedPod> & { metadata: { resourceVersion: string } }>(path);
  const began = new Map<string, number>();
  const ended = new Map<string, number>();
  const codes = new Map<string, number>();
  const abort = new AbortController();
  const res = await client.open("GET", path, {
    query: { watch: 1, resourceVersion: list.metadata.resourceVersion },
    signal: abort.signal,
    timeoutMs: 600_000,
  });
  const done = (async () => {
    try {
      for await (const ev of watchEvents<WatchedPod>(res)) {
        const p = ev.object;
        if (p.spec?.nodeName !== NODE_NAME) continue;
        const name = p.metadata.name;
        if (p.metadata.deletionTimestamp && !began.has(name)) began.set(name, Date.now());
        const code = p.status?.containerStatuses?.[0]?.state?.terminated?.exitCode;
        if (code !== undefined) codes.set(name, code);
        if (ev.type === "DELETED") ended.set(name, Date.now());
      }
    } catch (err) {
      if (!abort.signal.aborted) throw err;
    }
  })();
  return {
    stop: async (): Promise<Termination[]> => {
      abort.abort();
      await done;
      return [...ended.entries()]
        .filter(([name]) => began.has(name))
        .map(([pod, at]) => ({
          pod,
          seconds: (at - (began.get(pod) ?? at)) / 1000,
          exitCode: codes.get(pod),
        }));
    },
  };
}

/** Deploys the workloads, drains with `tool`, records, uncordons and cleans up. */
export async function drainOnce(
  client: KubeClient,
  tool: DrainTool,
  cmds: DrainCommands,
  options: WorkloadOptions = {},
): Promise<DrainRun> {
  const w = await deployWorkloads(client, options);
  try {
    const available = await watchAvailable(client, w.namespace, "app=web");
    const terminations = await watchTerminations(client, w.namespace);
    const result = await timed(commandFor(tool, cmds));
    // The last DELETED events may trail the tool's return by a moment.
    await new Promise((r) => setTimeout(r, 1000));
    const run: DrainRun = {
      tool,
      seconds: result.seconds,
      terminations: await terminations.stop(),
      lowestAvailable: await available.stop(),
      left: (await workloadPodsOnNode(client, w.namespace))
        .filter((p) => !p.metadata.labels?.app?.startsWith("agent"))
        .map((p) => p.metadata.name),
      output: result.output,
    };
    if (result.code !== 0) throw new Error(`${tool} drain failed (exit ${result.code}):\n${result.output}`);
    return run;
  } finally {
    // Each tool undoes its own cordon (kubekeep's carries its annotation).
    const uncordon =
      tool === "kubekeep"
        ? [...cmds.kubekeep, "uncordon", NODE_NAME, "--kubeconfig-path", ADMIN_KUBECONFIG]
        : [cmds.kubectl, "--kubeconfig", ADMIN_KUBECONFIG, "uncordon", NODE_NAME];
    const u = await timed(uncordon);
    if (u.code !== 0) throw new Error(`${tool} uncordon failed (exit ${u.code}):\n${u.output}`);
    await removeWorkloads(client, w.namespace);
  }
}
