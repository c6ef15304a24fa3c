// Entry of actions/drain.
import { drain } from "../nodes/drain-capability.ts";
import { runAction } from "./run.ts";

await runAction(drain);
