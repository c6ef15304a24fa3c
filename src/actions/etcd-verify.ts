// Entry of actions/etcd-verify.
import { runAction } from "./run.ts";

await runAction(() => "etcd-verify");
