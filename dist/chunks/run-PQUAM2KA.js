import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  newVersionRecord,
  writeVersionRecord
} from "./chunk-GMPEK76F.js";
import "./chunk-5YHNHMR5.js";
import {
  isNodeReady,
  kubeletVersion
} from "./chunk-TY2O5Y2Q.js";
import "./chunk-USUH4Q42.js";
import "./chunk-SMBKSNSB.js";
import {
  withCluster
} from "./chunk-AQEUWNRQ.js";
import "./chunk-OB3FCZHL.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/nodes/summary.ts
async function listNodes(client) {
  const list = await client.get("/api/v1/nodes");
  return list.items.map((n) => ({
    name: n.metadata.name,
    roles: Object.keys(n.metadata.labels ?? {}).filter((l) => l.startsWith("node-role.kubernetes.io/")).map((l) => l.slice("node-role.kubernetes.io/".length)).sort(),
    kubeletVersion: kubeletVersion(n),
    ready: isNodeReady(n),
    schedulable: !n.spec?.unschedulable
  })).sort((a, b) => a.name.localeCompare(b.name));
}

// src/capabilities/cluster-info/run.ts
function run(config, { logger }) {
  return withCluster(config, logger, async (client) => {
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
    if (config.record) {
      const where = await recordVersions(config.record, version.gitVersion, nodes, logger);
      report.facts.push(["Versions recorded", where]);
    }
    return {
      outputs: { "server-version": version.gitVersion, nodes: nodes.length, "ready-nodes": ready },
      report
    };
  });
}
async function recordVersions(storage, apiServer, nodes, logger) {
  const { withStore } = await import("./with-store-JMYZO7WB.js");
  return withStore(storage, logger, async (store) => {
    const record = newVersionRecord(
      storage.clusterName,
      apiServer,
      nodes.map((n) => n.kubeletVersion)
    );
    const key = await writeVersionRecord(store, storage.s3.prefix, record);
    const where = `s3://${storage.s3.bucket}/${key}`;
    logger.info(`recorded the versions for fleet-report at ${where}`);
    return where;
  });
}
export {
  run
};
