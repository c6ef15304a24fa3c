// Entry of actions/etcd-snapshot.
import { runAction } from "./run.ts";

await runAction(() => "etcd-snapshot");
