/**
 * What must hold after a node's upgrade before it takes workloads again: the
 * node Ready and reporting the target kubelet version, its control-plane
 * static pods Ready, every node that was Ready before the drain still Ready,
 * and the user's own health command. Polled until all pass or the timeout,
 * which names the gates still failing.
 */
import type { KubeClient } from "../cluster/client.ts";
import { controlPlaneRestarting } from "../cluster/api-failure.ts";
import { errorMessage, OperationalError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatDuration } from "../core/units.ts";
import { describeEnd, lastLines, runShell } from "../core/process.ts";
import { parseVersion, compareVersions } from "./version.ts";
import {
  isNodeReady,
  isPodReady,
  kubeletVersion,
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
  /**
   * true: every node must be Ready before the drain (checked before anything
   * is touched) and after the upgrade. false: nodes already NotReady before
   * the drain are tolerated (reported as warnings); a node that was Ready and
   * is not any more still fails the gate.
   */
  allNodesReady: boolean;
}

export interface GateContext {
  node: string;
  target: string;
  env: Record<string, string>;
  /** Nodes NotReady before the drain: not the upgrade's doing, so they never fail the gate. */
  notReadyBefore?: readonly string[];
  /** The other nodes of the same batch: each passes its own gates. */
  peers?: readonly string[];
}

export interface GateCheck {
  /** The failing gates' descriptions; empty when everything passes. */
  failing: string[];
  /** What is wrong but was already wrong before the upgrade. */
  warnings: string[];
}

/** The longest a health command may run, when the gate timeout leaves more. */
const HEALTH_COMMAND_MAX_MS = 120_000;

export async function checkGates(
  client: KubeClient,
  ctx: GateContext,
  config: GateConfig,
  deadline = Date.now() + config.timeoutMs,
  signal?: AbortSignal,
): Promise<GateCheck> {
  const failing: string[] = [];
  const warnings: string[] = [];
  const node = await client.get<Node>(nodePath(ctx.node));
  const kubelet = kubeletVersion(node);
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
  // Every other node: those that were Ready before the drain must still be;
  // those that were not are reported, not held against this upgrade.
  const before = new Set(ctx.notReadyBefore ?? []);
  const nodes = await client.get<List<Node>>("/api/v1/nodes");
  const down = nodes.items
    .filter((n) => n.metadata.name !== ctx.node && !ctx.peers?.includes(n.metadata.name) && !isNodeReady(n))
    .map((n) => n.metadata.name);
  const preexisting = down.filter((n) => before.has(n));
  const fresh = down.filter((n) => !before.has(n));
  if (fresh.length) failing.push(`nodes not Ready (they were Ready before the drain): ${fresh.join(", ")}`);
  if (preexisting.length)
    warnings.push(`nodes already not Ready before the drain (not counted): ${preexisting.join(", ")}`);
  if (failing.length === 0 && config.healthCommand) {
    // Bounded by what is left of the gate timeout: a health command that hangs
    // (or ignores SIGTERM) cannot hold the node past it.
    const timeoutMs = Math.max(500, Math.min(HEALTH_COMMAND_MAX_MS, deadline - Date.now()));
    const res = await runShell(config.healthCommand, {
      // The user's command: what it would see in a run: step, plus KUBEKEEP_NODE.
      inherit: "user",
      env: ctx.env,
      timeoutMs,
      ...(signal ? { signal } : {}),
    });
    if (res.code !== 0 || res.timedOut || res.aborted) {
      failing.push(`health command ${describeEnd(res, timeoutMs)}: ${lastLines(res.output, 3)}`);
    }
  }
  return { failing, warnings };
}

export async function waitForGates(
  client: KubeClient,
  ctx: GateContext,
  config: GateConfig,
  logger: Logger,
  signal?: AbortSignal,
): Promise<void> {
  const started = Date.now();
  const deadline = started + config.timeoutMs;
  let last: string[] = [];
  let lastLogged = "";
  const warned = new Set<string>();
  for (;;) {
    let check: GateCheck;
    try {
      check = await checkGates(client, ctx, config, deadline, signal);
    } catch (err) {
      if (signal?.aborted || !controlPlaneRestarting(err)) throw err;
      // Right after an upgrade the control plane restarts (the kubelet restarts
      // the static pods): an API server down, or up before its authorizer's
      // caches filled (403 for any non-system:masters user, kubeadm's admin
      // included), is a gate not passed yet, not a failed upgrade.
      check = {
        failing: [`the API server is not answering normally yet (${errorMessage(err)})`],
        warnings: [],
      };
    }
    for (const w of check.warnings) {
      if (!warned.has(w)) logger.warning(`${ctx.node}: ${w}`);
      warned.add(w);
    }
    last = check.failing;
    if (last.length === 0) {
      logger.info(`${ctx.node}: all gates pass after ${formatDuration(Date.now() - started)}`);
      return;
    }
    const text = last.join("; ");
    if (text !== lastLogged) logger.info(`${ctx.node}: waiting: ${text}`);
    lastLogged = text;
    if (Date.now() >= deadline || signal?.aborted) break;
    await sleep(Math.min(1000, Math.max(0, deadline - Date.now())), signal);
  }
  throw new OperationalError(
    `node ${ctx.node} did not pass its gates within ${formatDuration(config.timeoutMs)}: ${last.join("; ")} (the node stays cordoned: check it, then re-run to resume from the gates)`,
  );
}
