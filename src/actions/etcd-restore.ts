// Entry of actions/etcd-restore.
import { runAction } from "./run.ts";

await runAction(() => "etcd-restore");
