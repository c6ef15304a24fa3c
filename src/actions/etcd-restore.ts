// Entry of actions/etcd-restore.
import { etcdRestore } from "../etcd/index.ts";
import { runAction } from "./run.ts";

await runAction(etcdRestore);
