/**
 * apply's inputs and typed config. They live with the domain
 * (restore/config.ts): the planner and the prune take the selection they
 * hold, and the selection inputs are the export's (export/config.ts).
 */
export { applyInputs, parseApplyConfig, type ApplyConfig } from "../../restore/config.ts";
