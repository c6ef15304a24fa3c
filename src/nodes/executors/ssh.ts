/**
 * The `ssh` executor: the upgrade script sent on the standard input of
 * `bash -s` over the system's OpenSSH client. The private key (a secret) is
 * written to a private temporary file, never put on a command line; the node's
 * values reach the remote shell as quoted `export` lines, not as arguments.
 * The timeout holds on both ends: locally the ssh client's process group is
 * ended, and on the node coreutils' `timeout` ends the script's process group
 * (a dropped session alone does not stop a script that has no terminal).
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
  /** known_hosts lines; without them the host key is accepted on first use. */
  knownHosts?: string;
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
        `StrictHostKeyChecking=${c.knownHosts ? "yes" : "accept-new"}`,
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
        // An ssh agent is the one thing ssh reads from the environment here (the key is a file).
        inherit: { tool: ["SSH_AUTH_SOCK"] },
        input,
        timeoutMs: c.timeoutMs,
        onLine: (l) => log(`[${target.node}] ${l}`),
        ...(signal ? { signal } : {}),
      });
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
