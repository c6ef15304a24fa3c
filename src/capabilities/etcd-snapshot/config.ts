/** etcd-snapshot's inputs and typed config: etcd access, storage, compression, verification, retention. */
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
import { ConfigurationError } from "../../core/errors.ts";
import { etcdAccessInputs, parseEtcdAccess, type EtcdAccess } from "../../etcd/access-config.ts";
import { COMPRESSIONS, type Compression } from "../../storage/compression.ts";
import { parseStorage, storageInputs, type StorageConfig } from "../../storage/config.ts";
import { objectLockInputs, parseObjectLock } from "../../storage/object-lock-config.ts";
import { parseRetention, retentionInputs } from "../../storage/retention-config.ts";
import type { RetentionPolicy } from "../../storage/retention.ts";

export interface SnapshotConfig {
  etcd: EtcdAccess;
  storage: StorageConfig;
  compression: Compression;
  verify: boolean;
  /** Also recompute HashKV from the stored snapshot and compare with the live member. */
  verifyHashKV: boolean;
  retention: RetentionPolicy;
  dryRun: boolean;
}

export const snapshotInputs = {
  ...etcdAccessInputs,
  ...storageInputs,
  compression: input.enum(COMPRESSIONS, {
    description: "zstd, gzip or none. zstd falls back to gzip on runtimes without it.",
    default: "zstd",
  }),
  verify: input.boolean({
    description:
      "After the upload, download the snapshot and check its sha256, size and bolt structure. Retention only prunes after a successful verify.",
    default: true,
  }),
  "verify-hashkv": input.boolean({
    description:
      "Also recompute etcd's HashKV from the downloaded snapshot and compare it with the live member's HashKV at the snapshot's revision (a mismatch fails the run). Needs temporary disk space for the database.",
    default: false,
  }),
  ...objectLockInputs,
  ...retentionInputs,
};

export function parseSnapshotConfig(src: InputSource): SnapshotConfig {
  const v = readInputs(snapshotInputs, src);
  if (v["verify-hashkv"] && !v.verify) {
    throw new ConfigurationError("input 'verify-hashkv' needs verify: true (it checks the downloaded copy)");
  }
  const storage = parseStorage(src);
  const objectLock = parseObjectLock(src);
  return {
    etcd: parseEtcdAccess(src),
    storage: objectLock ? { ...storage, s3: { ...storage.s3, objectLock } } : storage,
    compression: v.compression,
    verify: v.verify,
    verifyHashKV: v["verify-hashkv"],
    retention: parseRetention(src),
    dryRun: v["dry-run"],
  };
}
