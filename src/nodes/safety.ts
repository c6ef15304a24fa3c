/**
 * Guards every drain shares: never take the last Ready control-plane node
 * out of service, and refuse unknown nodes before touching anything.
 */
import type { KubeClient } from "../cluster/client.ts";
import { ConfigurationError } from "../core/errors.ts";
import { isControlPlane, isNodeReady, type List, type Node } from "./types.ts";

export async function checkDrainable(
  client: KubeClient,
  nodes: string[],
  allowLastControlPlane: boolean,
): Promise<Node[]> {
  const all = (await client.get<List<Node>>("/api/v1/nodes")).items;
  const byName = new Map(all.map((n) => [n.metadata.name, n]));
  const missing = nodes.filter((n) => !byName.has(n));
  if (missing.length) {
    throw new ConfigurationError(
      `input 'node': no such node ${missing.map((m) => JSON.stringify(m)).join(", ")}; the cluster has: ${[...byName.keys()].join(", ")}`,
    );
  }
  const targets = nodes.map((n) => byName.get(n) as Node);
  if (targets.some(isControlPlane) && !allowLastControlPlane) {
    const others = all.filter((n) => isControlPlane(n) && isNodeReady(n) && !nodes.includes(n.metadata.name));
    if (others.length === 0) {
      throw new ConfigurationError(
        `refusing to drain ${targets
          .filter(isControlPlane)
          .map((n) => n.metadata.name)
          .join(
            ", ",
          )}: no other Ready control-plane node would remain (set allow-draining-last-control-plane to override, e.g. for a single control-plane cluster)`,
      );
    }
  }
  return targets;
}
