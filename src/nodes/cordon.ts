/**
 * Cordon and uncordon that remember who cordoned: kubekeep marks the nodes it
 * cordoned with an annotation and uncordons only those, so a node an operator
 * cordoned before the drain stays cordoned afterwards.
 */
import type { KubeClient } from "../cluster/client.ts";
import { nodePath, type Node } from "./types.ts";

export const CORDONED_BY_US = "kubekeep.dev/cordoned";

export interface CordonResult {
  node: Node;
  /** The node was already unschedulable and not by us: leave it so afterwards. */
  cordonedByOthers: boolean;
}

export async function cordon(client: KubeClient, name: string): Promise<CordonResult> {
  const node = await client.get<Node>(nodePath(name));
  const ours = node.metadata.annotations?.[CORDONED_BY_US] === "true";
  if (node.spec?.unschedulable) return { node, cordonedByOthers: !ours };
  const patched = await client.mergePatch<Node>(nodePath(name), {
    metadata: { annotations: { [CORDONED_BY_US]: "true" }, resourceVersion: node.metadata.resourceVersion },
    spec: { unschedulable: true },
  });
  return { node: patched, cordonedByOthers: false };
}

export type UncordonOutcome = "uncordoned" | "left-cordoned" | "was-schedulable";

/** Uncordons a node we cordoned; with `force`, any node. */
export async function uncordon(client: KubeClient, name: string, force = false): Promise<UncordonOutcome> {
  const node = await client.get<Node>(nodePath(name));
  const ours = node.metadata.annotations?.[CORDONED_BY_US] === "true";
  if (!node.spec?.unschedulable) {
    if (ours)
      await client.mergePatch(nodePath(name), { metadata: { annotations: { [CORDONED_BY_US]: null } } });
    return "was-schedulable";
  }
  if (!ours && !force) return "left-cordoned";
  await client.mergePatch(nodePath(name), {
    metadata: { annotations: { [CORDONED_BY_US]: null } },
    spec: { unschedulable: null },
  });
  return "uncordoned";
}
