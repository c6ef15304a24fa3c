/**
 * S3 Object Lock for what etcd-snapshot writes (SECURITY.md: immutable
 * backups): the retention mode and how long, both or neither.
 */
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { ConfigurationError } from "../core/errors.ts";
import type { S3Config } from "./s3.ts";

export const objectLockInputs = {
  "object-lock-mode": input.enum(["none", "GOVERNANCE", "COMPLIANCE"] as const, {
    description:
      "Object Lock retention of every object written (snapshot and sidecar) on a bucket created with Object Lock: GOVERNANCE (users with s3:BypassGovernanceRetention may still delete) or COMPLIANCE (nobody can, until it ends). none: the bucket's default retention, if any.",
    default: "none",
  }),
  "object-lock-retain": input.duration({
    description: "How long each object is retained with object-lock-mode (e.g. 30d).",
    min: "1m",
  }),
};

export function parseObjectLock(src: InputSource): S3Config["objectLock"] {
  const v = readInputs(objectLockInputs, src);
  const mode = v["object-lock-mode"];
  const retainMs = v["object-lock-retain"];
  if (mode === "none") {
    if (retainMs !== undefined)
      throw new ConfigurationError(
        "input 'object-lock-retain' needs object-lock-mode: GOVERNANCE or COMPLIANCE",
      );
    return undefined;
  }
  if (retainMs === undefined)
    throw new ConfigurationError(
      `input 'object-lock-mode': ${mode} needs object-lock-retain, how long each object is retained (e.g. 30d)`,
    );
  return { mode, retainMs };
}
