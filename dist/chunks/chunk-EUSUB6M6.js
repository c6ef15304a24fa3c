import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/core/child-env.ts
var BASE = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "LC_*",
  "TZ",
  "TMPDIR",
  "TMP",
  "TEMP",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "all_proxy",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR"
];
var SECRET_INPUT_VARIABLES = [
  "kubeconfig",
  "ssh-key",
  "etcd-key",
  "encryption-key",
  "encryption-config",
  "fingerprint-key",
  "secret-values"
].map((name) => `KUBEKEEP_${name.toUpperCase().replace(/-/g, "_")}`);
var NOT_FOR_USER_PROGRAMS = [
  "INPUT_*",
  ...SECRET_INPUT_VARIABLES,
  "ACTIONS_RUNTIME_TOKEN",
  "ACTIONS_RUNTIME_URL",
  "ACTIONS_CACHE_URL",
  "ACTIONS_RESULTS_URL",
  "GITHUB_OUTPUT",
  "GITHUB_STATE",
  "GITHUB_STEP_SUMMARY",
  "GITHUB_ENV",
  "GITHUB_PATH"
];
var matches = (name, patterns) => patterns.some((p) => p.endsWith("*") ? name.startsWith(p.slice(0, -1)) : name === p);
function childEnv(inherit, set = {}, from = process.env) {
  const out = {};
  const keep = inherit === "user" ? (
    // INPUT_ in any case: the runner upper-cases input names, another runner might not.
    (name) => !/^INPUT_/i.test(name) && !matches(name, NOT_FOR_USER_PROGRAMS)
  ) : (name) => matches(name, BASE) || matches(name, inherit.tool);
  for (const [name, value] of Object.entries(from)) if (value !== void 0 && keep(name)) out[name] = value;
  return { ...out, ...set };
}
function pluginEnv(asked, from = process.env) {
  const own = {};
  for (const [name, value] of Object.entries(asked ?? {}))
    if (value !== void 0 && from[name] !== value) own[name] = value;
  return childEnv("user", own, from);
}

export {
  childEnv,
  pluginEnv
};
