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
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConfigurationError, OperationalError } from "../../core/errors.ts";
import { atStep, envPrelude, upgradeEnv, type Executor, type UpgradeTarget } from "./executor.ts";
import { DEFAULT_KILL_GRACE_MS, describeEnd, lastLines, runProcess } from "../../core/process.ts";

export interface SshConfig {
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
  /** Run the script through `sudo -n` (default when the user is not root). */
  sudo: boolean;
  script: string;
  timeoutMs: number;
  /** The default script's settings (KUBEKEEP_PACKAGE_REPOSITORY, ...), exported before the script. */
  env?: Record<string, string>;
}

export function sshHost(template: string, target: UpgradeTarget): string {
  if (template.includes("{internal-ip}") && !target.internalIp) {
    throw new ConfigurationError(`input 'ssh-host': node ${target.node} reports no InternalIP address`);
  }
  return template.replaceAll("{node}", target.node).replaceAll("{internal-ip}", target.internalIp ?? "");
}

/** `bash -s` under the node's own deadline, through `sudo -n` when asked. */
export function remoteCommand(c: Pick<SshConfig, "sudo" | "timeoutMs">): string {
  const secs = Math.max(1, Math.ceil(c.timeoutMs / 1000));
  const grace = Math.ceil(DEFAULT_KILL_GRACE_MS / 1000);
  return `${c.sudo ? "sudo -n " : ""}timeout -k ${grace}s ${secs}s bash -s`;
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
      `. Either something else answers at that address (do not upgrade through it), or the node's key changed (a reinstall): then ${KNOWN_HOSTS_HOWTO}`
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

export class SshExecutor implements Executor {
  readonly kind = "ssh";
  private readonly config: SshConfig;

  constructor(config: SshConfig) {
    this.config = config;
  }

  async upgrade(target: UpgradeTarget, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
    const c = this.config;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-ssh-"));
    try {
      const keyFile = path.join(dir, "id");
      fs.writeFileSync(keyFile, c.key.endsWith("\n") ? c.key : c.key + "\n", { mode: 0o600 });
      const knownHosts = path.join(dir, "known_hosts");
      fs.writeFileSync(knownHosts, c.knownHosts ?? "", { mode: 0o600 });
      const host = sshHost(c.host, target);
      const args = [
        "-F",
        "/dev/null",
        "-i",
        keyFile,
        "-p",
        String(c.port),
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        `StrictHostKeyChecking=${c.hostKeyPolicy === "accept-new" ? "accept-new" : "yes"}`,
        "-o",
        `UserKnownHostsFile=${knownHosts}`,
        "-o",
        "ConnectTimeout=20",
        "-o",
        "ServerAliveInterval=15",
        "-l",
        c.user,
        "--",
        host,
        remoteCommand(c),
      ];
      const input = `${envPrelude({ ...c.env, ...upgradeEnv(target) })}\n${c.script}\n`;
      const res = await runProcess("ssh", args, {
        input,
        timeoutMs: c.timeoutMs,
        onLine: (l) => log(`[${target.node}] ${l}`),
        ...(signal ? { signal } : {}),
      });
      if (res.code === 255 && !res.timedOut && !res.aborted) {
        const refused = hostKeyRefusal(res.output, `${c.user}@${host}:${c.port} (${target.node})`);
        if (refused) throw new OperationalError(refused);
      }
      if (res.code !== 0 || res.timedOut || res.aborted) {
        throw new OperationalError(
          `upgrade over ssh on ${c.user}@${host}:${c.port} (${target.node})${atStep(res.output)} ${describeEnd(res, c.timeoutMs)}: ${lastLines(res.output, 5)}${res.code === 255 && !res.timedOut && !res.aborted ? " (255 is ssh's own failure: check the host, port, user, key and ssh-known-hosts)" : ""}`,
        );
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
