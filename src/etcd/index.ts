// The etcd capabilities, for the registry.
export { etcdSnapshot } from "./snapshot.ts";
export { etcdVerify } from "./verify.ts";
export { etcdList } from "./list.ts";
export { etcdPrune } from "./prune.ts";
export { etcdRestore } from "./restore.ts";
export { etcdDrill } from "./drill/drill.ts";
