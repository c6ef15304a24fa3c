/**
 * How a capability reaches the cluster: a kubeconfig file, or kubeconfig
 * content from a secret (the usual shape in a workflow), and an optional
 * context: the inputs and the typed config. Connecting is connect.ts's.
 */
import fs from "node:fs";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { stallInputs, stallTimeout } from "../config/stall.ts";
import { ConfigurationError } from "../core/errors.ts";

/** Cluster access, shared by every capability that talks to the API server. */
export const clusterInputs = {
  kubeconfig: input.string({
    description: "Kubeconfig content (from a secret) or a path to one.",
    defaultText: "$KUBECONFIG or ~/.kube/config",
    secret: true,
  }),
  "kubeconfig-path": input.string({ description: "Path to a kubeconfig file." }),
  context: input.string({ description: "Kubeconfig context to use instead of the current one." }),
  ...stallInputs,
};

export interface ClusterConfig {
  /** Path to a kubeconfig file; undefined means $KUBECONFIG or ~/.kube/config. */
  kubeconfigPath?: string;
  /** Kubeconfig content (a secret); wins over the path when both are given. */
  kubeconfigContent?: string;
  context?: string;
  /** How long the API server may send nothing before a request fails (`stall-timeout`); default 60s. */
  stallTimeoutMs?: number;
}

export function parseClusterConfig(src: InputSource): ClusterConfig {
  const config: ClusterConfig = {};
  const v = readInputs(clusterInputs, src);
  const content = v.kubeconfig;
  const file = v["kubeconfig-path"];
  if (content !== undefined) {
    // Accept a path in `kubeconfig` too: people often pass one there.
    if (!content.includes("\n") && fs.existsSync(content)) config.kubeconfigPath = content;
    else if (
      /^\s*(apiVersion|kind|clusters|contexts|users|current-context)\s*:/m.test(content) ||
      content.trim().startsWith("{")
    ) {
      config.kubeconfigContent = content;
    } else {
      throw new ConfigurationError(
        "input 'kubeconfig': expected kubeconfig YAML content (e.g. from a secret) or the path of an existing file; got neither (value not shown: it may be secret)",
      );
    }
  }
  if (file !== undefined) {
    if (!fs.existsSync(file))
      throw new ConfigurationError(`input 'kubeconfig-path': file ${JSON.stringify(file)} does not exist`);
    config.kubeconfigPath ??= file;
  }
  if (v.context !== undefined) config.context = v.context;
  config.stallTimeoutMs = stallTimeout(src);
  return config;
}
