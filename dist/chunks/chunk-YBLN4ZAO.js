import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  DEFAULT_STALL_TIMEOUT
} from "./chunk-A2QQ3WGS.js";
import {
  input,
  readInputs
} from "./chunk-3J7THEQH.js";
import {
  ConfigurationError
} from "./chunk-YBANDQLS.js";

// src/config/cluster.ts
import fs from "node:fs";
import path from "node:path";
var stallInputs = {
  "stall-timeout": input.duration({
    description: "How long a network peer (the Kubernetes API, etcd, S3) may send or take no data, or take to connect, before the run fails naming it. A deadline on progress, not on the whole run. Watches get their own server-side end plus this.",
    default: DEFAULT_STALL_TIMEOUT,
    min: "1s"
  })
};
function stallTimeout(src) {
  return readInputs(stallInputs, src)["stall-timeout"];
}
var clusterInputs = {
  kubeconfig: input.string({
    description: "Kubeconfig content (from a secret) or a path to one.",
    defaultText: "$KUBECONFIG or ~/.kube/config",
    secret: true
  }),
  "kubeconfig-path": input.string({ description: "Path to a kubeconfig file." }),
  context: input.string({ description: "Kubeconfig context to use instead of the current one." }),
  ...stallInputs
};
function parseClusterConfig(src) {
  const config = {};
  const v = readInputs(clusterInputs, src);
  const content = v.kubeconfig;
  const file = v["kubeconfig-path"];
  if (content !== void 0) {
    if (!content.includes("\n") && fs.existsSync(content)) config.kubeconfigPath = content;
    else if (/^\s*(apiVersion|kind|clusters|contexts|users|current-context)\s*:/m.test(content) || content.trim().startsWith("{")) {
      config.kubeconfigContent = content;
    } else {
      throw new ConfigurationError(
        "input 'kubeconfig': expected kubeconfig YAML content (e.g. from a secret) or the path of an existing file; got neither (value not shown: it may be secret)"
      );
    }
  }
  if (file !== void 0) {
    if (!fs.existsSync(file))
      throw new ConfigurationError(`input 'kubeconfig-path': file ${JSON.stringify(file)} does not exist`);
    config.kubeconfigPath ??= file;
  }
  if (v.context !== void 0) config.context = v.context;
  config.stallTimeoutMs = stallTimeout(src);
  return config;
}
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
    import("./client-HF2O6FZK.js"),
    import("./kubeconfig-YRYUU3S7.js")
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

export {
  stallInputs,
  stallTimeout,
  clusterInputs,
  parseClusterConfig,
  connect
};
