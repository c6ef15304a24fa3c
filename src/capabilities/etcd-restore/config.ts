/** etcd-restore's inputs and typed config: which snapshot, where the .db goes, and the etcdutl restore. */
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
import type { RestoreTarget } from "../../etcd/restore.ts";
import { parseStorage, snapshotKeyInputs, storageInputs, type StorageConfig } from "../../storage/config.ts";

export interface RestoreConfig extends RestoreTarget {
  storage: StorageConfig;
  key?: string;
  output: string;
  run: boolean;
  etcdutl: string;
  /** How long etcdutl snapshot restore may run before its process group is ended and the restore fails. */
  etcdutlTimeoutMs: number;
}

export const restoreInputs = {
  ...storageInputs,
  ...snapshotKeyInputs,
  output: input.string({ description: "Where to write the .db file.", default: "etcd-snapshot.db" }),
  "data-dir": input.string({
    description: "Data dir for the restored member.",
    default: "/var/lib/etcd-restored",
  }),
  "run-restore": input.boolean({
    description:
      "Run etcdutl snapshot restore into data-dir (must not exist or be empty). When false, only print the commands.",
    default: false,
  }),
  etcdutl: input.string({ description: "etcdutl to run (a name on PATH or a path).", default: "etcdutl" }),
  "etcdutl-timeout": input.duration({
    description:
      "How long etcdutl snapshot restore may run; at the deadline its process group is ended (SIGTERM, then SIGKILL) and the restore fails, leaving data-dir to be removed.",
    default: "30m",
  }),
  "member-name": input.string({ description: "etcdutl --name." }),
  "initial-cluster": input.string({ description: "etcdutl --initial-cluster." }),
  "initial-advertise-peer-urls": input.string({ description: "etcdutl --initial-advertise-peer-urls." }),
};

export function parseRestoreConfig(src: InputSource): RestoreConfig {
  const v = readInputs(restoreInputs, src);
  return {
    storage: parseStorage(src),
    ...(v.key ? { key: v.key } : {}),
    output: v.output,
    dataDir: v["data-dir"],
    run: v["run-restore"],
    etcdutl: v.etcdutl,
    etcdutlTimeoutMs: v["etcdutl-timeout"],
    ...(v["member-name"] !== undefined ? { memberName: v["member-name"] } : {}),
    ...(v["initial-cluster"] !== undefined ? { initialCluster: v["initial-cluster"] } : {}),
    ...(v["initial-advertise-peer-urls"] !== undefined ? { peerUrls: v["initial-advertise-peer-urls"] } : {}),
  };
}
