/**
 * `cluster-info`: a read-only preflight every workflow can start with. It proves
 * the credentials work and shows what kubekeep is about to act on: the server
 * version and each node's role, kubelet version and readiness.
 */
import { defineCapability } from "../config/capability.ts";
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "./config.ts";
import { connect } from "./connect.ts";
import { newReport } from "../report/report.ts";
import { isNodeReady, type List, type Node } from "../nodes/types.ts";
import type { KubeClient } from "./client.ts";

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

export const clusterInfo = defineCapability<ClusterConfig>({
  name: "cluster-info",
  summary: "check access to the cluster and show its version and nodes",
  description:
    "Check access to the cluster and report its version and nodes (role, kubelet version, Ready, cordoned). A read-only preflight for any kubekeep workflow.",
  inputs: clusterInputs,
  outputs: {
    "server-version": "The API server's version, e.g. v1.35.4",
    nodes: "Number of nodes",
    "ready-nodes": "Number of Ready nodes",
  },
  parse: parseClusterConfig,
  async run(config, { logger }) {
    const { client, cleanup } = await connect(config, logger);
    try {
      const version = await client.serverVersion();
      const nodes = await listNodes(client);
      const report = newReport("Cluster");
      const ready = nodes.filter((n) => n.ready).length;
      report.facts.push(
        ["API server", client.server],
        ["Version", version.gitVersion],
        ["Nodes Ready", `${ready} of ${nodes.length}`],
      );
      report.tables.push({
        header: ["node", "roles", "kubelet", "ready", "schedulable"],
        rows: nodes.map((n) => [
          n.name,
          n.roles.join(",") || "<none>",
          n.kubeletVersion,
          n.ready ? "yes" : "NO",
          n.schedulable ? "yes" : "cordoned",
        ]),
      });
      logger.info(
        `connected to ${client.server}: Kubernetes ${version.gitVersion}, ${ready}/${nodes.length} nodes Ready`,
      );
      return {
        outputs: { "server-version": version.gitVersion, nodes: nodes.length, "ready-nodes": ready },
        report,
      };
    } finally {
      cleanup();
    }
  },
});
