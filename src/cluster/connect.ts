/**
 * Connecting with a ClusterConfig: kubeconfig content is masked and written
 * to a private temporary file, removed again when the connection closes.
 * `withCluster` is the one way a run connects, works and always closes.
 */
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../core/logger.ts";
import { using } from "../core/using.ts";
import type { KubeClient } from "./client.ts";
import type { ClusterConfig } from "./config.ts";

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
    import("./client.ts"),
    import("./kubeconfig.ts"),
  ]);
  if (config.eks) {
    const { roleSession, EksTokenSource } = await import("../aws/session.ts");
    const eks = config.eks;
    const session = roleSession(eks.identity, logger);
    const tokens = new EksTokenSource(session, eks, logger);
    // The first token now: a role or trust problem fails here, named, before any work.
    await tokens.token();
    let { server, ca } = eks;
    if (server === undefined || ca === undefined) {
      const { describeCluster } = await import("../aws/eks-describe.ts");
      const described = await describeCluster({
        endpoint: eks.eksEndpoint,
        region: eks.identity.region,
        clusterName: eks.clusterName,
        credentials: await session.credentials(),
        timeoutMs: eks.identity.timeoutMs,
      });
      server ??= described.server;
      ca ??= described.ca;
      logger.info(
        `EKS cluster ${eks.clusterName}${described.version ? ` (Kubernetes ${described.version})` : ""}: endpoint ${server}, from DescribeCluster`,
      );
    }
    const client = KubeClient.withBearer(server, ca, () => tokens.token(), config.stallTimeoutMs);
    return { client, cleanup: () => client.close() };
  }
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

/** Connects, runs `fn` with the client, and always closes (and removes any temporary kubeconfig). */
export function withCluster<T>(
  config: ClusterConfig,
  logger: Logger,
  fn: (client: KubeClient) => Promise<T>,
): Promise<T> {
  return using(
    connect(config, logger),
    (c) => c.cleanup(),
    (c) => fn(c.client),
  );
}
