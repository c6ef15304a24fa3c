/** cluster-info's run: the server version and the nodes, in a table. */
import { withCluster } from "../../cluster/connect.ts";
import type { Result, RunContext } from "../../config/capability.ts";
import { listNodes } from "../../nodes/summary.ts";
import { newReport } from "../../report/report.ts";
import type { ClusterInfoConfig } from "./config.ts";

export function run(config: ClusterInfoConfig, { logger }: RunContext): Promise<Result> {
  return withCluster(config, logger, async (client) => {
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
  });
}
