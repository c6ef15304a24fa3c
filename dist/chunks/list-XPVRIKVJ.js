import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  SnapshotStore,
  listInputs,
  listSnapshots,
  maskSecrets,
  parseListConfig
} from "./chunk-KUKKODUN.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-YBLN4ZAO.js";
import "./chunk-A2QQ3WGS.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  defineCapability
} from "./chunk-XLC3HNET.js";
import "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import {
  formatBytes
} from "./chunk-T4ZVIX6G.js";
import "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/etcd/list.ts
var etcdList = defineCapability({
  name: "etcd-list",
  summary: "list the stored etcd snapshots of a cluster",
  description: "List a cluster's stored etcd snapshots, newest first, with size, revision, etcd version and whether each was verified.",
  inputs: listInputs,
  outputs: { count: "Number of snapshots", key: "Key of the newest snapshot" },
  parse: parseListConfig,
  async run(config, { logger }) {
    maskSecrets(logger, config);
    const store = await SnapshotStore.open(config.storage.s3);
    try {
      const all = await listSnapshots(store, config.storage);
      const report = newReport(`etcd snapshots of ${config.storage.clusterName}`);
      report.facts.push(
        [
          "Location",
          `s3://${config.storage.s3.bucket}/${config.storage.s3.prefix}${config.storage.clusterName}/`
        ],
        ["Snapshots", String(all.length)]
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
          s.metadata ? s.metadata.verified ? "yes" : "no" : "INCOMPLETE (no metadata)"
        ])
      });
      logger.info(`${all.length} snapshots`);
      return { outputs: { count: all.length, key: all[0]?.key ?? "" }, report };
    } finally {
      store.close();
    }
  }
});
export {
  etcdList
};
