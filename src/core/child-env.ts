/**
 * The environment of every process kubekeep starts. Never all of its own: a
 * GitHub Action gets each input as an `INPUT_*` variable (the kubeconfig's
 * content, the ssh key, the encryption key), the CLI takes secret inputs
 * from `KUBEKEEP_<INPUT>` variables, and the runner hands JS actions tokens a
 * `run:` step never sees. A child gets one of two environments:
 *
 * - a tool kubekeep runs for itself (etcdutl, the drill's etcd and API
 *   server, ssh, git, tar, openssl): the base list below (finding programs,
 *   home, locale, temporary folder, proxies, CA bundles) and the few
 *   variables that tool reads, named at the call;
 * - a user's own program (upgrade-command, health-command, exec credential
 *   plugins): what the same command would see in a `run:` step, as kubectl
 *   gives its plugins its own environment: everything but kubekeep's inputs,
 *   its secret variables, the runner's action-only tokens and the step's
 *   command files (a child writing to GITHUB_OUTPUT would forge outputs).
 *
 * Either way the caller's own variables (KUBEKEEP_NODE, ...) are added last.
 */

/** What every child may have: finding programs, home, locale, temporary folder, proxies, CA bundles. */
const BASE = [
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
  "SSL_CERT_DIR",
];

/** The CLI's secret inputs (cli/args.ts secretEnvName): KUBEKEEP_KUBECONFIG, KUBEKEEP_SSH_KEY, ... */
const SECRET_INPUT_VARIABLES = [
  "kubeconfig",
  "ssh-key",
  "etcd-key",
  "encryption-key",
  "encryption-config",
  "fingerprint-key",
  "secret-values",
].map((name) => `KUBEKEEP_${name.toUpperCase().replace(/-/g, "_")}`);

/** Never handed to a user's program: kubekeep's inputs and secrets, action-only tokens, the step's files. */
const NOT_FOR_USER_PROGRAMS = [
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
  "GITHUB_PATH",
];

/** `{ tool: [...] }`: the base list and these names (`GIT_*` for a prefix); "user": a user's program. */
export type Inherit = "user" | { tool: readonly string[] };

const matches = (name: string, patterns: readonly string[]) =>
  patterns.some((p) => (p.endsWith("*") ? name.startsWith(p.slice(0, -1)) : name === p));

/** The child's environment: what it inherits of `from` (kubekeep's), then `set`. */
export function childEnv(
  inherit: Inherit,
  set: Record<string, string> = {},
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const out: Record<string, string> = {};
  const keep =
    inherit === "user"
      ? // INPUT_ in any case: the runner upper-cases input names, another runner might not.
        (name: string) => !/^INPUT_/i.test(name) && !matches(name, NOT_FOR_USER_PROGRAMS)
      : (name: string) => matches(name, BASE) || matches(name, inherit.tool);
  for (const [name, value] of Object.entries(from)) if (value !== undefined && keep(name)) out[name] = value;
  return { ...out, ...set };
}

/**
 * An exec credential plugin's environment, from what client-node would have
 * given it (kubekeep's environment, with the kubeconfig's `env` entries laid
 * over it, or nothing when it has none): a user's program's environment and
 * those entries, as kubectl does.
 */
export function pluginEnv(
  asked: NodeJS.ProcessEnv | undefined,
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const own: Record<string, string> = {};
  for (const [name, value] of Object.entries(asked ?? {}))
    if (value !== undefined && from[name] !== value) own[name] = value;
  return childEnv("user", own, from);
}
