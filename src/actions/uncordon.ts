// Entry of actions/uncordon.
import { uncordon } from "../nodes/uncordon-capability.ts";
import { runAction } from "./run.ts";

await runAction(uncordon);
