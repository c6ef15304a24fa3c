// Entry of actions/etcd-drill.
import { runAction } from "./run.ts";

await runAction(() => "etcd-drill");
