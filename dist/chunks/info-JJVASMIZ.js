import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  isNodeReady
} from "./chunk-VVID3JDB.js";
import {
  clusterInputs,
  connect,
  parseClusterConfig
} from "./chunk-YBLN4ZAO.js";
import "./chunk-A2QQ3WGS.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  defineCapability
} from "./chunk-XLC3HNET.js";
import "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-T4ZVIX6G.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/cluster/info.ts
async function listNodes(client) {
  const list = await client.get("/api/v1/nodes");
  return list.items.map((n) => ({
    name: n.metadata.name,
    roles: Object.keys(n.metadata.labels ?? {}).filter((l) => l.startsWith("node-role.kubernetes.io/")).map((l) => l.slice("node-role.kubernetes.io/".length)).sort(),
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion ?? "unknown",
    ready: isNodeReady(n),
    schedulable: !n.spec?.unschedulable
  })).sort((a, b) => a.name.localeCompare(b.name));
}
var clusterInfo = defineCapability({
  name: "cluster-info",
  summary: "check access to the cluster and show its version and nodes",
  description: "Check access to the cluster and report its version and nodes (role, kubelet version, Ready, cordoned). A read-only preflight for any kubekeep workflow.",
  inputs: clusterInputs,
  outputs: {
    "server-version": "The API server's version, e.g. v1.35.4",
    nodes: "Number of nodes",
    "ready-nodes": "Number of Ready nodes"
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
        ["Nodes Ready", `${ready} of ${nodes.length}`]
      );
      report.tables.push({
        header: ["node", "roles", "kubelet", "ready", "schedulable"],
        rows: nodes.map((n) => [
          n.name,
          n.roles.join(",") || "<none>",
          n.kubeletVersion,
          n.ready ? "yes" : "NO",
          n.schedulable ? "yes" : "cordoned"
        ])
      });
      logger.info(
        `connected to ${client.server}: Kubernetes ${version.gitVersion}, ${ready}/${nodes.length} nodes Ready`
      );
      return {
        outputs: { "server-version": version.gitVersion, nodes: nodes.length, "ready-nodes": ready },
        report
      };
    } finally {
      cleanup();
    }
  }
});
export {
  clusterInfo,
  listNodes
};
