/** cluster-info's inputs and typed config: cluster access alone. */
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../../cluster/config.ts";

export type ClusterInfoConfig = ClusterConfig;
export const clusterInfoInputs = clusterInputs;
export const parseClusterInfoConfig = parseClusterConfig;
