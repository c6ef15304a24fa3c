/** `etcd-verify`: downloads a stored snapshot (the newest by default) and checks it end to end. */
import { defineCapability } from "../../config/capability.ts";
import { parseVerifyConfig, verifyInputs, type VerifyConfig } from "./config.ts";

export const etcdVerify = defineCapability<VerifyConfig>({
  name: "etcd-verify",
  summary: "download a stored etcd snapshot and check its sha256, size and bolt structure",
  description:
    "Download a stored etcd snapshot (the newest by default), decrypt and decompress it as a stream, and check etcd's sha256 trailer, the recorded size and hash, and the bolt file's structure.",
  inputs: verifyInputs,
  outputs: {
    key: "Object key checked",
    sha256: "sha256 of the database",
    "db-size": "Bytes of the database",
    verified: "true",
  },
  parse: parseVerifyConfig,
  run: async (config, ctx) => (await import("./run.ts")).run(config, ctx),
});
