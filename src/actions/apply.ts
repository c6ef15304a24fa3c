// Entry of actions/apply.
import { runAction } from "./run.ts";

await runAction(() => "apply");
