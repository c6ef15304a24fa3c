// Entry of actions/cluster-info.
import { clusterInfo } from "../cluster/info.ts";
import { runAction } from "./run.ts";

await runAction(clusterInfo);
