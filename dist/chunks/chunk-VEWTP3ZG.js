import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/nodes/executors/executor.ts
function upgradeEnv(t) {
  return {
    KUBEKEEP_NODE: t.node,
    KUBEKEEP_NODE_ROLE: t.role,
    KUBEKEEP_KUBEADM_ACTION: t.kubeadmAction,
    KUBEKEEP_TARGET_VERSION: t.version,
    KUBEKEEP_TARGET_MINOR: t.minor,
    KUBEKEEP_FROM_VERSION: t.fromVersion
  };
}
function shellQuote(value) {
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}
function envPrelude(env) {
  return Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`).join("\n");
}
function failedStep(output) {
  const lines = [...output.matchAll(/kubekeep: step FAILED: (.+?) \(exit code \d+\)/g)];
  return lines.at(-1)?.[1];
}
function atStep(output) {
  const step = failedStep(output);
  return step ? ` at step "${step}"` : "";
}

export {
  upgradeEnv,
  envPrelude,
  atStep
};
