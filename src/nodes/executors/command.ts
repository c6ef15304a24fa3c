/**
 * The `command` executor: the user's own command (a cloud CLI that replaces
 * the node, an Ansible play, ...) run through the shell with the node and the
 * versions in its environment. Also the shell runner other parts share.
 */
import { spawn } from "node:child_process";
import { ConfigurationError } from "../../core/errors.ts";
import { formatDuration } from "../../core/units.ts";
import type { Executor, UpgradeTarget } from "./executor.ts";
import { upgradeEnv } from "./executor.ts";

export interface ShellResult {
  code: number;
  output: string;
}

export interface ProcessOptions {
  env?: Record<string, string>;
  timeoutMs: number;
  onLine?: (line: string) => void;
  signal?: AbortSignal;
  input?: string;
}

/** Runs `sh -c command`, streaming each output line to `onLine`; kills it at the timeout. */
export function runShell(command: string, options: ProcessOptions): Promise<ShellResult> {
  return runProcess("sh", ["-c", command], options);
}

export function runProcess(file: string, args: string[], options: ProcessOptions): Promise<ShellResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      env: { ...process.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    let partial = "";
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
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      output += `\n(killed after ${formatDuration(options.timeoutMs)})`;
      kill();
    }, options.timeoutMs);
    options.signal?.addEventListener("abort", kill, { once: true });
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (partial) options.onLine?.(partial);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
  });
}

export class CommandExecutor implements Executor {
  readonly kind = "command";
  private readonly command: string;
  private readonly timeoutMs: number;

  constructor(command: string, timeoutMs: number) {
    this.command = command;
    this.timeoutMs = timeoutMs;
  }

  async upgrade(target: UpgradeTarget, log: (line: string) => void, signal?: AbortSignal): Promise<void> {
    const res = await runShell(this.command, {
      env: upgradeEnv(target),
      timeoutMs: this.timeoutMs,
      onLine: (l) => log(`[${target.node}] ${l}`),
      ...(signal ? { signal } : {}),
    });
    if (res.code !== 0) {
      throw new ConfigurationError(
        `upgrade command for ${target.node} exited ${res.code}: ${res.output.trim().split("\n").slice(-5).join(" / ")}`,
      );
    }
  }
}
