/**
 * What must hold after a node's upgrade before it takes workloads again: the
 * node Ready and reporting the target kubelet version, its control-plane
 * static pods Ready, every node Ready, and the user's own health command.
 * Polled until all pass or the timeout, which names the gates still failing.
 */
import type { KubeClient } from "../cluster/client.ts";
import { ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatDuration } from "../core/units.ts";
import { runShell } from "./executors/command.ts";
import { parseVersion, compareVersions } from "./version.ts";
import {
  isNodeReady,
  isPodReady,
  MIRROR_ANNOTATION,
  nodePath,
  podKey,
  type List,
  type Node,
  type Pod,
} from "./types.ts";
import { sleep } from "../core/sleep.ts";

export interface GateConfig {
  timeoutMs: number;
  /** A shell command that must exit 0 (KUBEKEEP_NODE and KUBECONFIG in its environment). */
  healthCommand?: string;
  /** Require every node Ready, not only the upgraded one. */
  allNodesReady: boolean;
}

export interface GateContext {
  node: string;
  target: string;
  env: Record<string, string>;
}

/** Returns the failing gates' descriptions; empty when everything passes. */
export async function checkGates(
  client: KubeClient,
  ctx: GateContext,
  config: GateConfig,
): Promise<string[]> {
  const failing: string[] = [];
  const node = await client.get<Node>(nodePath(ctx.node));
  const kubelet = node.status?.nodeInfo?.kubeletVersion ?? "unknown";
  if (!isNodeReady(node)) failing.push(`node ${ctx.node} is not Ready`);
  const have = parseVersion(kubelet);
  const want = parseVersion(ctx.target);
  if (!have || !want || compareVersions(have, want) !== 0) {
    failing.push(`node ${ctx.node} reports kubelet ${kubelet}, not ${ctx.target}`);
  }
  const pods = await client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods", {
    fieldSelector: `spec.nodeName=${ctx.node}`,
  });
  const notReady = pods.items.filter(
    (p) => MIRROR_ANNOTATION in (p.metadata.annotations ?? {}) && !isPodReady(p),
  );
  if (notReady.length) failing.push(`static pods not Ready: ${notReady.map(podKey).join(", ")}`);
  if (config.allNodesReady) {
    const nodes = await client.get<List<Node>>("/api/v1/nodes");
    const down = nodes.items.filter((n) => !isNodeReady(n)).map((n) => n.metadata.name);
    if (down.length) failing.push(`nodes not Ready: ${down.join(", ")}`);
  }
  if (failing.length === 0 && config.healthCommand) {
    const res = await runShell(config.healthCommand, { env: ctx.env, timeoutMs: 120_000 });
    if (res.code !== 0) {
      failing.push(
        `health command exited ${res.code}: ${res.output.trim().split("\n").slice(-3).join(" / ")}`,
      );
    }
  }
  return failing;
}

export async function waitForGates(
  client: KubeClient,
  ctx: GateContext,
  config: GateConfig,
  logger: Logger,
  signal?: AbortSignal,
): Promise<void> {
  const started = Date.now();
  let last: string[] = [];
  let lastLogged = "";
  for (;;) {
    last = await checkGates(client, ctx, config);
    if (last.length === 0) {
      logger.info(`${ctx.node}: all gates pass after ${formatDuration(Date.now() - started)}`);
      return;
    }
    const text = last.join("; ");
    if (text !== lastLogged) logger.info(`${ctx.node}: waiting: ${text}`);
    lastLogged = text;
    if (Date.now() - started > config.timeoutMs || signal?.aborted) break;
    await sleep(1000, signal);
  }
  throw new ConfigurationError(
    `node ${ctx.node} did not pass its gates within ${formatDuration(config.timeoutMs)}: ${last.join("; ")}`,
  );
}
