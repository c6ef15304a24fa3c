/** etcd-verify's inputs and typed config: the storage and which snapshot (the newest by default). */
import type { InputSource } from "../../config/inputs.ts";
import { readInputs } from "../../config/schema.ts";
import { parseStorage, snapshotKeyInputs, storageInputs, type StorageConfig } from "../../storage/config.ts";

export interface VerifyConfig {
  storage: StorageConfig;
  /** Object key, or undefined for the newest snapshot. */
  key?: string;
}

export const verifyInputs = { ...storageInputs, ...snapshotKeyInputs };

export function parseVerifyConfig(src: InputSource): VerifyConfig {
  const key = readInputs(snapshotKeyInputs, src).key;
  return { storage: parseStorage(src), ...(key ? { key } : {}) };
}
