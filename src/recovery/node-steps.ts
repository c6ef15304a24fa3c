/**
 * Runs one step of member-restore.sh for one member on its node, and copies
 * the snapshot there. The node is reached by the user's restore-command (the
 * `command` executor's shape): it gets the script as a file whose first lines
 * export the step's values, quoted, so `bash "$KUBEKEEP_SCRIPT"` on a runner
 * that is the node, or `ssh root@$KUBEKEEP_NODE bash -s < "$KUBEKEEP_SCRIPT"`,
 * runs it as it is. The snapshot goes by copy-command (scp, a shared volume),
 * or stays where it is when the node reads the runner's file system.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OperationalError } from "../core/errors.ts";
import { describeEnd, lastLines, runShell } from "../core/process.ts";
import { envPrelude } from "../nodes/executors/executor.ts";
import type { Member } from "./members.ts";
import memberRestoreScript from "./member-restore.sh.ts";

export type Step = "check" | "stop" | "restore" | "start" | "finish" | "rollback";

export interface NodeAccess {
  /** The shell command that runs $KUBEKEEP_SCRIPT as root on $KUBEKEEP_NODE. */
  command: string;
  /** The shell command that copies $KUBEKEEP_SNAPSHOT_LOCAL to $KUBEKEEP_SNAPSHOT on $KUBEKEEP_NODE. */
  copyCommand?: string;
  /** Bound on each command (a step waits for etcd at most waitSeconds inside it). */
  timeoutMs: number;
}

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

/** Where the snapshot lies on the nodes when copy-command sends it. */
export const NODE_SNAPSHOT_DIR = "/var/lib/kubekeep/etcd-restore";

export class NodeSteps {
  private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-restore-"));
  private readonly access: NodeAccess;
  private readonly settings: NodeSettings;

  constructor(access: NodeAccess, settings: NodeSettings) {
    this.access = access;
    this.settings = settings;
  }

  close(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  /** Where the script finds the snapshot on the member's node. */
  snapshotOnNode(localFile: string, sha256: string): string {
    return this.access.copyCommand ? `${NODE_SNAPSHOT_DIR}/snapshot-${sha256.slice(0, 16)}.db` : localFile;
  }

  async copy(member: Member, localFile: string, onNode: string, log: (l: string) => void): Promise<void> {
    if (!this.access.copyCommand) return;
    await this.shell(
      this.access.copyCommand,
      member,
      "copy",
      {
        KUBEKEEP_SNAPSHOT_LOCAL: localFile,
        KUBEKEEP_SNAPSHOT: onNode,
        KUBEKEEP_SNAPSHOT_DIR: path.posix.dirname(onNode),
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
      ...values,
    };
    const file = path.join(this.dir, `${member.name}-${step}.sh`);
    // The values first, then the script: one self-contained file, whatever carries it to the node.
    fs.writeFileSync(file, `#!/bin/bash\n${envPrelude(env)}\n${memberRestoreScript}`, { mode: 0o600 });
    return this.shell(this.access.command, member, step, { KUBEKEEP_SCRIPT: file }, log);
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
    if (res.code !== 0 || res.timedOut || res.aborted)
      throw new OperationalError(
        `${what} on member ${member.name} (node ${member.node}) ${describeEnd(res, this.access.timeoutMs)}: ${lastLines(res.output, 4)}`,
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
