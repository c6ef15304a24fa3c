import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  stallInputs,
  stallTimeout
} from "./chunk-OD4EXP6E.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import {
  ConfigurationError
} from "./chunk-YBANDQLS.js";

// src/cluster/config.ts
import fs from "node:fs";
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

export {
  clusterInputs,
  parseClusterConfig
};
