/**
 * Inputs the node capabilities share (drain behaviour, the lock, executors,
 * gates), parsed in one place so `drain`, `upgrade-node` and the CLI accept
 * the same spellings and fail with the same messages.
 */
import os from "node:os";
import { badInput, ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { parseLabelSelector } from "../cluster/label-selector.ts";
import { parseVersion } from "./version.ts";
import type { DrainOptions } from "./drain.ts";
import type { FilterOptions } from "./pods-to-evict.ts";
import type { GateConfig } from "./gates.ts";
import type { LockConfig } from "./lock.ts";
import { DEFAULT_PACKAGE_REPOSITORY, DEFAULT_UPGRADE_SCRIPT } from "./executors/script.ts";
import { KNOWN_HOSTS_HOWTO, type SshAccess, type SshConfig } from "./executors/ssh.ts";
import type { PodExecutorConfig } from "./executors/pod.ts";
import { parseReplaceConfig, replaceInputs } from "./replace/config.ts";
import type { ReplaceConfig } from "./replace/replace.ts";

export const nodeInput = {
  node: input.list({
    description:
      "Node name(s) to act on, one per line or comma-separated. Several nodes form a batch handled side by side.",
    required: true,
  }),
};

export const targetInput = {
  "target-version": input.string({
    description: "Kubernetes version to upgrade to, e.g. v1.35.1.",
    required: true,
  }),
};

/** kubectl drain's pod filters (the plan's preflight applies them too). */
export const filterInputs = {
  "ignore-daemonsets": input.boolean({
    description:
      "Skip DaemonSet-managed pods (kubectl's --ignore-daemonsets). When false, a node with DaemonSet pods is refused.",
    default: true,
  }),
  "delete-emptydir-data": input.boolean({
    description:
      "Evict pods with emptyDir volumes, losing that data (kubectl's --delete-emptydir-data). When false, such pods refuse the drain.",
    default: false,
  }),
  force: input.boolean({
    description:
      "Evict pods that declare no controller, and orphans of deleted DaemonSets (kubectl's --force). When false, such pods refuse the drain.",
    default: false,
  }),
  "pod-selector": input.string({
    description:
      "Only pods matching this label selector are drained, e.g. app=web,tier!=cache (kubectl's --pod-selector).",
    defaultText: "every pod on the node",
  }),
  "skip-wait-for-delete-timeout": input.duration({
    description:
      "Do not wait for pods that have been terminating longer than this, e.g. 5m (kubectl's --skip-wait-for-delete-timeout; a bare number is seconds). 0s: always wait. Useful when the node's kubelet is down.",
    default: "0s",
  }),
};

export const drainInputs = {
  ...filterInputs,
  "disable-eviction": input.boolean({
    description:
      "DELETE pods instead of evicting them, bypassing PodDisruptionBudgets (kubectl's --disable-eviction). Use with care.",
    default: false,
  }),
  "grace-period": input.integer({
    description: "Seconds each evicted pod gets to stop; -1 keeps each pod's terminationGracePeriodSeconds.",
    default: -1,
    min: -1,
    max: 86_400,
  }),
  timeout: input.duration({
    description:
      "How long the drain may take (e.g. 10m) before it fails listing the pods and disruption budgets that block it.",
    default: "10m",
  }),
  "on-timeout": input.enum(["fail", "delete"] as const, {
    description:
      "fail: stop with the blockers listed; delete: DELETE the pods budgets still protect (bypasses PodDisruptionBudgets).",
    default: "fail",
  }),
  parallelism: input.integer({ description: "Evictions in flight at once.", default: 50, min: 1, max: 1000 }),
  "allow-draining-last-control-plane": input.boolean({
    description: "Allow draining the last Ready control-plane node (e.g. a single control-plane cluster).",
    default: false,
  }),
};

export const lockInputs = {
  lock: input.boolean({
    description:
      "Hold the cluster-wide maintenance lock (a coordination.k8s.io Lease) so two workflows never drain at once.",
    default: true,
  }),
  "lock-name": input.string({ description: "Name of the Lease.", default: "kubekeep-node-maintenance" }),
  "lock-namespace": input.string({ description: "Namespace of the Lease.", default: "kube-system" }),
  "lock-holder": input.string({
    description: "Holder identity, the same for every step of a job.",
    defaultText: "the workflow run, job and nodes (github:<repo>/runs/<id>/<attempt>/<job>:<nodes>)",
  }),
  "lock-ttl": input.duration({
    description: "The Lease's duration: it expires this long after its last renewal if the runner dies.",
    default: "15m",
  }),
  "lock-wait": input.duration({
    description:
      "How long to wait for another holder to let go before failing (0s: fail at once, naming the holder).",
    default: "0s",
  }),
};

/**
 * The pod executor's default image: Debian 12 slim of 2026-09-18 (nsenter
 * comes with util-linux, which every Debian has), by the digest of its
 * multi-arch index as Docker's official-images records it
 * (docker-library/repo-info, repos/debian/remote/bookworm-20260918-slim.md).
 * The pod runs privileged in the host's PID namespace, so what it runs must
 * not change under a moved tag. To update: take the newest dated slim tag's
 * index digest from that record (or `docker buildx imagetools inspect`).
 */
export const DEFAULT_POD_IMAGE =
  "debian:bookworm-20260918-slim@sha256:3783cc01769c7b2b1b83a5c5ad96c815348e28ed7da68e2e3687004faa906251";

/**
 * How nodes are reached over SSH (upgrade-node's executor ssh, etcd-restore's
 * executor ssh): declared once, parsed by parseSshAccess.
 */
export const sshInputs = {
  "ssh-host": input.string({
    description: "executor ssh: host to connect to; {node} and {internal-ip} are replaced.",
    default: "{node}",
  }),
  "ssh-port": input.integer({ description: "executor ssh: port.", default: 22, min: 1, max: 65535 }),
  "ssh-user": input.string({ description: "executor ssh: user.", default: "root" }),
  "ssh-key": input.string({
    description: "executor ssh: private key (from a secret; masked, written to a private temporary file).",
    secret: true,
  }),
  "ssh-known-hosts": input.string({
    description:
      "executor ssh: known_hosts lines for the nodes (ssh-keyscan's output, taken from a place you trust; [host]:port for a port other than 22). Required unless ssh-host-key-policy is accept-new: a node whose key is not listed, or differs, is refused.",
  }),
  "ssh-host-key-policy": input.enum(["strict", "accept-new"] as const, {
    description:
      "executor ssh: strict accepts only the host keys in ssh-known-hosts; accept-new also accepts, with a warning, whatever key a node not listed there offers (anyone who can answer at its address gets kubekeep's root session on the node).",
    default: "strict",
  }),
  "ssh-sudo": input.boolean({
    description: "executor ssh: run the script (and etcd-restore's snapshot copy) through `sudo -n`.",
    defaultText: "true unless ssh-user is root",
  }),
};

export const executorInputs = {
  executor: input.enum(["command", "ssh", "pod", "replace"] as const, {
    description:
      "How the node is upgraded: command (upgrade-command, run on the runner), ssh (the script over SSH), pod (the script in a privileged pod pinned to the node), or replace (managed and immutable pools: replace-command has the provider replace the node, then the run waits for the old Node to leave and a new one matching replace-selector to join Ready at target-version).",
    default: "command",
  }),
  "upgrade-command": input.string({
    description:
      "executor command: shell command that upgrades the node; KUBEKEEP_NODE, KUBEKEEP_NODE_ROLE, KUBEKEEP_KUBEADM_ACTION, KUBEKEEP_TARGET_VERSION, KUBEKEEP_TARGET_MINOR and KUBEKEEP_FROM_VERSION are in its environment.",
  }),
  script: input.string({
    description: "executor ssh/pod: the upgrade script (bash).",
    defaultText:
      "kubeadm's procedure for Debian/Ubuntu packages from pkgs.k8s.io, switching the repository to the target minor",
  }),
  "package-repository": input.string({
    description:
      "executor ssh/pod, default script: the Kubernetes package repository, a flat apt repository laid out like pkgs.k8s.io's, with {minor} replaced by the target minor (e.g. 1.35); for mirrors and air-gapped clusters. The script rewrites /etc/apt/sources.list.d/kubernetes.list to it, keeping that line's options ([signed-by=keyring], or [trusted=yes] for an unsigned mirror you chose to trust), and refreshes only that list. In the environment as KUBEKEEP_PACKAGE_REPOSITORY.",
    default: DEFAULT_PACKAGE_REPOSITORY,
  }),
  "kubeadm-upgrade-flags": input.string({
    description:
      "executor ssh/pod, default script: extra flags for `kubeadm upgrade apply` and `kubeadm upgrade node`, space-separated, e.g. --ignore-preflight-errors=CoreDNSMigration --etcd-upgrade=false (`kubeadm upgrade plan` gets the --ignore-preflight-errors and --config ones). In the environment as KUBEKEEP_KUBEADM_FLAGS.",
  }),
  "upgrade-timeout": input.duration({
    description:
      "How long the upgrade itself may take. At the deadline the command, the ssh session and the script on the node (timeout/systemd) are ended, SIGTERM then SIGKILL, and the upgrade fails.",
    default: "30m",
  }),
  ...sshInputs,
  "pod-namespace": input.string({
    description: "executor pod: namespace of the upgrade pod.",
    default: "kube-system",
  }),
  "pod-image": input.string({
    description:
      "executor pod: image of the upgrade pod (needs nsenter). The default is pinned by digest (a multi-arch index: amd64, arm64, ...), so a moved tag cannot change what runs privileged on the node; give your own (a mirror's, say) by digest too.",
    default: DEFAULT_POD_IMAGE,
  }),
  ...replaceInputs,
};

export const gateInputs = {
  "gate-timeout": input.duration({
    description:
      "How long the node has to pass its gates after the upgrade: Ready at the target kubelet version, static pods Ready, all nodes Ready, health-command.",
    default: "10m",
  }),
  "require-all-nodes-ready": input.boolean({
    description:
      "Refuse (before the drain) while any other node is not Ready. With false, nodes already not Ready are tolerated and reported; either way a node that was Ready before the drain and is not after fails the gates.",
    default: true,
  }),
  "health-command": input.string({
    description:
      "Optional shell command that must exit 0 before the node is uncordoned (KUBEKEEP_NODE in its environment). It runs within gate-timeout (at most 2m a try); at the deadline its process group is ended and the gate fails.",
  }),
};

export function parseNodes(src: InputSource): string[] {
  const nodes = readInputs(nodeInput, src).node;
  for (const n of nodes) {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n))
      throw badInput("node", n, "a node name (lower-case letters, digits, '-' and '.')");
  }
  return nodes;
}

export function parseTarget(src: InputSource): string {
  const raw = readInputs(targetInput, src)["target-version"];
  const v = parseVersion(raw);
  // A minor alone (v1.35) is refused, not read as v1.35.0: the user most
  // likely means the newest patch, and an upgrade to .0 would be a silent
  // downgrade of intent. Which patch is theirs to say.
  if (!v || !/^v?\d+\.\d+\.\d+$/.test(raw.trim()))
    throw badInput(
      "target-version",
      raw,
      /^v?\d+\.\d+$/.test(raw.trim())
        ? `a full version with its patch release, such as ${raw.trim().startsWith("v") ? "" : "v"}${raw.trim()}.1 (a minor alone does not say which patch to install)`
        : "a full version such as v1.35.1",
    );
  return `v${v.major}.${v.minor}.${v.patch}`;
}

export function parseFilters(src: InputSource): FilterOptions {
  const v = readInputs(filterInputs, src);
  const podSelector = parseLabelSelector("pod-selector", v["pod-selector"]);
  const skipWait = v["skip-wait-for-delete-timeout"];
  return {
    ignoreDaemonSets: v["ignore-daemonsets"],
    deleteEmptyDirData: v["delete-emptydir-data"],
    force: v.force,
    ...(podSelector ? { podSelector } : {}),
    ...(skipWait > 0 ? { skipWaitForDeleteTimeoutMs: skipWait } : {}),
  };
}

export function parseDrainOptions(src: InputSource): DrainOptions {
  const v = readInputs(drainInputs, src);
  const grace = v["grace-period"];
  return {
    ...parseFilters(src),
    disableEviction: v["disable-eviction"],
    ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
    timeoutMs: v.timeout,
    onTimeout: v["on-timeout"],
    parallelism: v.parallelism,
  };
}

/** `allow-draining-last-control-plane`, read with the drain inputs it belongs to. */
export function parseAllowLastControlPlane(src: InputSource): boolean {
  return readInputs(drainInputs, src)["allow-draining-last-control-plane"];
}

/** The maintenance lock, or undefined when `lock: false`. */
/** The holder identity when none is given: the workflow run (stable across a job's steps) or this process. */
export function defaultHolder(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITHUB_RUN_ID) {
    return `github:${env.GITHUB_REPOSITORY ?? "?"}/runs/${env.GITHUB_RUN_ID}/${env.GITHUB_RUN_ATTEMPT ?? "1"}/${env.GITHUB_JOB ?? "job"}`;
  }
  return `kubekeep:${os.hostname()}/${process.pid}`;
}

export function parseLock(src: InputSource, nodes: string[] = []): LockConfig | undefined {
  const v = readInputs(lockInputs, src);
  if (!v.lock) return undefined;
  const name = v["lock-name"];
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) throw badInput("lock-name", name, "a Lease name");
  return {
    name,
    namespace: v["lock-namespace"],
    // By default the run, the job and the nodes: stable across a job's steps,
    // distinct between the jobs of a matrix.
    holder: v["lock-holder"] ?? defaultHolder() + (nodes.length ? `:${nodes.join(",")}` : ""),
    ttlMs: v["lock-ttl"],
    waitMs: v["lock-wait"],
  };
}

export function parseGates(src: InputSource): GateConfig {
  const v = readInputs(gateInputs, src);
  const health = v["health-command"];
  return {
    timeoutMs: v["gate-timeout"],
    allNodesReady: v["require-all-nodes-ready"],
    ...(health ? { healthCommand: health } : {}),
  };
}

export type ExecutorConfig =
  | { kind: "command"; command: string; timeoutMs: number; env: Record<string, string> }
  | ({ kind: "ssh" } & SshConfig)
  | ({ kind: "pod" } & PodExecutorConfig)
  | ({ kind: "replace" } & ReplaceConfig)
  | { kind: "none" };

/** `package-repository`: an http(s) or file URL with {minor}, nothing a shell or an apt line would split. */
export function parsePackageRepository(value: string): string {
  if (!/^(https?:\/\/|file:\/)[^\s'"`$\\;|&<>()\[\]]+$/.test(value) || !value.includes("{minor}"))
    throw badInput(
      "package-repository",
      value,
      "an http(s):// or file:/ URL of a flat apt repository with {minor} for the target minor, e.g. https://pkgs.k8s.io/core:/stable:/v{minor}/deb/",
    );
  return value;
}

/** `kubeadm-upgrade-flags`: words of the form --flag or --flag=value, split on blanks by the script. */
export function parseKubeadmFlags(value: string | undefined): string {
  const words = (value ?? "").split(/\s+/).filter(Boolean);
  for (const w of words) {
    if (!/^--[a-z][a-z0-9-]*(=[A-Za-z0-9_.,:/=+@%-]*)?$/.test(w))
      throw badInput(
        "kubeadm-upgrade-flags",
        w,
        "kubeadm flags separated by spaces, each --flag or --flag=value (letters, digits and _.,:/=+@%-), e.g. --ignore-preflight-errors=CoreDNSMigration --etcd-upgrade=false",
      );
  }
  return words.join(" ");
}

function requiredFor(value: string | undefined, name: string, what: string): string {
  if (value === undefined) throw new ConfigurationError(`input '${name}' is required: ${what}`);
  return value;
}

/** The ssh-* inputs: how nodes are reached over SSH, host keys checked unless accept-new is asked for. */
export function parseSshAccess(src: InputSource): SshAccess {
  const v = readInputs(sshInputs, src);
  const user = v["ssh-user"];
  const knownHosts = v["ssh-known-hosts"]?.trim() || undefined;
  const hostKeyPolicy = v["ssh-host-key-policy"];
  if (!knownHosts && hostKeyPolicy === "strict")
    throw new ConfigurationError(
      `input 'ssh-known-hosts' is required with executor: ssh: the nodes' host keys, so that kubekeep's root session talks to the node and not to whatever answers at its address; ${KNOWN_HOSTS_HOWTO}. To accept any key a node offers instead (not recommended), set ssh-host-key-policy: accept-new`,
    );
  return {
    host: v["ssh-host"],
    port: v["ssh-port"],
    user,
    key: requiredFor(v["ssh-key"], "ssh-key", "the SSH private key (from a secret) for executor: ssh"),
    ...(knownHosts ? { knownHosts } : {}),
    hostKeyPolicy,
    sudo: v["ssh-sudo"] ?? user !== "root",
  };
}

export function parseExecutor(src: InputSource): ExecutorConfig {
  const v = readInputs(executorInputs, src);
  const kind = v.executor;
  const timeoutMs = v["upgrade-timeout"];
  const script = v.script ?? DEFAULT_UPGRADE_SCRIPT;
  // The default script's settings, in every executor's environment (a user's command or script may read them too).
  const flags = parseKubeadmFlags(v["kubeadm-upgrade-flags"]);
  const env: Record<string, string> = {
    KUBEKEEP_PACKAGE_REPOSITORY: parsePackageRepository(v["package-repository"]),
    ...(flags ? { KUBEKEEP_KUBEADM_FLAGS: flags } : {}),
  };
  switch (kind) {
    case "command":
      return {
        kind,
        command: requiredFor(
          v["upgrade-command"],
          "upgrade-command",
          "the command that upgrades a node (executor: command)",
        ),
        timeoutMs,
        env,
      };
    case "ssh":
      return { kind, ...parseSshAccess(src), script, timeoutMs, env };
    case "pod":
      return { kind, namespace: v["pod-namespace"], image: v["pod-image"], script, timeoutMs, env };
    case "replace":
      // Its records live beside the maintenance Lease.
      return parseReplaceConfig(src, timeoutMs, readInputs(lockInputs, src)["lock-namespace"]);
  }
}

/** Registers every secret an executor config holds. */
export function maskExecutor(config: ExecutorConfig, logger: Logger): void {
  if (config.kind === "ssh") maskSshKey(config, logger);
}

/** Masks the ssh key, whole and line by line (a log may show one line of it). */
export function maskSshKey(access: SshAccess, logger: Logger): void {
  logger.setSecret(access.key);
  for (const line of access.key.split("\n"))
    if (line.trim().length >= 8 && !line.startsWith("-----")) logger.setSecret(line.trim());
}

/** The warning a run with ssh-host-key-policy: accept-new gives (upgrade-node and etcd-restore alike). */
export const ACCEPT_NEW_WARNING =
  "ssh-host-key-policy: accept-new: a node's host key that ssh-known-hosts does not list is accepted unchecked, so whatever answers at the node's address gets kubekeep's root session; pass the nodes' keys as ssh-known-hosts and drop accept-new";
