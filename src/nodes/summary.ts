/** Each node in a line: role, kubelet version, readiness, cordon (cluster-info's table). */
import type { KubeClient } from "../cluster/client.ts";
import { isNodeReady, type List, type Node } from "./types.ts";

export interface NodeSummary {
  name: string;
  roles: string[];
  kubeletVersion: string;
  ready: boolean;
  schedulable: boolean;
}

export async function listNodes(client: KubeClient): Promise<NodeSummary[]> {
  const list = await client.get<List<Node>>("/api/v1/nodes");
  return list.items
    .map((n) => ({
      name: n.metadata.name,
      roles: Object.keys(n.metadata.labels ?? {})
        .filter((l) => l.startsWith("node-role.kubernetes.io/"))
        .map((l) => l.slice("node-role.kubernetes.io/".length))
        .sort(),
      kubeletVersion: n.status?.nodeInfo?.kubeletVersion ?? "unknown",
      ready: isNodeReady(n),
      schedulable: !n.spec?.unschedulable,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
