/** uncordon's inputs and typed config: cluster access, the nodes, and whether to force. */
import { clusterInputs, parseClusterConfig, type ClusterConfig } from "../../cluster/config.ts";
import type { InputSource } from "../../config/inputs.ts";
import { input, readInputs } from "../../config/schema.ts";
import { nodeInput, parseNodes } from "../../nodes/config.ts";

export interface UncordonConfig {
  cluster: ClusterConfig;
  nodes: string[];
  force: boolean;
}

export const uncordonInputs = {
  ...clusterInputs,
  ...nodeInput,
  force: input.boolean({ description: "Uncordon even nodes kubekeep did not cordon.", default: false }),
};

export function parseUncordonConfig(src: InputSource): UncordonConfig {
  return {
    cluster: parseClusterConfig(src),
    nodes: parseNodes(src),
    force: readInputs(uncordonInputs, src).force,
  };
}
