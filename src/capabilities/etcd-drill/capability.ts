/** `etcd-drill`: proves a stored snapshot restores, in throwaway etcd + kube-apiserver, and compares counts. */
import { defineCapability } from "../../config/capability.ts";
import { drillInputs, parseDrillConfig, type DrillConfig } from "./config.ts";

export const etcdDrill = defineCapability<DrillConfig>({
  name: "etcd-drill",
  summary:
    "prove a stored etcd snapshot restores: restore it into throwaway etcd + kube-apiserver and compare counts",
  description:
    "Prove a stored etcd snapshot restores: download and verify it, restore it with etcdutl into a throwaway etcd, start a throwaway kube-apiserver of the cluster's version on it, list every kind and compare per-kind counts (and the cluster's identity) with the live cluster or an export tree. Fails when the snapshot does not restore or the counts differ beyond the tolerance.",
  inputs: drillInputs,
  outputs: {
    key: "Object key drilled",
    passed: "true when the drill passed",
    "restore-seconds": "Seconds etcdutl snapshot restore took",
    "first-list-seconds":
      "Seconds from the throwaway etcd's start to the first list the restored kube-apiserver answered",
    objects: "Objects the restored kube-apiserver listed",
    differences: "Kinds whose counts differ beyond the tolerance",
    hashkv: "match or mismatch when the snapshot's metadata records a HashKV, empty otherwise",
  },
  parse: parseDrillConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
