/**
 * `cluster-info`: a read-only preflight every workflow can start with. It proves
 * the credentials work and shows what kubekeep is about to act on: the server
 * version and each node's role, kubelet version and readiness.
 */
import { defineCapability } from "../../config/capability.ts";
import { clusterInfoInputs, parseClusterInfoConfig, type ClusterInfoConfig } from "./config.ts";

export const clusterInfo = defineCapability<ClusterInfoConfig>({
  name: "cluster-info",
  summary: "check access to the cluster and show its version and nodes",
  description:
    "Check access to the cluster and report its version and nodes (role, kubelet version, Ready, cordoned). A read-only preflight for any kubekeep workflow; with s3-bucket it also records the versions next to the cluster's snapshots, where fleet-report reads them.",
  inputs: clusterInfoInputs,
  outputs: {
    "server-version": "The API server's version, e.g. v1.35.4",
    nodes: "Number of nodes",
    "ready-nodes": "Number of Ready nodes",
  },
  parse: parseClusterInfoConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
