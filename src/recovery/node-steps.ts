/**
 * Runs one step of member-restore.sh for one member on its node, and sends
 * the snapshot there, through one of two accesses:
 *
 * - ssh (the ssh-* inputs, upgrade-node's ssh executor's connection,
 *   nodes/executors/ssh.ts): the script on `bash -s`'s standard input, the
 *   snapshot streamed into a file under the node's state dir; host keys
 *   checked against ssh-known-hosts;
 * - command (the `command` executor's shape): the user's restore-command gets
 *   the script as a file, so `bash "$KUBEKEEP_SCRIPT"` on a runner that is the
 *   node, or `ssh root@$KUBEKEEP_NODE bash -s < "$KUBEKEEP_SCRIPT"`, runs it
 *   as it is; the snapshot goes by copy-command (scp, a shared volume), or
 *   stays where it is when the node reads the runner's file system.
 *
 * Either way the script's first lines export the step's values, quoted, and
 * the snapshot's sha256 is checked on the node (check step) before anything stops.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OperationalError } from "../core/errors.ts";
import { describeEnd, lastLines, runShell, type ProcessResult } from "../core/process.ts";
import { envPrelude, shellQuote } from "../nodes/executors/executor.ts";
import { remoteCommand, sshFailureHint, sshRun, sshWhere, type SshAccess } from "../nodes/executors/ssh.ts";
import type { Member } from "./members.ts";
import memberRestoreScript from "./member-restore.sh.ts";

export type Step = "check" | "stop" | "restore" | "start" | "finish" | "rollback";

export type NodeAccess =
  | {
      kind: "command";
      /** The shell command that runs $KUBEKEEP_SCRIPT as root on $KUBEKEEP_NODE. */
      command: string;
      /** The shell command that copies $KUBEKEEP_SNAPSHOT_LOCAL to $KUBEKEEP_SNAPSHOT on $KUBEKEEP_NODE. */
      copyCommand?: string;
      /** Bound on each command (a step waits for etcd at most waitSeconds inside it). */
      timeoutMs: number;
    }
  | {
      kind: "ssh";
      ssh: SshAccess;
      /** Bound on each session, on the runner and on the node (coreutils' timeout). */
      timeoutMs: number;
    };

export interface NodeSettings {
  manifestDir: string;
  stateDir: string;
  etcdutl: string;
  /** How long a step waits for etcd to stop or start. */
  waitSeconds: number;
}

/** A folder setting with {node} replaced by the member's node (node names are checked: the path stays safe). */
export function onNode(dir: string, member: Member): string {
  return dir.replaceAll("{node}", member.node);
}

/** How a member's node is reached, for the plan: `ssh root@10.0.0.5:22 (cp-1)`, `restore-command`. */
export function reachedBy(access: NodeAccess | undefined, member: Member): string {
  if (!access) return "restore-command (not given)";
  if (access.kind === "command")
    return access.copyCommand ? "restore-command, copy-command" : "restore-command";
  const needsIp = access.ssh.host.includes("{internal-ip}") && !member.internalIp;
  return needsIp ? `ssh (no InternalIP known for ${member.node})` : `ssh ${sshWhere(access.ssh, member)}`;
}

export class NodeSteps {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-restore-"));
  private readonly access: NodeAccess;
  private readonly settings: NodeSettings;
  /** mode run: the verified snapshot on the runner, and its sha256 (checked again on each node). */
  private snapshot?: { file: string; sha256: string };

  constructor(access: NodeAccess, settings: NodeSettings) {
    this.access = access;
    this.settings = settings;
  }

  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Where the script finds the snapshot on the member's node: in its state
   * dir when it is sent there (ssh, copy-command), else the runner's file.
   */
  snapshotOnNode(member: Member, snapshot: { file: string; sha256: string }): string {
    if (this.access.kind === "command" && !this.access.copyCommand) return snapshot.file;
    return `${onNode(this.settings.stateDir, member)}/snapshot-${snapshot.sha256.slice(0, 16)}.db`;
  }

  /** The snapshot the steps restore: each step gets its place on the node and its sha256. */
  useSnapshot(file: string, sha256: string): void {
    this.snapshot = { file, sha256 };
  }

  /** Sends the snapshot to the member's node (nothing to do when the node reads the runner's file). */
  async copy(member: Member, log: (l: string) => void): Promise<void> {
    if (!this.snapshot) throw new Error("copy before useSnapshot");
    const localFile = this.snapshot.file;
    const target = this.snapshotOnNode(member, this.snapshot);
    const a = this.access;
    if (a.kind === "ssh") {
      // Into a partial file first: a cut transfer never leaves a file that looks whole (the check hashes it anyway).
      const part = `${target}.part`;
      const script = `umask 077 && mkdir -p -- ${shellQuote(path.posix.dirname(target))} && cat > ${shellQuote(part)} && mv -f -- ${shellQuote(part)} ${shellQuote(target)}`;
      await this.ssh(member, "sending the snapshot", {
        command: remoteCommand({ sudo: a.ssh.sudo, timeoutMs: a.timeoutMs }, `sh -c ${shellQuote(script)}`),
        inputFile: localFile,
        log,
      });
      return;
    }
    if (!a.copyCommand) return;
    await this.shell(
      a.copyCommand,
      member,
      "copy",
      {
        KUBEKEEP_SNAPSHOT_LOCAL: localFile,
        KUBEKEEP_SNAPSHOT: target,
        KUBEKEEP_SNAPSHOT_DIR: path.posix.dirname(target),
      },
      log,
    );
  }

  /** Runs one step; returns its output. Values in `values` must have been checked by the caller. */
  async run(
    member: Member,
    step: Step,
    restoreId: string,
    values: Record<string, string>,
    log: (l: string) => void,
  ): Promise<string> {
    const s = this.settings;
    const env: Record<string, string> = {
      KUBEKEEP_STEP: step,
      KUBEKEEP_RESTORE_ID: restoreId,
      KUBEKEEP_MEMBER: member.name,
      KUBEKEEP_NAME: member.name,
      KUBEKEEP_PEER_URL: member.peerUrl,
      KUBEKEEP_DATA_DIR: member.dataDir,
      KUBEKEEP_MANIFEST_DIR: onNode(s.manifestDir, member),
      KUBEKEEP_STATE_DIR: onNode(s.stateDir, member),
      KUBEKEEP_ETCDUTL: s.etcdutl,
      KUBEKEEP_WAIT_SECONDS: String(s.waitSeconds),
      ...(this.snapshot
        ? {
            KUBEKEEP_SNAPSHOT: this.snapshotOnNode(member, this.snapshot),
            KUBEKEEP_SNAPSHOT_FILE_SHA256: this.snapshot.sha256,
          }
        : {}),
      ...values,
    };
    // The values first, then the script: one self-contained file, whatever carries it to the node.
    const text = `#!/bin/bash\n${envPrelude(env)}\n${memberRestoreScript}`;
    const a = this.access;
    if (a.kind === "ssh")
      return this.ssh(member, step, {
        command: remoteCommand({ sudo: a.ssh.sudo, timeoutMs: a.timeoutMs }),
        input: text,
        log,
      });
    const file = path.join(this.dir, `${member.name}-${step}.sh`);
    fs.writeFileSync(file, text, { mode: 0o600 });
    return this.shell(a.command, member, step, { KUBEKEEP_SCRIPT: file }, log);
  }

  private async ssh(
    member: Member,
    what: string,
    run: { command: string; input?: string; inputFile?: string; log: (l: string) => void },
  ): Promise<string> {
    const a = this.access as Extract<NodeAccess, { kind: "ssh" }>;
    const res = await sshRun(a.ssh, member, {
      command: run.command,
      ...(run.inputFile !== undefined ? { inputFile: run.inputFile } : { input: run.input ?? "" }),
      timeoutMs: a.timeoutMs,
      onLine: (l) => run.log(`[${member.name}] ${l}`),
    });
    return this.result(
      res,
      `${what} on member ${member.name} over ssh to ${sshWhere(a.ssh, member)}`,
      sshFailureHint(res),
    );
  }

  private async shell(
    command: string,
    member: Member,
    what: string,
    env: Record<string, string>,
    log: (l: string) => void,
  ): Promise<string> {
    const res = await runShell(command, {
      inherit: "user",
      env: { ...env, KUBEKEEP_NODE: member.node, KUBEKEEP_MEMBER: member.name },
      timeoutMs: this.access.timeoutMs,
      onLine: (l) => log(`[${member.name}] ${l}`),
    });
    return this.result(res, `${what} on member ${member.name} (node ${member.node})`);
  }

  private result(res: ProcessResult, what: string, hint = ""): string {
    if (res.code !== 0 || res.timedOut || res.aborted)
      throw new OperationalError(
        `${what} ${describeEnd(res, this.access.timeoutMs)}: ${lastLines(res.output, 4)}${hint}`,
      );
    return res.output;
  }
}

/** The restores a check found recorded on a node: `kubekeep-state: <id> <status> <started> <sha256>`. */
export interface RecordedRestore {
  id: string;
  status: "finished" | "unfinished" | "rolled-back";
  started: string;
  /** sha256 of the snapshot file it restores. */
  snapshot: string;
}

export function recordedRestores(output: string): RecordedRestore[] {
  return [
    ...output.matchAll(
      /^(?:\[\S+\] )?kubekeep-state: (\S+) (finished|unfinished|rolled-back) (\S+) (\S+)$/gm,
    ),
  ].map((m) => ({
    id: m[1] ?? "",
    status: m[2] as RecordedRestore["status"],
    started: m[3] ?? "",
    snapshot: m[4] ?? "",
  }));
}
