// Entry of actions/upgrade-plan.
import { upgradePlan } from "../nodes/plan-capability.ts";
import { runAction } from "./run.ts";

await runAction(upgradePlan);
