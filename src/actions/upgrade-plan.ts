// Entry of actions/upgrade-plan.
import { runAction } from "./run.ts";

await runAction(() => "upgrade-plan");
