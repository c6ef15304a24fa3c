/**
 * Runs GitHub Actions workflows for real with act (github.com/nektos/act,
 * built and cached like the sandbox's components) on this host, no Docker:
 * `-P ubuntu-latest=-self-hosted` runs every job's steps in a fresh folder
 * with the host's tools (Node 24 from node_modules/.bin first on PATH).
 *
 * Nothing is fetched from the internet (act's notice check is off, its cache
 * server not started):
 * - the workflows run in a throwaway git repository holding the committed
 *   files of this worktree with dist/ built from them; its origin is
 *   github.com/kubekeep/kubekeep, so `actions/checkout` is act's offline
 *   special case (a copy of that repository) and `uses: ./actions/<name>`
 *   resolves in it;
 * - `kubekeep/kubekeep/...@v0` (what users copy) resolves to that same
 *   repository through `--local-repository`;
 * - the other remote actions the workflows use are replaced, by the same
 *   mechanism, with the local stand-ins in test/harness/act-stand-ins/ (see
 *   STAND_INS: each stand-in does the part of the real action the workflow
 *   depends on, against the sandbox); an action not listed there makes act
 *   fail, so no workflow can reach the network by accident;
 * - secrets come from a private `--secret-file`, variables from `--var-file`,
 *   workflow_dispatch inputs from an event JSON.
 *
 * What act does differently from GitHub (the tests check those another way):
 * it ignores `fail-fast` and hands every inner composite output out.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { ensureTool } from "./tools/binaries.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const standIns = path.join(import.meta.dirname, "act-stand-ins");

/**
 * Remote actions replaced by local stand-ins (owner/repo@ref -> folder), the
 * documented rewrite that keeps the workflows as users copy them.
 */
export const STAND_INS: Record<string, string> = {
  // Toolchains are already on the host (Node 24 and Go are prerequisites).
  "actions/setup-node@v6": "setup-node",
  "actions/setup-go@v7": "setup-go",
  // A cache miss every time: the sandbox binaries are cached by kubekeep itself.
  "actions/cache@v5": "cache",
  // Puts the sandbox S3's static credentials where the real action puts the role's.
  "aws-actions/configure-aws-credentials@v6": "configure-aws-credentials",
  // Records what it would commit and open, for the test to check.
  "peter-evans/create-pull-request@v8": "create-pull-request",
  // Copies the files to $STANDIN_ARTIFACTS/<name>/ for the test to read.
  "actions/upload-artifact@v5": "upload-artifact",
};

export interface WorkflowRunOptions {
  /** Workflow file (a path in the worktree or anywhere else). */
  workflow: string;
  /** Defaults to workflow_dispatch. */
  event?: string;
  /** workflow_dispatch inputs. */
  inputs?: Record<string, string>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** Environment of the act process; the self-hosted runner hands it to every job. */
  env?: Record<string, string>;
  /** Only this job (and no `needs`). */
  job?: string;
  timeoutMs?: number;
}

export interface WorkflowRun {
  status: number;
  /** act's whole output, stdout and stderr interleaved as printed. */
  output: string;
  ms: number;
}

/** A throwaway repository the workflows run in; create once per test file. */
export class ActRepository {
  readonly dir: string;
  private readonly home: string;
  private readonly act: string;

  private constructor(dir: string, home: string, act: string) {
    this.dir = dir;
    this.home = home;
    this.act = act;
  }

  /** Copies the work tree's committed files and builds dist/ in the copy. */
  static async create(): Promise<ActRepository> {
    const act = await ensureTool("act", new ConsoleLogger());
    const base = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-act-"));
    const dir = path.join(base, "kubekeep");
    const home = path.join(base, "home");
    fs.mkdirSync(home);
    const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
      .split("\0")
      .filter(Boolean);
    for (const f of files) {
      if (!fs.existsSync(path.join(root, f))) continue; // deleted in the work tree
      fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      fs.copyFileSync(path.join(root, f), path.join(dir, f));
    }
    // dist/ built from this work tree's sources into the copy (the work tree's
    // own dist/ is left alone); node_modules is linked for esbuild and ignored by git.
    fs.rmSync(path.join(dir, "dist"), { recursive: true, force: true });
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
    execFileSync(process.execPath, [path.join(dir, "scripts", "build.ts")], {
      cwd: dir,
      stdio: "pipe",
      timeout: 300_000,
    });
    const git = (...args: string[]) =>
      execFileSync(
        "git",
        ["-c", "user.name=kubekeep-test", "-c", "user.email=test@kubekeep.invalid", ...args],
        { cwd: dir, stdio: "ignore", timeout: 60_000 },
      );
    git("init", "-q", "-b", "main");
    git("remote", "add", "origin", "https://github.com/kubekeep/kubekeep");
    git("add", "-A");
    git("commit", "-q", "-m", "kubekeep under test");
    return new ActRepository(dir, home, act);
  }

  remove(): void {
    fs.rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }

  /** Runs one workflow with act and returns its exit status and whole output. */
  run(options: WorkflowRunOptions): Promise<WorkflowRun> {
    const work = fs.mkdtempSync(path.join(this.home, "run-"));
    const event = options.event ?? "workflow_dispatch";
    const eventFile = path.join(work, "event.json");
    fs.writeFileSync(
      eventFile,
      JSON.stringify(event === "workflow_dispatch" ? { inputs: options.inputs ?? {} } : {}),
    );
    const secretFile = path.join(work, "secrets");
    fs.writeFileSync(secretFile, dotenv(options.secrets ?? {}), { mode: 0o600 });
    const varFile = path.join(work, "vars");
    fs.writeFileSync(varFile, dotenv(options.vars ?? {}));
    const args = [
      event,
      "-W",
      path.resolve(options.workflow),
      "-P",
      "ubuntu-latest=-self-hosted",
      "--action-offline-mode",
      "--pull=false",
      // No cache server (it would listen on the machine's outbound address);
      // the artifact server is not started, and would bind loopback.
      "--no-cache-server",
      "--artifact-server-addr",
      "127.0.0.1",
      "--secret-file",
      secretFile,
      "--var-file",
      varFile,
      "--eventpath",
      eventFile,
      "--local-repository",
      `kubekeep/kubekeep@v0=${this.dir}`,
      ...Object.entries(STAND_INS).flatMap(([action, folder]) => [
        "--local-repository",
        `${action}=${path.join(standIns, folder)}`,
      ]),
      ...(options.job ? ["--job", options.job] : []),
    ];
    const started = Date.now();
    const timeoutMs = options.timeoutMs ?? 300_000;
    return new Promise((resolve, reject) => {
      const child = spawn(this.act, args, {
        cwd: this.dir,
        env: {
          PATH: `${path.join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}`,
          // No ~/.actrc of the person running the tests, and act's caches in the throwaway folder.
          HOME: this.home,
          XDG_CACHE_HOME: path.join(this.home, ".cache"),
          // act asks api.nektosact.com for notices unless told not to: tests stay on loopback.
          ACT_DISABLE_VERSION_CHECK: "1",
          ...(process.env.GO ? { GO: process.env.GO } : {}),
          ...options.env,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (d: Buffer) => (output += d.toString()));
      child.stderr.on("data", (d: Buffer) => (output += d.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.on("close", (code, signal) => {
        clearTimeout(timer);
        fs.rmSync(work, { recursive: true, force: true });
        if (signal === "SIGKILL") output += `\n[harness] act killed after ${timeoutMs} ms`;
        // KUBEKEEP_ACT_LOGS=<dir> keeps act's output of every run for reading.
        if (process.env.KUBEKEEP_ACT_LOGS) {
          fs.mkdirSync(process.env.KUBEKEEP_ACT_LOGS, { recursive: true });
          const name = `${path.basename(options.workflow, ".yml")}-${started}.log`;
          fs.writeFileSync(path.join(process.env.KUBEKEEP_ACT_LOGS, name), output);
        }
        resolve({ status: code ?? -1, output, ms: Date.now() - started });
      });
    });
  }
}

/** godotenv's format: double-quoted values with \n escapes, so multi-line secrets survive. */
function dotenv(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([k, v]) => `${k}="${v.replaceAll("\\", "\\\\").replaceAll('"', '\\"').replaceAll("\n", "\\n")}"\n`)
    .join("");
}

/** The lines act printed for one job (`[<workflow>/<job>] ...`), the prefix stripped. */
export function jobLines(output: string, job: string): string[] {
  const prefix = new RegExp(`^\\[[^\\]/]+/${job.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\]\\s?`);
  return output
    .split("\n")
    .filter((l) => prefix.test(l))
    .map((l) => l.replace(prefix, ""));
}

/** Outputs a step set, as act reports them (`::set-output:: name=value`). */
export function setOutputs(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const m = /::set-output:: ([^=]+)=(.*)$/.exec(l);
    if (m) out[m[1] as string] = m[2] as string;
  }
  return out;
}

/** Outputs set per step, keyed by the step's name as act prints it (`⭐ Run Main <name>`). */
export function stepOutputs(output: string): Map<string, Set<string>> {
  const set = new Map<string, Set<string>>();
  let current = "";
  for (const line of output.split("\n")) {
    const started = /⭐ Run Main (.*)$/.exec(line);
    if (started) current = (started[1] ?? "").trim();
    const out = /::set-output:: ([^=]+)=/.exec(line);
    if (out) set.set(current, (set.get(current) ?? new Set()).add(out[1] as string));
  }
  return set;
}
