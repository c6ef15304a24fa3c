/**
 * Inputs the node capabilities share (drain behaviour, the lock, executors,
 * gates), parsed in one place so `drain`, `upgrade-node` and the CLI accept
 * the same spellings and fail with the same messages.
 */
import { badInput, ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import {
  bool,
  duration,
  integer,
  list,
  oneOf,
  optional,
  required,
  type InputSource,
} from "../config/inputs.ts";
import { parseLabelSelector } from "../cluster/label-selector.ts";
import { parseVersion } from "./version.ts";
import type { DrainOptions } from "./drain.ts";
import type { GateConfig } from "./gates.ts";
import { defaultHolder, type LockConfig } from "./lock.ts";
import { DEFAULT_UPGRADE_SCRIPT } from "./executors/script.ts";
import type { SshConfig } from "./executors/ssh.ts";

export function parseNodes(src: InputSource): string[] {
  const nodes = list(src, "node");
  if (!nodes.length)
    throw new ConfigurationError(
      "input 'node' is required: the node name(s) to act on, one per line or comma-separated",
    );
  for (const n of nodes) {
    if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n))
      throw badInput("node", n, "a node name (lower-case letters, digits, '-' and '.')");
  }
  return nodes;
}

export function parseTarget(src: InputSource): string {
  const raw = required(src, "target-version", "the Kubernetes version to upgrade to, e.g. v1.35.1");
  const v = parseVersion(raw);
  if (!v || !/^v?\d+\.\d+\.\d+$/.test(raw))
    throw badInput("target-version", raw, "a full version such as v1.35.1");
  return `v${v.major}.${v.minor}.${v.patch}`;
}

export function parseDrainOptions(src: InputSource): DrainOptions {
  const grace = integer(src, "grace-period", -1, -1, 86_400);
  const podSelector = parseLabelSelector("pod-selector", optional(src, "pod-selector"));
  const skipWait = duration(src, "skip-wait-for-delete-timeout", "0s");
  return {
    ignoreDaemonSets: bool(src, "ignore-daemonsets", true),
    deleteEmptyDirData: bool(src, "delete-emptydir-data", false),
    force: bool(src, "force", false),
    ...(podSelector ? { podSelector } : {}),
    ...(skipWait > 0 ? { skipWaitForDeleteTimeoutMs: skipWait } : {}),
    disableEviction: bool(src, "disable-eviction", false),
    ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}),
    timeoutMs: duration(src, "timeout", "10m"),
    onTimeout: oneOf(src, "on-timeout", ["fail", "delete"] as const, "fail"),
    parallelism: integer(src, "parallelism", 50, 1, 1000),
  };
}

/** The maintenance lock, or undefined when `lock: false`. */
export function parseLock(src: InputSource, nodes: string[] = []): LockConfig | undefined {
  if (!bool(src, "lock", true)) return undefined;
  const name = optional(src, "lock-name") ?? "kubekeep-node-maintenance";
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) throw badInput("lock-name", name, "a Lease name");
  return {
    name,
    namespace: optional(src, "lock-namespace") ?? "kube-system",
    // By default the run, the job and the nodes: stable across a job's steps,
    // distinct between the jobs of a matrix.
    holder: optional(src, "lock-holder") ?? defaultHolder() + (nodes.length ? `:${nodes.join(",")}` : ""),
    ttlMs: duration(src, "lock-ttl", "15m"),
    waitMs: duration(src, "lock-wait", "0s"),
  };
}

export function parseGates(src: InputSource): GateConfig {
  const health = optional(src, "health-command");
  return {
    timeoutMs: duration(src, "gate-timeout", "10m"),
    allNodesReady: bool(src, "require-all-nodes-ready", true),
    ...(health ? { healthCommand: health } : {}),
  };
}

export type ExecutorConfig =
  | { kind: "command"; command: string; timeoutMs: number }
  | ({ kind: "ssh" } & SshConfig)
  | { kind: "pod"; namespace: string; image: string; script: string; timeoutMs: number }
  | { kind: "none" };

export function parseExecutor(src: InputSource): ExecutorConfig {
  const kind = oneOf(src, "executor", ["command", "ssh", "pod", "none"] as const, "command");
  const timeoutMs = duration(src, "upgrade-timeout", "30m");
  const script = optional(src, "script") ?? DEFAULT_UPGRADE_SCRIPT;
  switch (kind) {
    case "command":
      return {
        kind,
        command: required(src, "upgrade-command", "the command that upgrades a node (executor: command)"),
        timeoutMs,
      };
    case "ssh": {
      const user = optional(src, "ssh-user") ?? "root";
      const knownHosts = optional(src, "ssh-known-hosts");
      return {
        kind,
        host: optional(src, "ssh-host") ?? "{node}",
        port: integer(src, "ssh-port", 22, 1, 65535),
        user,
        key: required(src, "ssh-key", "the SSH private key (from a secret) for executor: ssh"),
        ...(knownHosts ? { knownHosts } : {}),
        sudo: bool(src, "ssh-sudo", user !== "root"),
        script,
        timeoutMs,
      };
    }
    case "pod":
      return {
        kind,
        namespace: optional(src, "pod-namespace") ?? "kube-system",
        image: optional(src, "pod-image") ?? "debian:bookworm-slim",
        script,
        timeoutMs,
      };
    case "none":
      return { kind };
  }
}

/** Registers every secret an executor config holds. */
export function maskExecutor(config: ExecutorConfig, logger: Logger): void {
  if (config.kind !== "ssh") return;
  logger.setSecret(config.key);
  for (const line of config.key.split("\n"))
    if (line.trim().length >= 8 && !line.startsWith("-----")) logger.setSecret(line.trim());
}
