/**
 * cluster-info's inputs and typed config: cluster access, and optionally
 * where to record the versions it reads (the cluster's snapshot store), for
 * fleet-report.
 */
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../../cluster/config.ts";
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
import { parseStorage, storageInputs, type StorageConfig } from "../../storage/config.ts";

export interface ClusterInfoConfig extends ClusterConfig {
  /** Where to record the versions (versions/last.json under the cluster's prefix); undefined: not recorded. */
  record?: StorageConfig;
}

export const clusterInfoInputs = {
  ...clusterInputs,
  "s3-bucket": input.string({
    description:
      "Record the versions read (the API server's, and how many nodes run each kubelet version) in this bucket, at <s3-prefix><cluster-name>/versions/last.json next to the cluster's snapshots, where fleet-report reads them (docs/fleet.md).",
    defaultText: "not recorded",
  }),
  "s3-prefix": storageInputs["s3-prefix"],
  "cluster-name": storageInputs["cluster-name"],
  "s3-endpoint": storageInputs["s3-endpoint"],
  "s3-region": storageInputs["s3-region"],
  "s3-force-path-style": storageInputs["s3-force-path-style"],
  "s3-checksum": storageInputs["s3-checksum"],
};

export function parseClusterInfoConfig(src: InputSource): ClusterInfoConfig {
  const config = parseClusterConfig(src);
  const v = readInputs(clusterInfoInputs, src);
  if (v["s3-bucket"] === undefined) return config;
  // The storage inputs cluster-info does not declare (encryption, SSE, part sizes) read as their defaults.
  const declared = new Set(Object.keys(clusterInfoInputs));
  const record = parseStorage((name) => (declared.has(name) ? src(name) : ""));
  return { ...config, record };
}
