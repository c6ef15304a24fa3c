// Entry of actions/fleet-plan.
import { runAction } from "./run.ts";

await runAction(() => "fleet-plan");
