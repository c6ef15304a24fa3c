// Entry of actions/cluster-info.
import { runAction } from "./run.ts";

await runAction(() => "cluster-info");
