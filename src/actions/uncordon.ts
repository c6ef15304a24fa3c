// Entry of actions/uncordon.
import { runAction } from "./run.ts";

await runAction(() => "uncordon");
