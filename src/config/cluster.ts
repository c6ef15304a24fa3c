/**
 * How a capability reaches the cluster: a kubeconfig file, or kubeconfig
 * content from a secret (the usual shape in a workflow), and an optional
 * context. The content is masked and written to a private temporary file.
 */
import fs from "node:fs";
import path from "node:path";
import { KubeClient } from "../cluster/client.ts";
import { materializeKubeconfig } from "../cluster/kubeconfig.ts";
import { ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { optional, stallTimeout, type InputSource } from "./inputs.ts";

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
  const content = optional(src, "kubeconfig");
  const file = optional(src, "kubeconfig-path");
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
  const context = optional(src, "context");
  if (context !== undefined) config.context = context;
  config.stallTimeoutMs = stallTimeout(src);
  return config;
}

/** Connects with the config; the returned cleanup removes any temporary kubeconfig. */
export async function connect(
  config: ClusterConfig,
  logger: Logger,
): Promise<{ client: KubeClient; cleanup: () => void }> {
  let file = config.kubeconfigPath;
  let cleanup = () => {};
  if (config.kubeconfigContent !== undefined) {
    for (const line of config.kubeconfigContent.split("\n")) {
      const m = /(?:data|token|password|secret)[\w-]*\s*:\s*(\S+)/i.exec(line);
      if (m?.[1]) logger.setSecret(m[1]);
    }
    file = materializeKubeconfig(config.kubeconfigContent);
    const dir = path.dirname(file);
    cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  }
  try {
    const client = await KubeClient.fromFile(file, config.context, config.stallTimeoutMs);
    return {
      client,
      cleanup: () => {
        client.close();
        cleanup();
      },
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}
