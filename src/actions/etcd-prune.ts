// Entry of actions/etcd-prune.
import { runAction } from "./run.ts";

await runAction(() => "etcd-prune");
