/**
 * What upgrade-node checks before it disrupts anything, read from the
 * cluster: the control plane's versions (for the skew policy), nodes that
 * failed their upgrade to the same target and were never resolved (a matrix
 * whose fail-fast was not honoured must not roll on), and how Ready the
 * cluster is before the drain (the gates afterwards judge only what changed).
 */
import type { KubeClient } from "../cluster/client.ts";
import { OperationalError } from "../core/errors.ts";
import { readProgress, type Progress } from "./progress.ts";
import {
  isNodeReady,
  isPodReady,
  MIRROR_ANNOTATION,
  podKey,
  type List,
  type Node,
  type Pod,
} from "./types.ts";
import { compareVersions, parseVersion, type ControlPlaneVersions, type Version } from "./version.ts";

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
