/**
 * Runs a host command for the real-node harness with a deadline, capturing
 * its output; a failure quotes the command and its output's tail.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import { killGroup } from "../../../src/core/process.ts";

export interface RunOptions {
  timeoutMs?: number;
  input?: string;
  /** A non-zero exit is returned instead of thrown. */
  allowFailure?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ["pipe", "pipe", "pipe"],
      detached: true,
      env: options.env ? { ...process.env, ...options.env } : process.env,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? "");
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) killGroup(child.pid, "SIGKILL");
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(" ")}: ${err.message}`));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const result = { code: code ?? 128, stdout, stderr };
      if (timedOut) {
        return reject(
          new Error(
            `${command} ${args.join(" ")} did not finish in ${timeoutMs / 1000}s:\n${tailOf(stdout + stderr)}`,
          ),
        );
      }
      if (result.code !== 0 && !options.allowFailure) {
        return reject(
          new Error(`${command} ${args.join(" ")} failed (exit ${result.code}):\n${tailOf(stdout + stderr)}`),
        );
      }
      resolve(result);
    });
  });
}

function tailOf(text: string, lines = 30): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** The live pid in a pid file, or undefined (no file, or its process is gone). */
export function readPid(file: string): number | undefined {
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(file, "utf8").trim());
  } catch {
    return undefined;
  }
  if (!pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}
