import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  SnapshotStore
} from "./chunk-YFTWI7CJ.js";
import {
  maskStorageSecrets
} from "./chunk-MINQNAAS.js";
import {
  using
} from "./chunk-OB3FCZHL.js";

// src/storage/with-store.ts
function withStore(storage, logger, fn) {
  maskStorageSecrets(logger, storage);
  return using(SnapshotStore.open(storage.s3, logger), (store) => store.close(), fn);
}

export {
  withStore
};
