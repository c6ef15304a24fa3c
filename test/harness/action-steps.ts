/**
 * Runs a node24 action's `main` and `post` from the built bundle as the
 * runner does: inputs as INPUT_* variables, outputs, job summary and saved
 * state in files, the state handed to the post step as STATE_* variables.
 * The main step runs asynchronously so a test can signal it the way the
 * runner cancels a job (SIGINT, then SIGTERM).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseFileCommands } from "./run.ts";

const root = path.resolve(import.meta.dirname, "..", "..");

export interface StepRun {
  code: number | null;
  output: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
}

export interface RunningStep {
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  done: Promise<StepRun>;
}

/** Starts one step (`main`, or `post` with the main's saved state) of actions/<action>. */
export function startStep(
  action: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  state: Record<string, string> = {},
): RunningStep {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-step-"));
  const files = { GITHUB_OUTPUT: "output", GITHUB_STEP_SUMMARY: "summary", GITHUB_STATE: "state" };
  for (const f of Object.values(files)) fs.writeFileSync(path.join(dir, f), "");
  const child = spawn(process.execPath, [path.join(root, "dist", "actions", `${action}.js`)], {
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...Object.fromEntries(Object.entries(files).map(([k, f]) => [k, path.join(dir, f)])),
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      ...Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v])),
      ...env,
    },
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const done = new Promise<StepRun>((resolve) =>
    child.on("close", (code) => {
      const read = (f: string) => fs.readFileSync(path.join(dir, f), "utf8");
      const run = {
        code,
        output,
        outputs: parseFileCommands(read("output")),
        summary: read("summary"),
        state: parseFileCommands(read("state")),
      };
      fs.rmSync(dir, { recursive: true, force: true });
      resolve(run);
    }),
  );
  return { child, output: () => output, done };
}

/**
 * Cancels a running step as the Actions runner cancels a job: SIGINT to the
 * step's process, SIGTERM 7.5 s later if it is still there, SIGKILL 2.5 s
 * after that. Returns the signals sent so far (a list that grows): a step
 * that stops on the SIGINT alone leaves it at ["SIGINT"].
 */
export function cancelAsRunner(child: ChildProcess): NodeJS.Signals[] {
  const sent: NodeJS.Signals[] = [];
  const send = (s: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    sent.push(s);
    child.kill(s);
  };
  const timers = [setTimeout(() => send("SIGTERM"), 7500), setTimeout(() => send("SIGKILL"), 10_000)];
  child.once("exit", () => timers.forEach(clearTimeout));
  send("SIGINT");
  return sent;
}
