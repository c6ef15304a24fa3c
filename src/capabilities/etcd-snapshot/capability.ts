/**
 * `etcd-snapshot`: takes a snapshot over etcd's gRPC Maintenance API and
 * streams it, checked, through compression and encryption into an S3
 * multipart upload (etcd/snapshot.ts). Then records metadata, verifies the
 * stored copy and applies the retention policy.
 */
import { defineCapability } from "../../config/capability.ts";
import { parseSnapshotConfig, snapshotInputs, type SnapshotConfig } from "./config.ts";

export const etcdSnapshot = defineCapability<SnapshotConfig>({
  name: "etcd-snapshot",
  summary: "snapshot etcd over gRPC (mTLS), stream it compressed/encrypted to S3, verify, prune",
  description:
    "Snapshot etcd over its gRPC API (mTLS), directly or by port-forward through the Kubernetes API, and stream it (checked against etcd's sha256 trailer and size, zstd-compressed, optionally encrypted) into an S3 multipart upload with bounded memory; record metadata, verify the stored copy and prune by retention policy.",
  inputs: snapshotInputs,
  outputs: {
    key: "Object key of the snapshot",
    uri: "s3:// URI of the snapshot",
    size: "Bytes stored (after compression and encryption)",
    "db-size": "Bytes of the etcd database",
    sha256: "sha256 of the database (etcd's trailer)",
    revision: "etcd revision when the snapshot started",
    "etcd-version": "etcd server version",
    verified: "true when the stored copy was verified",
    hashkv:
      "match when verify-hashkv compared the snapshot's HashKV with the live member's, not-comparable when a compaction intervened, empty otherwise",
    duration: "Seconds the snapshot and upload took",
    deleted: "Snapshots deleted by retention",
  },
  parse: parseSnapshotConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
