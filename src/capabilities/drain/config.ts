/** drain's inputs and typed config: cluster access, the nodes, drain behaviour and the lock. */
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../../cluster/config.ts";
import type { InputSource } from "../../config/inputs.ts";
import {
  drainInputs,
  lockInputs,
  nodeInput,
  parseAllowLastControlPlane,
  parseDrainOptions,
  parseLock,
  parseNodes,
} from "../../nodes/config.ts";
import type { DrainOptions } from "../../nodes/drain.ts";
import type { LockConfig } from "../../nodes/lock.ts";

export interface DrainConfig {
  cluster: ClusterConfig;
  nodes: string[];
  drain: DrainOptions;
  lock: LockConfig | undefined;
  allowLastControlPlane: boolean;
}

export const drainCapabilityInputs = { ...clusterInputs, ...nodeInput, ...drainInputs, ...lockInputs };

export function parseDrainConfig(src: InputSource): DrainConfig {
  const nodes = parseNodes(src);
  return {
    cluster: parseClusterConfig(src),
    nodes,
    drain: parseDrainOptions(src),
    lock: parseLock(src, nodes),
    allowLastControlPlane: parseAllowLastControlPlane(src),
  };
}
