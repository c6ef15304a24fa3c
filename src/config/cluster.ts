/**
 * How a capability reaches the cluster: a kubeconfig file, or kubeconfig
 * content from a secret (the usual shape in a workflow), and an optional
 * context. The content is masked and written to a private temporary file.
 */
import fs from "node:fs";
import path from "node:path";
import type { KubeClient } from "../cluster/client.ts";
import { ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { InputSource } from "./inputs.ts";
import { input, readInputs } from "./schema.ts";
import { DEFAULT_STALL_TIMEOUT } from "../core/stall.ts";

/** The no-progress deadline of every network path (core/stall.ts), shared by every capability that has one. */
export const stallInputs = {
  "stall-timeout": input.duration({
    description:
      "How long a network peer (the Kubernetes API, etcd, S3) may send or take no data, or take to connect, before the run fails naming it. A deadline on progress, not on the whole run. Watches get their own server-side end plus this.",
    default: DEFAULT_STALL_TIMEOUT,
    min: "1s",
  }),
};

/** `stall-timeout` in milliseconds, for the cluster, etcd and S3 configs that share it. */
export function stallTimeout(src: InputSource): number {
  return readInputs(stallInputs, src)["stall-timeout"];
}

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

/**
 * The values in kubeconfig content to mask: those of keys that hold key
 * material or credentials (client-key-data, token, password, client-secret,
 * ...), unquoted. Booleans, null and values under 4 characters are left out:
 * real credentials are longer, and masking `1` or `true` would blank them
 * from every later log line.
 */
export function kubeconfigSecrets(content: string): string[] {
  const out: string[] = [];
  for (const line of content.split("\n")) {
    const m = /(?:data|token|password|secret)[\w-]*\s*:\s*(\S+)/i.exec(line);
    const value = m?.[1]?.replace(/^(["'])(.*)\1$/, "$2");
    if (!value || value.length < 4 || /^(true|false|null|~)$/i.test(value)) continue;
    out.push(value);
  }
  return out;
}

/** Connects with the config; the returned cleanup removes any temporary kubeconfig. */
export async function connect(
  config: ClusterConfig,
  logger: Logger,
): Promise<{ client: KubeClient; cleanup: () => void }> {
  // Loaded here, not at the top: the client and the YAML parser are for
  // capabilities that reach the API; the etcd ones that only read S3 import
  // this module for its inputs and must not pay for them (bench/startup).
  const [{ KubeClient }, { materializeKubeconfig }] = await Promise.all([
    import("../cluster/client.ts"),
    import("../cluster/kubeconfig.ts"),
  ]);
  let file = config.kubeconfigPath;
  let cleanup = () => {};
  if (config.kubeconfigContent !== undefined) {
    for (const value of kubeconfigSecrets(config.kubeconfigContent)) logger.setSecret(value);
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
