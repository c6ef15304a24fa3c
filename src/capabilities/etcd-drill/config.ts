/**
 * etcd-drill's inputs and typed config. They live with the drill
 * (etcd/drill/config.ts), whose phases take the whole config.
 */
export { drillInputs, parseDrillConfig, type DrillConfig } from "../../etcd/drill/config.ts";
