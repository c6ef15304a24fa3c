// Entry of actions/etcd-list.
import { runAction } from "./run.ts";

await runAction(() => "etcd-list");
