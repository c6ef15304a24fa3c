/**
 * Builds programs from Go wrapper modules and caches them by version and by a
 * hash of the module's files, so only the first run on a machine pays for a
 * build (Kubernetes takes about 4 minutes on 2 cores) and a changed module
 * never reuses a stale binary. Each module keeps a committed go.sum, so the
 * build is reproducible and checked by the Go module proxy. The sandbox's
 * components (src/sandbox/binaries.ts) and the tests' tools
 * (test/harness/tools/binaries.ts) are recipes for this one builder.
 *
 * A first build prints which component is building (n of N), how far it is
 * and roughly how long is left; go's own output (`go: downloading ...`) goes
 * to a log file under the cache directory, named on the terminal.
 */
import { createHash } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ConfigurationError, OperationalError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { formatDuration } from "../units.ts";
import { cacheRoot, lockDir } from "./cache.ts";

/** One recipe: a wrapper module and the commands built from it. */
export interface GoComponent {
  /** The component's name: the cache folder's and the progress lines'. */
  name: string;
  /** The wrapper module's folder (go.mod, go.sum, the sources). */
  moduleDir: string;
  version: string;
  /** Go package path -> binary name. */
  commands: Record<string, string>;
  ldflags: string;
  /**
   * A cold build's duration on the project's 2-core machine (empty Go
   * caches), for the "about ... left" estimate before go reports progress.
   */
  coldBuildSeconds: number;
}

/** The `-X` flags hack/lib/version.sh sets, so /version and `kubectl version` report the release, not v0.0.0. */
export function kubeVersionFlags(version: string): string {
  const [major, minor] = version.replace(/^v/, "").split(".");
  return ["k8s.io/component-base/version", "k8s.io/client-go/pkg/version"]
    .flatMap((pkg) => [
      `-X ${pkg}.gitMajor=${major}`,
      `-X ${pkg}.gitMinor=${minor}`,
      `-X ${pkg}.gitVersion=${version}`,
      `-X ${pkg}.gitTreeState=clean`,
      `-X ${pkg}.buildDate=1970-01-01T00:00:00Z`,
    ])
    .join(" ");
}

function findGo(): string {
  const candidates = [process.env.GO, "go", "/usr/local/go/bin/go"].filter((c): c is string => !!c);
  for (const c of candidates) {
    try {
      execFileSync(c, ["version"], { stdio: "ignore" });
      return c;
    } catch {
      // try the next one
    }
  }
  throw new ConfigurationError(
    "Go (1.25 or newer) is needed to build the sandbox cluster's components and was not found on PATH or at /usr/local/go/bin/go; install Go or set GO=/path/to/go",
  );
}

/**
 * The content key of a component: its module's files (relative names and
 * bytes), its ldflags and its commands. Where the module folder lives does
 * not count, so moving a module keeps its cached build.
 */
export function moduleHash(component: GoComponent): string {
  const h = createHash("sha256");
  const dir = component.moduleDir;
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  for (const f of files) {
    const full = path.join(dir, f);
    if (fs.statSync(full).isFile()) h.update(f).update(fs.readFileSync(full));
  }
  h.update(component.ldflags).update(JSON.stringify(component.commands));
  return h.digest("hex").slice(0, 12);
}

/** Where a component's binaries are (or will be) cached. */
export function componentDir(component: GoComponent): string {
  return path.join(cacheRoot(), "bin", `${component.name}-${component.version}-${moduleHash(component)}`);
}

function logDir(): string {
  return path.join(cacheRoot(), "logs");
}

function isComplete(dir: string, component: GoComponent): boolean {
  return Object.values(component.commands).every((bin) => fs.existsSync(path.join(dir, bin)));
}

/**
 * Builds the components that are not cached yet, one after the other, and
 * returns the paths of all their binaries, by binary name.
 */
export async function ensureGoComponents(
  components: readonly GoComponent[],
  logger: Logger,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const missing = components.filter((c) => !isComplete(componentDir(c), c));
  if (missing.length > 0) {
    const total = missing.reduce((sum, c) => sum + c.coldBuildSeconds, 0);
    logger.info(
      `kubekeep: building ${missing.map((c) => c.name).join(", ")} from Go modules (first run only; about ` +
        `${formatDuration(total * 1000)} on 2 cores with empty Go caches, less when Go's caches are warm); ` +
        `go's own output goes to ${logDir()}`,
    );
  }
  for (const component of components) {
    const dir = componentDir(component);
    if (!isComplete(dir, component)) {
      const index = missing.indexOf(component);
      const after = missing.slice(index + 1).reduce((sum, c) => sum + c.coldBuildSeconds, 0);
      await build(component, dir, logger, { index: index + 1, count: missing.length, afterSeconds: after });
    }
    for (const bin of Object.values(component.commands)) out[bin] = path.join(dir, bin);
  }
  return out;
}

/** A component's build may take long on a slow machine, never forever (a stuck download, say). */
const BUILD_DEADLINE_MS = 60 * 60_000;
/** How often a running build reports its progress (KUBEKEEP_BUILD_PROGRESS_MS: tests make it frequent). */
const progressEveryMs = () => Number(process.env.KUBEKEEP_BUILD_PROGRESS_MS) || 20_000;

interface Position {
  index: number;
  count: number;
  /** Cold build seconds of the components still queued after this one. */
  afterSeconds: number;
}

async function build(component: GoComponent, dir: string, logger: Logger, at: Position): Promise<void> {
  const release = await lockDir(dir + ".lock", logger);
  try {
    if (isComplete(dir, component)) return; // another process built it while we waited
    const go = findGo();
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    fs.mkdirSync(logDir(), { recursive: true });
    const logFile = path.join(logDir(), `${path.basename(dir)}.log`);
    const log = fs.openSync(logFile, "w");
    const cwd = component.moduleDir;
    const started = Date.now();
    const progress = new BuildProgress(component, at, started);
    logger.info(
      `kubekeep: [${at.index}/${at.count}] building ${component.name} ${component.version} ` +
        `(usually ${formatDuration(component.coldBuildSeconds * 1000)} on 2 cores; full go log: ${logFile})`,
    );
    const timer = setInterval(() => logger.info(progress.line()), progressEveryMs());
    try {
      // Download first so "how far" can count the packages left to compile.
      progress.phase = "downloading modules";
      await runGo(go, ["mod", "download"], cwd, log, logFile);
      progress.phase = "listing packages";
      // Only stale packages get compiled (and named by `go build -v`): those are "how far".
      const listed = await runGo(
        go,
        [
          "list",
          "-trimpath",
          "-deps",
          "-f",
          "{{if .Stale}}{{.ImportPath}}{{end}}",
          ...Object.keys(component.commands),
        ],
        cwd,
        log,
        logFile,
        { capture: true },
      );
      progress.packages = new Set(listed.split("\n").filter(Boolean)).size;
      for (const [pkg, bin] of Object.entries(component.commands)) {
        progress.phase = `compiling ${bin}`;
        await runGo(
          go,
          [
            "build",
            "-v",
            "-trimpath",
            "-ldflags",
            `-s -w ${component.ldflags}`,
            "-o",
            path.join(tmp, bin),
            pkg,
          ],
          cwd,
          log,
          logFile,
          // `go build -v` names each package as it compiles it (cached ones are not named).
          { onStderrLine: (line) => (/^[\w.-]+(\/[\w.~-]+)*$/.test(line) ? progress.compiled++ : 0) },
        );
      }
    } finally {
      clearInterval(timer);
      fs.closeSync(log);
    }
    fs.rmSync(dir, { recursive: true, force: true });
    // Rename last: a cancelled build never leaves a directory that looks complete.
    fs.renameSync(tmp, dir);
    logger.info(
      `kubekeep: [${at.index}/${at.count}] built ${component.name} in ${formatDuration(Date.now() - started)}`,
    );
  } finally {
    release();
  }
}

/** What a person watching a first build wants to know: what, how far, how long still. */
class BuildProgress {
  phase = "starting";
  packages = 0;
  compiled = 0;
  private readonly component: GoComponent;
  private readonly at: Position;
  private readonly started: number;

  constructor(component: GoComponent, at: Position, started: number) {
    this.component = component;
    this.at = at;
    this.started = started;
  }

  line(): string {
    const elapsed = Date.now() - this.started;
    const fraction = this.packages > 0 ? Math.min(this.compiled / this.packages, 0.99) : 0;
    // Early on the measured cold time is the better guess; once a fifth of the
    // packages compiled, extrapolate from this machine's own pace.
    const left =
      fraction >= 0.2
        ? (elapsed * (1 - fraction)) / fraction
        : Math.max(this.component.coldBuildSeconds * 1000 - elapsed, 5_000);
    const how = this.packages > 0 ? `, ${this.compiled} of ~${this.packages} packages compiled` : "";
    const rest =
      this.at.afterSeconds > 0 ? `, then ~${formatDuration(this.at.afterSeconds * 1000)} for the rest` : "";
    return (
      `kubekeep: [${this.at.index}/${this.at.count}] ${this.component.name}: ${this.phase}${how}; ` +
      `${formatDuration(elapsed)} so far, about ${formatDuration(left)} left${rest}`
    );
  }
}

interface RunGoOptions {
  capture?: boolean;
  onStderrLine?: (line: string) => void;
}

/** Runs go with its output in the build log (stdout captured when asked), bounded in time. */
function runGo(
  go: string,
  args: string[],
  cwd: string,
  log: number,
  logFile: string,
  options: RunGoOptions = {},
): Promise<string> {
  fs.writeSync(log, `$ go ${args.join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? "0" },
    });
    let stdout = "";
    let partial = "";
    child.stdout.on("data", (d: Buffer) => {
      if (options.capture) stdout += d.toString();
      else fs.writeSync(log, d);
    });
    child.stderr.on("data", (d: Buffer) => {
      fs.writeSync(log, d);
      const lines = (partial + d.toString()).split("\n");
      partial = lines.pop() ?? "";
      for (const l of lines) options.onStderrLine?.(l);
    });
    const deadline = setTimeout(() => child.kill("SIGKILL"), BUILD_DEADLINE_MS);
    child.on("error", (err) => {
      clearTimeout(deadline);
      reject(err);
    });
    child.on("close", (code, signal) => {
      clearTimeout(deadline);
      if (code === 0) return resolve(stdout);
      const tail = fs.readFileSync(logFile, "utf8").split("\n").slice(-30).join("\n");
      const why = signal
        ? `was stopped (${signal}${signal === "SIGKILL" ? `, past the ${formatDuration(BUILD_DEADLINE_MS)} deadline` : ""})`
        : `failed (exit ${code})`;
      reject(
        new OperationalError(
          `go ${args.join(" ")} in ${cwd} ${why}; check the network to the Go module proxy ` +
            `(${process.env.GOPROXY ?? "proxy.golang.org"}) and the full log ${logFile}:\n${tail}`,
        ),
      );
    });
  });
}
