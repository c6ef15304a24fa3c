// Entry of actions/export.
import { runAction } from "./run.ts";

await runAction(() => "export");
