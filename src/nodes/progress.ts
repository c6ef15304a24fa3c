/**
 * Per-node upgrade progress, recorded on the Node itself as an annotation so
 * a re-run (or the next step of the same job) knows what is finished: nodes
 * done for the target are skipped, a node left half-way resumes there.
 */
import type { KubeClient } from "../cluster/client.ts";
import { nodePath, type Node } from "./types.ts";

export const PROGRESS_ANNOTATION = "kubekeep.dev/upgrade";

export const PHASES = ["draining", "drained", "upgrading", "upgraded", "verified", "done"] as const;
export type Phase = (typeof PHASES)[number] | "failed" | "cancelled";

export interface Progress {
  target: string;
  phase: Phase;
  /** Kubelet version before the upgrade started. */
  from?: string;
  /** For failed/cancelled: the last phase that completed. */
  reached?: (typeof PHASES)[number];
  /** The step that failed or was cancelled, with its message. */
  detail?: string;
  /** Who ran it (the lock holder identity). */
  by?: string;
  at: string;
  evicted?: number;
  drainSeconds?: number;
}

export function readProgress(node: Node): Progress | undefined {
  const raw = node.metadata.annotations?.[PROGRESS_ANNOTATION];
  if (!raw) return undefined;
  try {
    const p = JSON.parse(raw) as Progress;
    return typeof p.target === "string" && typeof p.phase === "string" ? p : undefined;
  } catch {
    return undefined;
  }
}

/** The last normal phase reached (for failed/cancelled runs, the one before it stopped). */
export function effectivePhase(p: Progress | undefined): (typeof PHASES)[number] | undefined {
  if (!p) return undefined;
  return p.phase === "failed" || p.phase === "cancelled" ? p.reached : p.phase;
}

/** True once `p` is at or past `reached` in the normal order. */
export function phaseAtLeast(p: Progress | undefined, reached: (typeof PHASES)[number]): boolean {
  const i = PHASES.indexOf(effectivePhase(p) as (typeof PHASES)[number]);
  return i >= 0 && i >= PHASES.indexOf(reached);
}

export async function writeProgress(
  client: KubeClient,
  node: string,
  update: Omit<Progress, "at">,
): Promise<Progress> {
  const progress: Progress = { ...update, at: new Date().toISOString() };
  await client.mergePatch(nodePath(node), {
    metadata: { annotations: { [PROGRESS_ANNOTATION]: JSON.stringify(progress) } },
  });
  return progress;
}
