/** cluster-info's run: the server version and the nodes, in a table; the versions recorded for fleet-report when asked. */
import { withCluster } from "../../cluster/connect.ts";
import type { Result, RunContext } from "../../config/capability.ts";
import type { Logger } from "../../core/logger.ts";
import { newVersionRecord, writeVersionRecord } from "../../fleet/version-record.ts";
import { listNodes, type NodeSummary } from "../../nodes/summary.ts";
import { newReport } from "../../report/report.ts";
import type { StorageConfig } from "../../storage/config.ts";
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
    if (config.record) {
      const where = await recordVersions(config.record, version.gitVersion, nodes, logger);
      report.facts.push(["Versions recorded", where]);
    }
    return {
      outputs: { "server-version": version.gitVersion, nodes: nodes.length, "ready-nodes": ready },
      report,
    };
  });
}

/** Writes versions/last.json next to the cluster's snapshots, for fleet-report. */
async function recordVersions(
  storage: StorageConfig,
  apiServer: string,
  nodes: NodeSummary[],
  logger: Logger,
): Promise<string> {
  const { withStore } = await import("../../storage/with-store.ts");
  return withStore(storage, logger, async (store) => {
    const record = newVersionRecord(
      storage.clusterName,
      apiServer,
      nodes.map((n) => n.kubeletVersion),
    );
    const key = await writeVersionRecord(store, storage.s3.prefix, record);
    const where = `s3://${storage.s3.bucket}/${key}`;
    logger.info(`recorded the versions for fleet-report at ${where}`);
    return where;
  });
}
