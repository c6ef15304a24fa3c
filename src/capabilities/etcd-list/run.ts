/** etcd-list's run: lists the snapshots and tabulates them. */
import type { Result, RunContext } from "../../config/capability.ts";
import { formatBytes } from "../../core/units.ts";
import { listSnapshots, notUsedTable, reportNotUsed } from "../../etcd/catalog.ts";
import { newReport } from "../../report/report.ts";
import { withStore } from "../../storage/with-store.ts";
import type { ListConfig } from "./config.ts";

export function run(config: ListConfig, { logger }: RunContext): Promise<Result> {
  return withStore(config.storage, logger, async (store) => {
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
  });
}
