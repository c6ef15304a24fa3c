// Entry of actions/fleet-report.
import { runAction } from "./run.ts";

await runAction(() => "fleet-report");
