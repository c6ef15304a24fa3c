import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  DEFAULT_KILL_GRACE_MS,
  describeEnd,
  lastLines,
  runProcess
} from "./chunk-2BN52FYM.js";
import {
  ConfigurationError,
  OperationalError
} from "./chunk-YBANDQLS.js";

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

// src/nodes/executors/ssh.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
function sshHost(template, target) {
  if (template.includes("{internal-ip}") && !target.internalIp) {
    throw new ConfigurationError(`input 'ssh-host': node ${target.node} reports no InternalIP address`);
  }
  return template.replaceAll("{node}", target.node).replaceAll("{internal-ip}", target.internalIp ?? "");
}
function remoteCommand(c, command = "bash -s") {
  const secs = Math.max(1, Math.ceil(c.timeoutMs / 1e3));
  const grace = Math.ceil(DEFAULT_KILL_GRACE_MS / 1e3);
  return `${c.sudo ? "sudo -n " : ""}timeout -k ${grace}s ${secs}s ${command}`;
}
var KNOWN_HOSTS_HOWTO = "get them from a place you trust: `ssh-keyscan -p <port> <host>` from a machine inside the nodes' network, each fingerprint (`ssh-keygen -lf <file>`) checked against the node's own (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on its console); for a port other than 22 the lines name [host]:port, as ssh-keyscan -p writes them. Keep the lines in a variable (e.g. vars.NODE_KNOWN_HOSTS) and pass them as ssh-known-hosts";
function hostKeyRefusal(output, where) {
  const offered = /The fingerprint for the (\S+) key sent by the remote host is\s+(SHA256:[A-Za-z0-9+/=]+)/.exec(output);
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED/.test(output)) {
    return `ssh to ${where} refused: the node's host key does not match ssh-known-hosts` + (offered ? ` (it offered the ${offered[1]} key ${offered[2]})` : "") + `. Either something else answers at that address (do not go on through it), or the node's key changed (a reinstall): then ${KNOWN_HOSTS_HOWTO}`;
  }
  const unknown = /No (\S+) host key is known for (\S+) and you have requested strict checking/.exec(output);
  if (unknown) {
    return `ssh to ${where} refused: ssh-known-hosts holds no ${unknown[1]} key for ${unknown[2]} (the name and port ssh looked up); ${KNOWN_HOSTS_HOWTO}`;
  }
  if (/Host key verification failed/.test(output)) {
    return `ssh to ${where} refused: host key verification failed (${lastLines(output, 3)}); check ssh-known-hosts: ${KNOWN_HOSTS_HOWTO}`;
  }
  return void 0;
}
function sshWhere(a, target) {
  return `${a.user}@${sshHost(a.host, target)}:${a.port} (${target.node})`;
}
async function sshRun(a, target, run) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-ssh-"));
  try {
    const keyFile = path.join(dir, "id");
    fs.writeFileSync(keyFile, a.key.endsWith("\n") ? a.key : a.key + "\n", { mode: 384 });
    const knownHosts = path.join(dir, "known_hosts");
    fs.writeFileSync(knownHosts, a.knownHosts ?? "", { mode: 384 });
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
      run.command
    ];
    const res = await runProcess("ssh", args, {
      // An ssh agent is the one thing ssh reads from the environment here (the key is a file).
      inherit: { tool: ["SSH_AUTH_SOCK"] },
      ...run.inputFile !== void 0 ? { inputFile: run.inputFile } : { input: run.input ?? "" },
      timeoutMs: run.timeoutMs,
      onLine: run.onLine,
      ...run.signal ? { signal: run.signal } : {}
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
function sshFailureHint(res) {
  return res.code === 255 && !res.timedOut && !res.aborted ? " (255 is ssh's own failure: check the host, port, user, key and ssh-known-hosts)" : "";
}
var SshExecutor = class {
  kind = "ssh";
  config;
  constructor(config) {
    this.config = config;
  }
  async upgrade(target, log, signal) {
    const c = this.config;
    const res = await sshRun(c, target, {
      command: remoteCommand(c),
      input: `${envPrelude({ ...c.env, ...upgradeEnv(target) })}
${c.script}
`,
      timeoutMs: c.timeoutMs,
      onLine: (l) => log(`[${target.node}] ${l}`),
      ...signal ? { signal } : {}
    });
    if (res.code !== 0 || res.timedOut || res.aborted) {
      throw new OperationalError(
        `upgrade over ssh on ${sshWhere(c, target)}${atStep(res.output)} ${describeEnd(res, c.timeoutMs)}: ${lastLines(res.output, 5)}${sshFailureHint(res)}`
      );
    }
  }
};

export {
  upgradeEnv,
  shellQuote,
  envPrelude,
  atStep,
  remoteCommand,
  KNOWN_HOSTS_HOWTO,
  sshWhere,
  sshRun,
  sshFailureHint,
  SshExecutor
};
