// Entry of actions/etcd-prune.
import { etcdPrune } from "../etcd/index.ts";
import { runAction } from "./run.ts";

await runAction(etcdPrune);
