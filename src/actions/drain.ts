// Entry of actions/drain.
import { runAction } from "./run.ts";

await runAction(() => "drain");
