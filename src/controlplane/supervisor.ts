/**
 * Starts and stops the servers of a local control plane (the sandbox's, and
 * the throwaway one an etcd drill restores into). Each runs in its own
 * process group, so stopping it (or a cancelled run, or kubekeep exiting)
 * ends the whole group: SIGTERM, then SIGKILL after a grace period, and
 * `stop()` settles only when the group is gone. Output goes to a log file
 * (the sandbox's, kept for reading) or is kept in memory (its last lines, for
 * an error message). A server may have a lifetime: past it, its group is
 * ended whatever happens. `keepAfterExit` leaves it running after this Node
 * process exits (`kubekeep sandbox up`).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { OperationalError } from "../core/errors.ts";
import { groupAlive, killGroup, lastLines } from "../core/process.ts";
import { pollUntil, sleep } from "../core/sleep.ts";
import { formatDuration } from "../core/units.ts";

export interface ManagedProcess {
  name: string;
  pid: number;
  /** Where its output goes; undefined when it is kept in memory. */
  logFile?: string;
  /** Settles when the process exits (never rejects). */
  exited: Promise<number | null>;
  hasExited(): boolean;
  /** Its last output lines, for an error message. */
  output(lines?: number): string;
  /** Ends its process group (SIGTERM, then SIGKILL) and waits until the group is gone. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<number>();
let exitHookInstalled = false;

/** Kills every process group this module started and still owns when Node exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pid of running) killGroup(pid, "SIGKILL");
  });
}

/** How much output a server without a log file keeps. */
const OUTPUT_TAIL_CHARS = 8000;

export function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  /** Output appended here; without one, the last lines are kept in memory. */
  logFile?: string;
  env?: NodeJS.ProcessEnv;
  /** Leave the process running when this Node process exits (for `sandbox up`). */
  keepAfterExit?: boolean;
  /** End the group after this long, whatever happens (a throwaway server's bound). */
  lifetimeMs?: number;
}): ManagedProcess {
  const log = options.logFile ? fs.openSync(options.logFile, "a") : undefined;
  let tailText = "";
  const child = spawn(options.command, options.args, {
    detached: true,
    stdio: log === undefined ? ["ignore", "pipe", "pipe"] : ["ignore", log, log],
    env: { ...process.env, ...options.env },
  });
  if (log !== undefined) fs.closeSync(log);
  const keep = (d: Buffer) => {
    tailText = (tailText + d.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let done = false;
  const pid = child.pid ?? -1;
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code, signal) => {
      done = true;
      running.delete(pid);
      resolve(code ?? (signal ? 128 : null));
    });
    child.on("error", () => {
      done = true;
      running.delete(pid);
      resolve(null);
    });
  });
  if (child.pid === undefined)
    throw new OperationalError(`could not start ${options.name} (${options.command})`);
  if (options.keepAfterExit) child.unref();
  else {
    installExitHook();
    running.add(pid);
  }
  let lifetime: NodeJS.Timeout | undefined;
  const stop = async (graceMs?: number) => {
    clearTimeout(lifetime);
    await stopPid(pid, graceMs);
    await exited;
  };
  if (options.lifetimeMs !== undefined) {
    lifetime = setTimeout(() => void stop(), options.lifetimeMs);
    lifetime.unref();
  }
  return {
    name: options.name,
    pid,
    ...(options.logFile ? { logFile: options.logFile } : {}),
    exited,
    hasExited: () => done,
    output: (lines = 30) =>
      options.logFile
        ? tail(options.logFile, lines)
        : tailText.trimEnd().split("\n").slice(-lines).join("\n"),
    stop,
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** After SIGKILL a group is gone within moments; past this, stop waiting for it. */
const KILLED_GROUP_WAIT_MS = 5000;

/**
 * Ends the process group `pid` leads: SIGTERM, SIGKILL to what is left after
 * `graceMs`, and settles when the group is gone (or, bounded, shortly after
 * the SIGKILL). Works on a group another process started (`sandbox down`).
 */
export async function stopPid(pid: number, graceMs = 5000): Promise<void> {
  killGroup(pid, "SIGTERM");
  const killAt = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < killAt) await sleep(50);
  if (groupAlive(pid)) {
    killGroup(pid, "SIGKILL");
    const giveUp = Date.now() + KILLED_GROUP_WAIT_MS;
    while (groupAlive(pid) && Date.now() < giveUp) await sleep(50);
  }
  running.delete(pid);
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/**
 * Polls `probe` until it answers true. Fails early, quoting the server's
 * output, when it exits; fails with that output when `timeoutMs` runs out or
 * `signal` cancels the wait.
 */
export async function waitUntil(
  proc: ManagedProcess,
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const lastOutput = () =>
    proc.logFile
      ? `last log lines (${proc.logFile}):\n${proc.output()}`
      : `its output ends with: ${lastLines(proc.output(8), 8)}`;
  await pollUntil(
    async () => {
      if (proc.hasExited())
        throw new OperationalError(`${proc.name} exited while waiting for ${what}; ${lastOutput()}`);
      return probe().catch(() => false);
    },
    {
      timeoutMs,
      intervalMs: 100,
      ...(signal ? { signal } : {}),
      timedOut: () =>
        `${proc.name}: ${what} not reached within ${formatDuration(timeoutMs)}; ${lastOutput()}`,
      cancelled: () => `cancelled while waiting for ${proc.name}: ${what}`,
      fail: (message) => new OperationalError(message),
    },
  );
}
