/**
 * What upgrade-node checks before it disrupts anything, read from the
 * cluster: the control plane's versions (for the skew policy), nodes that
 * failed their upgrade to the same target and were never resolved (a matrix
 * whose fail-fast was not honoured must not roll on), and how Ready the
 * cluster is before the drain (the gates afterwards judge only what changed);
 * `checkBeforeDrain` puts them together before the first cordon.
 */
import type { KubeClient } from "../../cluster/client.ts";
import { OperationalError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { readProgress, type Progress } from "../progress.ts";
import {
  isControlPlane,
  isNodeReady,
  isPodReady,
  kubeletVersion,
  MIRROR_ANNOTATION,
  podKey,
  type List,
  type Node,
  type Pod,
} from "../types.ts";
import {
  checkNodeUpgradeSkew,
  compareVersions,
  parseVersion,
  type ControlPlaneVersions,
  type SkewNode,
  type Version,
} from "../version.ts";

/**
 * The API servers' versions: what /version answers, and the image tag of each
 * kube-apiserver static pod (kubeadm's layout), since behind a load balancer
 * /version may come from any of them in the middle of a control-plane upgrade.
 */
export async function controlPlaneVersions(client: KubeClient): Promise<ControlPlaneVersions> {
  const reported = (await client.serverVersion()).gitVersion;
  const v = parseVersion(reported);
  if (!v)
    throw new OperationalError(
      `the API server reports version ${JSON.stringify(reported)}, not a version like v1.35.1: check that the kubeconfig points at a Kubernetes API server`,
    );
  const seen: { version: Version; from: string }[] = [{ version: v, from: "the API server's /version" }];
  const pods = await client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods", {
    labelSelector: "component=kube-apiserver",
  });
  for (const p of pods.items) {
    const image = (p.spec as { containers?: { image?: string }[] } | undefined)?.containers?.[0]?.image ?? "";
    const tag = parseVersion(image.slice(image.lastIndexOf(":") + 1));
    if (tag) seen.push({ version: tag, from: `kube-apiserver on ${p.spec?.nodeName ?? p.metadata.name}` });
  }
  seen.sort((a, b) => compareVersions(a.version, b.version));
  const oldest = seen[0] as (typeof seen)[number];
  const newest = seen[seen.length - 1] as (typeof seen)[number];
  return { oldest: oldest.version, newest: newest.version, oldestFrom: oldest.from, newestFrom: newest.from };
}

/** Set on a failed node when `ignore-earlier-failures` let the rollout go on past it. */
export const FAILURE_OVERRIDE_ANNOTATION = "kubekeep.dev/upgrade-failure-overridden";

export interface FailedNode {
  node: string;
  progress: Progress;
}

interface Override {
  target: string;
  /** The `at` of the failure it overrides: a later failure of the same node blocks again. */
  failedAt: string;
  by: string;
  at: string;
}

/**
 * Nodes outside `batch` whose upgrade to `target` failed and was neither
 * resumed to success nor overridden.
 */
export function unresolvedFailures(nodes: Node[], target: string, batch: readonly string[]): FailedNode[] {
  const out: FailedNode[] = [];
  for (const n of nodes) {
    if (batch.includes(n.metadata.name)) continue;
    const p = readProgress(n);
    if (p?.target !== target || p.phase !== "failed") continue;
    let override: Override | undefined;
    try {
      override = JSON.parse(n.metadata.annotations?.[FAILURE_OVERRIDE_ANNOTATION] ?? "null") as Override;
    } catch {
      override = undefined;
    }
    if (override?.target === target && override.failedAt === p.at) continue;
    out.push({ node: n.metadata.name, progress: p });
  }
  return out;
}

/** Marks each failure as overridden (it no longer blocks the rollout), keeping who and when. */
export async function overrideFailures(client: KubeClient, failed: FailedNode[], by: string): Promise<void> {
  for (const f of failed) {
    const override: Override = {
      target: f.progress.target,
      failedAt: f.progress.at,
      by,
      at: new Date().toISOString(),
    };
    await client.mergePatch(`/api/v1/nodes/${encodeURIComponent(f.node)}`, {
      metadata: { annotations: { [FAILURE_OVERRIDE_ANNOTATION]: JSON.stringify(override) } },
    });
  }
}

export interface Readiness {
  /** Nodes not Ready now, outside this run's nodes. */
  othersNotReady: string[];
  /** Nodes about to be drained that are not Ready. */
  targetsNotReady: string[];
  /** Static (mirror) pods not Ready on the nodes about to be drained. */
  staticPodsNotReady: string[];
}

/**
 * `targets`: the nodes about to be drained; `batch`: every node of this run
 * (a node resumed past its drain may be NotReady from its own upgrade: it is
 * judged by its gates, not counted among the others).
 */
export async function readiness(
  client: KubeClient,
  all: Node[],
  targets: readonly string[],
  batch: readonly string[],
): Promise<Readiness> {
  const down = all.filter((n) => !isNodeReady(n)).map((n) => n.metadata.name);
  const staticPodsNotReady: string[] = [];
  for (const t of targets) {
    const pods = await client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods", {
      fieldSelector: `spec.nodeName=${t}`,
    });
    for (const p of pods.items)
      if (MIRROR_ANNOTATION in (p.metadata.annotations ?? {}) && !isPodReady(p))
        staticPodsNotReady.push(podKey(p));
  }
  return {
    othersNotReady: down.filter((n) => !batch.includes(n)),
    targetsNotReady: down.filter((n) => targets.includes(n)),
    staticPodsNotReady,
  };
}

/** A node as the skew policy sees it. */
export function skewNode(n: Node): SkewNode {
  return { name: n.metadata.name, controlPlane: isControlPlane(n), kubeletVersion: kubeletVersion(n) };
}

/** The skew policy's objections to upgrading each of `nodes`, with `all` the cluster's nodes. */
export function skewProblems(
  nodes: Node[],
  all: Node[],
  target: string,
  controlPlane: ControlPlaneVersions,
  actionFor: (n: Node) => "apply" | "node",
): string[] {
  const allNodes = all.map(skewNode);
  return nodes.flatMap((n) =>
    checkNodeUpgradeSkew({ node: skewNode(n), target, kubeadmAction: actionFor(n), controlPlane, allNodes }),
  );
}

export interface PreflightRun {
  client: KubeClient;
  logger: Logger;
  target: string;
  /** Every node of this run. */
  batch: readonly string[];
  /** Who overrides an earlier failure (the lock holder). */
  holder: string;
  ignoreEarlierFailures: boolean;
  /** require-all-nodes-ready: every other node must be Ready too. */
  allNodesReady: boolean;
}

/**
 * Everything that can be known before a node is disrupted, checked before
 * the first cordon: earlier failures of the same rollout, the skew policy for
 * each node's upgrade (`skew`, worked out by the caller), and readiness (the
 * nodes to drain Ready with their static pods; with require-all-nodes-ready
 * every other node too). Returns what refuses the run (empty: go on) and the
 * nodes already NotReady, so the gates afterwards hold only what changed.
 */
export async function checkBeforeDrain(
  run: PreflightRun,
  all: Node[],
  toDrain: string[],
  skew: string[],
): Promise<{ problems: string[]; othersNotReady: string[] }> {
  const { target, logger } = run;
  const problems: string[] = [];

  // 1. A failed node of this rollout stops it, even where fail-fast was not honoured.
  const failed = unresolvedFailures(all, target, run.batch);
  if (failed.length && run.ignoreEarlierFailures) {
    for (const f of failed)
      logger.warning(
        `${f.node} failed its upgrade to ${target} (${f.progress.detail ?? "no detail"}); going on past it as ignore-earlier-failures asks (recorded on ${f.node})`,
      );
    await overrideFailures(run.client, failed, run.holder);
  } else if (failed.length) {
    problems.push(
      `${failed
        .map(
          (f) =>
            `node ${f.node} failed its upgrade to ${target} at ${f.progress.at}${f.progress.detail ? ` (${f.progress.detail})` : ""}`,
        )
        .join(
          "; ",
        )}: a rollout stops at its first failure. Fix that node and re-run its upgrade (a success resolves it), or set ignore-earlier-failures: true to go on past it`,
    );
  }

  // 2. The version skew policy, for every node the executor will run on.
  problems.push(...skew);

  // 3. Readiness before the drain.
  const ready = await readiness(run.client, all, toDrain, run.batch);
  for (const t of ready.targetsNotReady)
    problems.push(
      `node ${t} is not Ready: an upgrade could not be verified; bring its kubelet back first (kubectl describe node ${t})`,
    );
  if (ready.staticPodsNotReady.length)
    problems.push(
      `static pods not Ready before the upgrade: ${ready.staticPodsNotReady.join(", ")}; the gates would wait for them afterwards: fix them first`,
    );
  if (ready.othersNotReady.length && run.allNodesReady)
    problems.push(
      `nodes not Ready: ${ready.othersNotReady.join(", ")}; require-all-nodes-ready asks for every node Ready before a drain: fix them, or set require-all-nodes-ready: false to go on (nodes already NotReady then do not fail the gates)`,
    );
  else if (ready.othersNotReady.length)
    logger.warning(
      `nodes already not Ready before the drain: ${ready.othersNotReady.join(", ")}; they will not count against this upgrade's gates`,
    );
  return { problems, othersNotReady: ready.othersNotReady };
}
