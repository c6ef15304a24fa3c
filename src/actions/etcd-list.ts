// Entry of actions/etcd-list.
import { etcdList } from "../etcd/index.ts";
import { runAction } from "./run.ts";

await runAction(etcdList);
