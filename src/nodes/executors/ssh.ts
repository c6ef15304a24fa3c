/**
 * The `ssh` executor: the upgrade script sent on the standard input of
 * `bash -s` over the system's OpenSSH client. The private key (a secret) is
 * written to a private temporary file, never put on a command line; the node's
 * values reach the remote shell as quoted `export` lines, not as arguments.
 * The timeout holds on both ends: locally the ssh client's process group is
 * ended, and on the node coreutils' `timeout` ends the script's process group
 * (a dropped session alone does not stop a script that has no terminal).
 * The node's host key is checked against ssh-known-hosts (a fresh known_hosts
 * file every run, so nothing is learned behind the user's back); accepting an
 * unknown key takes ssh-host-key-policy: accept-new, and warns.
 * sshRun is that connection alone: etcd-restore reaches the control-plane
 * nodes through it too (recovery/node-steps.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigurationError, OperationalError } from "../../core/errors.ts";
import { atStep, envPrelude, upgradeEnv, type Executor, type UpgradeTarget } from "./executor.ts";
import {
  DEFAULT_KILL_GRACE_MS,
  describeEnd,
  lastLines,
  runProcess,
  type ProcessResult,
} from "../../core/process.ts";

/**
 * How nodes are reached over SSH: what the ssh-* inputs give (nodes/config.ts),
 * shared by upgrade-node's ssh executor and etcd-restore.
 */
export interface SshAccess {
  /** Host template: {node} and {internal-ip} are replaced. */
  host: string;
  port: number;
  user: string;
  /** Private key content (a secret). */
  key: string;
  /** known_hosts lines: the nodes' host keys. Required unless hostKeyPolicy is accept-new. */
  knownHosts?: string;
  /**
   * strict: only a key in knownHosts is accepted. accept-new: any key of a
   * host knownHosts does not list is accepted (and the run warns).
   */
  hostKeyPolicy: "strict" | "accept-new";
  /** Run the remote command through `sudo -n` (default when the user is not root). */
  sudo: boolean;
}

export interface SshConfig extends SshAccess {
  script: string;
  timeoutMs: number;
  /** The default script's settings (KUBEKEEP_PACKAGE_REPOSITORY, ...), exported before the script. */
  env?: Record<string, string>;
}

/** The node a session goes to: its name, and its address for {internal-ip}. */
export interface SshTarget {
  node: string;
  internalIp?: string;
}

export function sshHost(template: string, target: SshTarget): string {
  if (template.includes("{internal-ip}") && !target.internalIp) {
    throw new ConfigurationError(`input 'ssh-host': node ${target.node} reports no InternalIP address`);
  }
  return template.replaceAll("{node}", target.node).replaceAll("{internal-ip}", target.internalIp ?? "");
}

/**
 * `bash -s` (or `command`, a line built from checked values) under the node's
 * own deadline, through `sudo -n` when asked.
 */
export function remoteCommand(c: { sudo: boolean; timeoutMs: number }, command = "bash -s"): string {
  const secs = Math.max(1, Math.ceil(c.timeoutMs / 1000));
  const grace = Math.ceil(DEFAULT_KILL_GRACE_MS / 1000);
  return `${c.sudo ? "sudo -n " : ""}timeout -k ${grace}s ${secs}s ${command}`;
}

/** How the nodes' host keys are obtained, for the messages that need them. */
export const KNOWN_HOSTS_HOWTO =
  "get them from a place you trust: `ssh-keyscan -p <port> <host>` from a machine inside the nodes' network, each fingerprint (`ssh-keygen -lf <file>`) checked against the node's own (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on its console); for a port other than 22 the lines name [host]:port, as ssh-keyscan -p writes them. Keep the lines in a variable (e.g. vars.NODE_KNOWN_HOSTS) and pass them as ssh-known-hosts";

/**
 * ssh's own refusal of the node's host key (exit 255), as a message that says
 * which case it is, or undefined when the failure is something else.
 */
export function hostKeyRefusal(output: string, where: string): string | undefined {
  const offered =
    /The fingerprint for the (\S+) key sent by the remote host is\s+(SHA256:[A-Za-z0-9+/=]+)/.exec(output);
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(output)) {
    return (
      `ssh to ${where} refused: the node's host key does not match ssh-known-hosts` +
      (offered ? ` (it offered the ${offered[1]} key ${offered[2]})` : "") +
      `. Either something else answers at that address (do not go on through it), or the node's key changed (a reinstall): then ${KNOWN_HOSTS_HOWTO}`
    );
  }
  const unknown = /No (\S+) host key is known for (\S+) and you have requested strict checking/.exec(output);
  if (unknown) {
    return `ssh to ${where} refused: ssh-known-hosts holds no ${unknown[1]} key for ${unknown[2]} (the name and port ssh looked up); ${KNOWN_HOSTS_HOWTO}`;
  }
  if (/Host key verification failed/.test(output)) {
    return `ssh to ${where} refused: host key verification failed (${lastLines(output, 3)}); check ssh-known-hosts: ${KNOWN_HOSTS_HOWTO}`;
  }
  return undefined;
}

export interface SshCommand {
  /** The remote command line (remoteCommand's), built from checked values only. */
  command: string;
  /** The command's standard input: text, or a file streamed (inputFile). */
  input?: string;
  inputFile?: string;
  timeoutMs: number;
  onLine: (line: string) => void;
  signal?: AbortSignal;
}

/** `user@host:port (node)`: where a session went, for messages. */
export function sshWhere(a: SshAccess, target: SshTarget): string {
  return `${a.user}@${sshHost(a.host, target)}:${a.port} (${target.node})`;
}

/**
 * Runs one command on a node over the system's OpenSSH client. The key goes
 * to a private temporary file and the host key is checked against a fresh
 * known_hosts holding only knownHosts; ssh's own refusal of the host key
 * (exit 255) is thrown as an OperationalError saying which case it is. Any
 * other end is returned for the caller to judge.
 */
export async function sshRun(a: SshAccess, target: SshTarget, run: SshCommand): Promise<ProcessResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-ssh-"));
  try {
    const keyFile = path.join(dir, "id");
    fs.writeFileSync(keyFile, a.key.endsWith("\n") ? a.key : a.key + "\n", { mode: 0o600 });
    const knownHosts = path.join(dir, "known_hosts");
    fs.writeFileSync(knownHosts, a.knownHosts ?? "", { mode: 0o600 });
    const host = sshHost(a.host, target);
    const args = [
      "-F",
      "/dev/null",
      "-i",
      keyFile,
      "-p",
      String(a.port),
      "-o",
      "BatchMode=yes",
      "-o",
      "IdentitiesOnly=yes",
      "-o",
      `StrictHostKeyChecking=${a.hostKeyPolicy === "accept-new" ? "accept-new" : "yes"}`,
      "-o",
      `UserKnownHostsFile=${knownHosts}`,
      "-o",
      "ConnectTimeout=20",
      "-o",
      "ServerAliveInterval=15",
      "-l",
      a.user,
      "--",
      host,
      run.command,
    ];
    const res = await runProcess("ssh", args, {
      // An ssh agent is the one thing ssh reads from the environment here (the key is a file).
      inherit: { tool: ["SSH_AUTH_SOCK"] },
      ...(run.inputFile !== undefined ? { inputFile: run.inputFile } : { input: run.input ?? "" }),
      timeoutMs: run.timeoutMs,
      onLine: run.onLine,
      ...(run.signal ? { signal: run.signal } : {}),
    });
    if (res.code === 255 && !res.timedOut && !res.aborted) {
      const refused = hostKeyRefusal(res.output, sshWhere(a, target));
      if (refused) throw new OperationalError(refused);
    }
    return res;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** " (255 is ssh's own failure: ...)" for a session that ended so, else nothing. */
export function sshFailureHint(res: ProcessResult): string {
  return res.code === 255 && !res.timedOut && !res.aborted
    ? " (255 is ssh's own failure: check the host, port, user, key and ssh-known-hosts)"
    : "";
}

export class SshExecutor implements Executor {
  readonly kind = "ssh";
  private readonly config: SshConfig;

  constructor(config: SshConfig) {
    this.config = config;
  }

  async upgrade(target: UpgradeTarget, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
    const c = this.config;
    const res = await sshRun(c, target, {
      command: remoteCommand(c),
      input: `${envPrelude({ ...c.env, ...upgradeEnv(target) })}\n${c.script}\n`,
      timeoutMs: c.timeoutMs,
      onLine: (l) => log(`[${target.node}] ${l}`),
      ...(signal ? { signal } : {}),
    });
    if (res.code !== 0 || res.timedOut || res.aborted) {
      throw new OperationalError(
        `upgrade over ssh on ${sshWhere(c, target)}${atStep(res.output)} ${describeEnd(res, c.timeoutMs)}: ${lastLines(res.output, 5)}${sshFailureHint(res)}`,
      );
    }
  }
}
