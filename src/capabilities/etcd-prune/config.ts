/** etcd-prune's inputs and typed config: the storage and a retention policy (which it requires). */
import type { InputSource } from "../../config/inputs.ts";
import { readInputs } from "../../config/schema.ts";
import { ConfigurationError } from "../../core/errors.ts";
import { parseStorage, storageInputs, type StorageConfig } from "../../storage/config.ts";
import { parseRetention, retentionInputs } from "../../storage/retention-config.ts";
import { policyIsEmpty, type RetentionPolicy } from "../../storage/retention.ts";

export interface PruneConfig {
  storage: StorageConfig;
  retention: RetentionPolicy;
  dryRun: boolean;
}

export const pruneInputs = { ...storageInputs, ...retentionInputs };

export function parsePruneConfig(src: InputSource): PruneConfig {
  const config = {
    storage: parseStorage(src),
    retention: parseRetention(src),
    dryRun: readInputs(retentionInputs, src)["dry-run"],
  };
  if (policyIsEmpty(config.retention)) {
    throw new ConfigurationError(
      "etcd-prune needs a retention policy: give at least one of keep-last, max-age, keep-daily, keep-weekly, keep-monthly",
    );
  }
  return config;
}
