import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  using
} from "./chunk-OB3FCZHL.js";

// src/cluster/connect.ts
import fs from "node:fs";
import path from "node:path";
function kubeconfigSecrets(content) {
  const out = [];
  for (const line of content.split("\n")) {
    const m = /(?:data|token|password|secret)[\w-]*\s*:\s*(\S+)/i.exec(line);
    const value = m?.[1]?.replace(/^(["'])(.*)\1$/, "$2");
    if (!value || value.length < 4 || /^(true|false|null|~)$/i.test(value)) continue;
    out.push(value);
  }
  return out;
}
async function connect(config, logger) {
  const [{ KubeClient }, { materializeKubeconfig }] = await Promise.all([
    import("./client-DPIWNEUG.js"),
    import("./kubeconfig-YRYUU3S7.js")
  ]);
  if (config.eks) {
    const { roleSession, EksTokenSource } = await import("./session-NMUTNQN5.js");
    const eks = config.eks;
    const session = roleSession(eks.identity, logger);
    const tokens = new EksTokenSource(session, eks, logger);
    await tokens.token();
    let { server, ca } = eks;
    if (server === void 0 || ca === void 0) {
      const { describeCluster } = await import("./eks-describe-7CSG6HQ2.js");
      const described = await describeCluster({
        endpoint: eks.eksEndpoint,
        region: eks.identity.region,
        clusterName: eks.clusterName,
        credentials: await session.credentials(),
        timeoutMs: eks.identity.timeoutMs
      });
      server ??= described.server;
      ca ??= described.ca;
      logger.info(
        `EKS cluster ${eks.clusterName}${described.version ? ` (Kubernetes ${described.version})` : ""}: endpoint ${server}, from DescribeCluster`
      );
    }
    const client = KubeClient.withBearer(server, ca, () => tokens.token(), config.stallTimeoutMs);
    return { client, cleanup: () => client.close() };
  }
  let file = config.kubeconfigPath;
  let cleanup = () => {
  };
  if (config.kubeconfigContent !== void 0) {
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
      }
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}
function withCluster(config, logger, fn) {
  return using(
    connect(config, logger),
    (c) => c.cleanup(),
    (c) => fn(c.client)
  );
}

export {
  kubeconfigSecrets,
  connect,
  withCluster
};
