// Entry of actions/etcd-snapshot.
import { etcdSnapshot } from "../etcd/index.ts";
import { runAction } from "./run.ts";

await runAction(etcdSnapshot);
