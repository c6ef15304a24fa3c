// Entry of actions/etcd-verify.
import { etcdVerify } from "../etcd/index.ts";
import { runAction } from "./run.ts";

await runAction(etcdVerify);
