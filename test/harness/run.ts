/**
 * Runs the built action bundles and the CLI as GitHub's runner and a user
 * would: inputs as INPUT_* variables, outputs and the job summary in files.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");

export interface ActionRun {
  status: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Parses the GITHUB_OUTPUT / GITHUB_STATE file format (name<<DELIMITER ... DELIMITER). */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? "");
    if (!m) continue;
    const [, name, delim] = m;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i] ?? "");
    out[name as string] = value.join("\n");
  }
  return out;
}

export function runBuiltAction(
  action: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
): ActionRun {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-action-"));
  const outputFile = path.join(dir, "output");
  const summaryFile = path.join(dir, "summary");
  fs.writeFileSync(outputFile, "");
  fs.writeFileSync(summaryFile, "");
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, "_").toUpperCase()}`, v]),
  );
  const entry =
    action === "." ? path.join(root, "dist", "main.js") : path.join(root, "dist", "actions", `${action}.js`);
  const res = spawnSync(process.execPath, [entry], {
    encoding: "utf8",
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...inputEnv,
      ...env,
    },
  });
  const run = {
    status: res.status ?? -1,
    stdout: res.stdout,
    stderr: res.stderr,
    outputs: parseFileCommands(fs.readFileSync(outputFile, "utf8")),
    summary: fs.readFileSync(summaryFile, "utf8"),
  };
  fs.rmSync(dir, { recursive: true, force: true });
  return run;
}

/** The CLI from source; `cwd` as a workflow step runs it (a checkout), the repository's root by default. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  cwd = root,
): { status: number; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [path.join(root, "src", "cli", "main.ts"), ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    cwd,
  });
  return { status: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/**
 * runCli without blocking this process: for a CLI run that talks to a server
 * the test itself serves (a release mirror, say). Killed after `timeoutMs`.
 */
export function runCliAsync(
  args: string[],
  env: Record<string, string> = {},
  timeoutMs = 300_000,
): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "src", "cli", "main.ts"), ...args], {
      env: { ...process.env, ...env },
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: timeoutMs,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ status: code ?? -1, stdout, stderr }));
  });
}

/** Runs the built CLI (dist/cli.js) as a user would after `npm install -g`. */
export function runBuiltCli(
  args: string[],
  env: Record<string, string> = {},
): { status: number; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [path.join(root, "dist", "cli.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    cwd: os.tmpdir(),
    timeout: 120_000,
  });
  return { status: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

/** Runs the sandbox's kubectl and returns its stdout; a non-zero exit fails the test with kubectl's stderr. */
export function runKubectl(kubectl: string, kubeconfig: string, args: string[], input?: string): string {
  const res = spawnSync(kubectl, [`--kubeconfig=${kubeconfig}`, ...args], {
    encoding: "utf8",
    ...(input !== undefined ? { input } : {}),
  });
  if (res.status !== 0) throw new Error(`kubectl ${args.join(" ")} exited ${res.status}: ${res.stderr}`);
  return res.stdout;
}
