/**
 * `etcd-restore`: downloads a stored snapshot (the newest by default),
 * decrypts and decompresses it to a verified `.db` file, and prints the
 * commands that restore it on a kubeadm control plane; with run-restore it
 * also runs `etcdutl snapshot restore` into data-dir.
 */
import { defineCapability } from "../../config/capability.ts";
import { parseRestoreConfig, restoreInputs, type RestoreConfig } from "./config.ts";

export const etcdRestore = defineCapability<RestoreConfig>({
  name: "etcd-restore",
  summary: "download, verify, decrypt and decompress a stored etcd snapshot; print or run the restore",
  description:
    "Download a stored etcd snapshot, verify, decrypt and decompress it to a .db file, and print the kubeadm restore commands, or run etcdutl snapshot restore into a new data dir.",
  inputs: restoreInputs,
  outputs: {
    key: "Object key restored",
    file: "Path of the .db file",
    sha256: "sha256 of the database",
    "db-size": "Bytes of the database",
    "data-dir": "The restored data dir when run-restore was true",
  },
  parse: parseRestoreConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
