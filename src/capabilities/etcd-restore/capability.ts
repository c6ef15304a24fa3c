/**
 * `etcd-restore`: mode download (the default, as before) fetches a stored
 * snapshot to a verified `.db` file and prints the kubeadm restore commands
 * (or runs etcdutl into data-dir); modes plan, run, verify and rollback
 * restore it into the live control plane's etcd members (recovery/).
 */
import { defineCapability } from "../../config/capability.ts";
import { parseRestoreConfig, restoreInputs, type RestoreConfig } from "./config.ts";

export const etcdRestore = defineCapability<RestoreConfig>({
  name: "etcd-restore",
  summary:
    "restore a stored etcd snapshot: download it, or plan, run, verify and roll back a control-plane restore",
  description:
    "Download a stored etcd snapshot, verify, decrypt and decompress it to a .db file, and print the kubeadm restore commands or run etcdutl into a new data dir (mode download); or restore it into the live control plane's etcd members, with revisions bumped, and check the result (modes plan, run, verify, rollback; see docs/restore.md).",
  inputs: restoreInputs,
  outputs: {
    key: "Object key restored",
    file: "Path of the .db file",
    sha256: "sha256 of the database",
    "db-size": "Bytes of the database",
    "data-dir": "The restored data dir when run-restore was true",
    mode: "The mode that ran",
    members: "mode plan: the members, in the form the members input takes",
    "restore-id": "modes run and rollback: the restore's id (its cluster token; rollback's restore-id)",
    verified: "modes run, verify, rollback: whether every check after it passed",
  },
  parse: parseRestoreConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
