// Entry of actions/export.
import { exportCapability } from "../export/export.ts";
import { runAction } from "./run.ts";

await runAction(exportCapability);
