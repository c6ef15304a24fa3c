import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  maskStorageSecrets
} from "./chunk-HGXEXCPN.js";
import {
  SnapshotStore
} from "./chunk-YFAKV5HR.js";
import {
  using
} from "./chunk-OB3FCZHL.js";

// src/storage/with-store.ts
function withStore(storage, logger, fn) {
  maskStorageSecrets(logger, storage);
  return using(SnapshotStore.open(storage.s3), (store) => store.close(), fn);
}

export {
  withStore
};
