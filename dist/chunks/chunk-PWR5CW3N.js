import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  maskStorageSecrets
} from "./chunk-KPFWZQ3H.js";
import {
  SnapshotStore
} from "./chunk-PX5CEPUL.js";

// src/storage/with-store.ts
async function withStore(storage, logger, fn) {
  maskStorageSecrets(logger, storage);
  const store = await SnapshotStore.open(storage.s3);
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

export {
  withStore
};
