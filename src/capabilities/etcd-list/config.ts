/** etcd-list's inputs and typed config: the storage alone (it lists every snapshot, so it takes no key). */
import type { InputSource } from "../../config/inputs.ts";
import { parseStorage, storageInputs, type StorageConfig } from "../../storage/config.ts";

export interface ListConfig {
  storage: StorageConfig;
}

export const listInputs = storageInputs;

export function parseListConfig(src: InputSource): ListConfig {
  return { storage: parseStorage(src) };
}
