/**
 * Runs the commands the node capabilities start on the runner (the `command`
 * executor, `ssh`, the health command) with a deadline that holds: each runs
 * in its own process group, and at the timeout (or when the run is cancelled)
 * the whole group gets SIGTERM, then SIGKILL after a grace period. A command
 * that ran out of time has failed, whatever exit code it managed to return,
 * and none of its processes outlive kubekeep.
 *
 * A child gets only the environment it needs (child-env.ts): a node24 action
 * receives every input as INPUT_* (the kubeconfig, an ssh-key), and a user's
 * command, a health command or ssh has no business with them.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { childEnv, type Inherit } from "./child-env.ts";
import { formatDuration } from "./units.ts";

export interface ProcessResult {
  /** Exit code, or 128 + signal number style 137/143 when killed. */
  code: number;
  /** The last 64 KiB of combined stdout and stderr. */
  output: string;
  /** The deadline passed: the group was ended and the command counts as failed. */
  timedOut: boolean;
  /** The run was cancelled (SIGINT/SIGTERM to kubekeep) while the command ran. */
  aborted: boolean;
}

export interface ProcessOptions {
  /** What the child inherits of kubekeep's environment (child-env.ts): each caller says. */
  inherit: Inherit;
  /** Variables the child gets on top. */
  env?: Record<string, string>;
  timeoutMs: number;
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  input?: string;
  /** A file streamed to the child's stdin instead of `input` (a snapshot of hundreds of MiB sent over ssh). */
  inputFile?: string;
  /** How long the group has between SIGTERM and SIGKILL (default 3 s). */
  graceMs?: number;
}

export const DEFAULT_KILL_GRACE_MS = 3000;

/** The environment a user's command inherits (child-env.ts): kubekeep's own, less its inputs and secrets. */
export function inheritedEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return childEnv("user", {}, env);
}

/** Process groups started here and still running: killed if kubekeep itself exits first. */
const live = new Set<number>();
let exitHook = false;

/** Signals the process group `pid` leads, or the process alone when it leads none; gone is fine. */
export function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** True while any process of the group `pid` leads is there. */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs `sh -c command`; see runProcess. */
export function runShell(command: string, options: ProcessOptions): Promise<ProcessResult> {
  return runProcess("sh", ["-c", command], options);
}

/**
 * Starts `file` in a new process group, streams each output line to
 * `onLine`, and settles when the process exited and, after a deadline or a
 * cancellation, when its whole group is gone (SIGTERM, then SIGKILL after
 * `graceMs`). Rejects only when the program cannot be started.
 */
export function runProcess(file: string, args: string[], options: ProcessOptions): Promise<ProcessResult> {
  const graceMs = options.graceMs ?? DEFAULT_KILL_GRACE_MS;
  if (!exitHook) {
    exitHook = true;
    process.on("exit", () => {
      for (const pid of live) killGroup(pid, "SIGKILL");
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: childEnv(options.inherit, options.env),
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    const pid = child.pid;
    if (pid !== undefined) live.add(pid);
    let output = "";
    let partial = "";
    let timedOut = false;
    let aborted = false;
    let exitCode: number | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let settled = false;
    let inputFailed = false;
    const onData = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      output = (output + text).slice(-64 * 1024);
      partial += text;
      const lines = partial.split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) options.onLine?.(l);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);

    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal?.removeEventListener("abort", onAbort);
      if (pid !== undefined) live.delete(pid);
      if (partial) options.onLine?.(partial);
      partial = "";
      resolve({ code: inputFailed && !exitCode ? 1 : (exitCode ?? 1), output, timedOut, aborted });
    };

    // SIGTERM to the group now, SIGKILL to what is left after the grace period;
    // settle once the group is empty, not when the first process exits, so no
    // child that ignored SIGTERM is left running behind a "finished" command.
    const end = () => {
      if (pid === undefined || killTimer) return;
      killGroup(pid, "SIGTERM");
      const startedAt = Date.now();
      const poll = () => {
        if (!groupAlive(pid)) {
          if (exitCode !== undefined) finish();
          else killTimer = setTimeout(poll, 50);
          return;
        }
        if (Date.now() - startedAt >= graceMs) killGroup(pid, "SIGKILL");
        killTimer = setTimeout(poll, 50);
      };
      killTimer = setTimeout(poll, 50);
    };
    const timer = setTimeout(() => {
      timedOut = true;
      output += `\n(no result within ${formatDuration(options.timeoutMs)}: ended)`;
      end();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      end();
    };
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });

    child.on("error", (err) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      if (pid !== undefined) live.delete(pid);
      settled = true;
      reject(err);
    });
    child.on("exit", (code, signal) => {
      exitCode = code ?? (signal === "SIGKILL" ? 137 : signal === "SIGTERM" ? 143 : 128);
      // After a deadline the group is waited for by end(); otherwise the
      // pipes closing ("close") settles it, or a bounded moment later if a
      // background child kept them open.
      if (!timedOut && !aborted) setTimeout(finish, 1000).unref();
    });
    child.on("close", () => {
      if (!timedOut && !aborted) finish();
    });
    child.stdin.on("error", () => {});
    if (options.inputFile !== undefined) {
      // A read error ends stdin early and fails the command (the receiving end's sha256 check would too).
      const file = fs.createReadStream(options.inputFile);
      file.on("error", (err) => {
        inputFailed = true;
        output += `\n(cannot read ${options.inputFile}: ${err.message})`;
        child.stdin.destroy();
      });
      file.pipe(child.stdin);
    } else child.stdin.end(options.input ?? "");
  });
}

/** "exited 3", "was ended after 1.0s (SIGTERM, then SIGKILL)", "was cancelled". */
export function describeEnd(res: ProcessResult, timeoutMs: number): string {
  if (res.timedOut)
    return `did not finish within ${formatDuration(timeoutMs)} and was ended (its process group got SIGTERM, then SIGKILL)`;
  if (res.aborted) return "was cancelled";
  return `exited ${res.code}`;
}

/** The last lines of a command's output, on one line, for an error message. */
export function lastLines(output: string, n: number): string {
  return output.trim().split("\n").slice(-n).join(" / ");
}
