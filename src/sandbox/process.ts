/**
 * Starts and stops the sandbox's server processes. Each runs in its own
 * process group with its output in a log file, so a failed start can quote the
 * log and `sandbox up` can leave the servers running after the CLI exits.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { killGroup } from "../core/process.ts";
import { pollUntil, sleep } from "../core/sleep.ts";

export interface ManagedProcess {
  name: string;
  pid: number;
  logFile: string;
  /** Settles when the process exits (never rejects). */
  exited: Promise<number | null>;
  hasExited(): boolean;
}

const running = new Set<number>();
let exitHookInstalled = false;

/** Kills every process this module started and still owns when Node exits. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pid of running) killGroup(pid, "SIGKILL");
  });
}

export function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  logFile: string;
  env?: NodeJS.ProcessEnv;
  /** Leave the process running when this Node process exits (for `sandbox up`). */
  keepAfterExit?: boolean;
}): ManagedProcess {
  const log = fs.openSync(options.logFile, "a");
  const child = spawn(options.command, options.args, {
    detached: true,
    stdio: ["ignore", log, log],
    env: { ...process.env, ...options.env },
  });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${options.name} (${options.command})`);
  const pid = child.pid;
  let done = false;
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
  if (options.keepAfterExit) child.unref();
  else {
    installExitHook();
    running.add(pid);
  }
  return { name: options.name, pid, logFile: options.logFile, exited, hasExited: () => done };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs` if the group is still there. */
export async function stopPid(pid: number, graceMs = 5000): Promise<void> {
  killGroup(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(50);
  if (isAlive(pid)) killGroup(pid, "SIGKILL");
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
 * Polls `probe` until it returns true. Fails early, quoting the log, when the
 * process dies; fails with the log tail when `timeoutMs` runs out.
 */
export async function waitUntil(
  proc: ManagedProcess,
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  await pollUntil(
    async () => {
      if (proc.hasExited()) {
        throw new Error(
          `${proc.name} exited while waiting for ${what}; last log lines (${proc.logFile}):\n${tail(proc.logFile)}`,
        );
      }
      return probe().catch(() => false);
    },
    {
      timeoutMs,
      intervalMs: 100,
      timedOut: () =>
        `${proc.name}: ${what} not reached in ${timeoutMs / 1000}s; last log lines (${proc.logFile}):\n${tail(proc.logFile)}`,
    },
  );
}
