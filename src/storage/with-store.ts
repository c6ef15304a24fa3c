/**
 * The one way a run uses the snapshot store: mask the storage's secrets,
 * open the store, run, and always close it (its sockets would otherwise keep
 * the process alive), whatever the run throws.
 */
import type { Logger } from "../core/logger.ts";
import { using } from "../core/using.ts";
import { maskStorageSecrets, type StorageConfig } from "./config.ts";
import { SnapshotStore } from "./s3.ts";

export function withStore<T>(
  storage: StorageConfig,
  logger: Logger,
  fn: (store: SnapshotStore) => Promise<T>,
): Promise<T> {
  maskStorageSecrets(logger, storage);
  return using(SnapshotStore.open(storage.s3, logger), (store) => store.close(), fn);
}
