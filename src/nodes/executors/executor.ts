/**
 * What runs the upgrade on a node: over SSH, in a privileged pod pinned to
 * the node, or as the user's command. Each gets the same target description
 * and, for scripts, the same environment.
 */
export interface UpgradeTarget {
  node: string;
  role: "control-plane" | "worker";
  /** `apply` on the first control-plane node, `node` everywhere else (kubeadm's procedure). */
  kubeadmAction: "apply" | "node";
  /** e.g. v1.35.1 */
  version: string;
  /** e.g. 1.35: the pkgs.k8s.io channel */
  minor: string;
  fromVersion: string;
  /** The node's InternalIP, when it reports one. */
  internalIp?: string;
}

export interface Executor {
  readonly kind: string;
  upgrade(target: UpgradeTarget, log: (line: string) => void, signal?: AbortSignal): Promise<void>;
}

export function upgradeEnv(t: UpgradeTarget): Record<string, string> {
  return {
    KUBEKEEP_NODE: t.node,
    KUBEKEEP_NODE_ROLE: t.role,
    KUBEKEEP_KUBEADM_ACTION: t.kubeadmAction,
    KUBEKEEP_TARGET_VERSION: t.version,
    KUBEKEEP_TARGET_MINOR: t.minor,
    KUBEKEEP_FROM_VERSION: t.fromVersion,
  };
}

/** Quotes a value for a POSIX shell: 'it'"'"'s'. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}

/** `export A='x' B='y'` lines that set the upgrade environment in a remote shell. */
export function envPrelude(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
    .join("\n");
}

/**
 * The step the default script (or a script following its convention) names
 * in its last failure line, `kubekeep: step FAILED: <step> (...)`: put first in
 * the executor's error, since the progress annotation keeps only its start.
 */
export function failedStep(output: string): string | undefined {
  const lines = [...output.matchAll(/kubekeep: step FAILED: (.+?) \(exit code \d+\)/g)];
  return lines.at(-1)?.[1];
}

/** ` at step "<step>"` when the output names one, else nothing. */
export function atStep(output: string): string {
  const step = failedStep(output);
  return step ? ` at step "${step}"` : "";
}
