/** `etcd-list`: the stored snapshots of a cluster, newest first. */
import { defineCapability } from "../../config/capability.ts";
import { listInputs, parseListConfig, type ListConfig } from "./config.ts";

export const etcdList = defineCapability<ListConfig>({
  name: "etcd-list",
  summary: "list the stored etcd snapshots of a cluster",
  description:
    "List a cluster's stored etcd snapshots, newest first, with size, revision, etcd version and whether each was verified.",
  inputs: listInputs,
  outputs: { count: "Number of snapshots", key: "Key of the newest snapshot" },
  parse: parseListConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
