/**
 * How the benchmarks time a tool: wall seconds and peak RSS of one command,
 * from GNU time's report (/usr/bin/time -v), or by polling the process's
 * VmHWM when GNU time is missing.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";

export interface Measure {
  seconds: number;
  rssMb: number;
}

/** Runs the command to its end (stdout to a file when given), failing on a non-zero exit. */
export async function measure(command: string, args: string[], stdoutFile?: string): Promise<Measure> {
  const timeBin = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
  const out = stdoutFile ? fs.openSync(stdoutFile, "w") : "ignore";
  const started = performance.now();
  const child = timeBin
    ? spawn(timeBin, ["-v", command, ...args], { stdio: ["ignore", out, "pipe"] })
    : spawn(command, args, { stdio: ["ignore", out, "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  let polled = 0;
  const poll = timeBin
    ? undefined
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
          if (m) polled = Math.max(polled, Number(m[1]));
        } catch {
          // exited
        }
      }, 20);
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? -1)));
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  if (typeof out === "number") fs.closeSync(out);
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited ${code}:\n${stderr.slice(-3000)}`);
  const kb = timeBin ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0) : polled;
  return { seconds, rssMb: kb / 1024 };
}
