import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

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
    import("./client-AMBP2ROR.js"),
    import("./kubeconfig-4VXS5MD3.js")
  ]);
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
async function withCluster(config, logger, fn) {
  const { client, cleanup } = await connect(config, logger);
  try {
    return await fn(client);
  } finally {
    cleanup();
  }
}

export {
  connect,
  withCluster
};
