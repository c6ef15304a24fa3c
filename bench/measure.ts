/**
 * How the benchmarks time a tool: wall seconds and peak RSS of one command,
 * and its CPU time (user + system, threads and children included), from GNU
 * time's report (/usr/bin/time -v), or wall time and VmHWM polled when GNU
 * time is missing (no CPU time then). On a shared machine CPU time is the
 * steadier figure: other load stretches the wall time, not the work done.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";

export interface Measure {
  seconds: number;
  rssMb: number;
  /** User + system CPU seconds; undefined without GNU time. */
  cpuSeconds?: number;
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
  if (!timeBin) return { seconds, rssMb: kb / 1024 };
  const cpu = (what: string) =>
    Number(new RegExp(`${what} time \\(seconds\\): ([0-9.]+)`).exec(stderr)?.[1] ?? NaN);
  return { seconds, rssMb: kb / 1024, cpuSeconds: cpu("User") + cpu("System") };
}
