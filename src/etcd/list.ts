/** `etcd-list`: the stored snapshots of a cluster, newest first. */
import { defineCapability } from "../core/capability.ts";
import { formatBytes } from "../core/units.ts";
import { newReport } from "../report/report.ts";
import { SnapshotStore } from "../storage/s3.ts";
import { listSnapshots, notUsedTable, reportNotUsed } from "./catalog.ts";
import { listInputs, maskSecrets, parseListConfig, type VerifyConfig } from "./config.ts";

export const etcdList = defineCapability<VerifyConfig>({
  name: "etcd-list",
  summary: "list the stored etcd snapshots of a cluster",
  description:
    "List a cluster's stored etcd snapshots, newest first, with size, revision, etcd version and whether each was verified.",
  inputs: listInputs,
  outputs: { count: "Number of snapshots", key: "Key of the newest snapshot" },
  parse: parseListConfig,
  async run(config, { logger }) {
    maskSecrets(logger, config);
    const store = await SnapshotStore.open(config.storage.s3);
    try {
      const { snapshots: all, notUsed } = await listSnapshots(store, config.storage);
      reportNotUsed(notUsed, logger);
      const report = newReport(`etcd snapshots of ${config.storage.clusterName}`);
      report.facts.push(
        [
          "Location",
          `s3://${config.storage.s3.bucket}/${config.storage.s3.prefix}${config.storage.clusterName}/`,
        ],
        ["Snapshots", String(all.length)],
        ...(notUsed.length ? [["Not used", `${notUsed.length} (see below)`] as [string, string]] : []),
      );
      report.tables.push({
        header: ["snapshot", "taken (UTC)", "stored", "database", "revision", "etcd", "verified"],
        rows: all.map((s) => [
          s.key.slice(s.key.lastIndexOf("/") + 1),
          s.time.toISOString().replace(".000Z", "Z"),
          formatBytes(s.size),
          s.metadata ? formatBytes(s.metadata.dbSize) : "?",
          s.metadata ? String(s.metadata.revision) : "?",
          s.metadata?.etcdVersion ?? "?",
          s.metadata ? (s.metadata.verified ? "yes" : "no") : "INCOMPLETE (no metadata)",
        ]),
      });
      if (notUsed.length) report.tables.push(notUsedTable(notUsed));
      logger.info(`${all.length} snapshots`);
      return { outputs: { count: all.length, key: all[0]?.key ?? "" }, report };
    } finally {
      store.close();
    }
  },
});
