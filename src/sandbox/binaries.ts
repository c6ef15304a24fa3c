/**
 * Builds the sandbox's real components (and the tools the tests use: act,
 * actionlint, a small SSH server) from Go modules and caches them by version
 * and by a hash of the wrapper module, so only the first run on a machine pays
 * for the build (Kubernetes takes about 4 minutes on 2 cores).
 *
 * The Go sources of each wrapper module live in src/sandbox/go/<name>/ with a
 * committed go.sum, so the build is reproducible and checked by the proxy.
 * A first build prints which component is building (n of N), how far it is
 * and roughly how long is left; go's own output (`go: downloading ...`) goes
 * to a log file under the cache directory, named on the terminal.
 */
import { createHash } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigurationError, OperationalError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatDuration } from "../core/units.ts";
import { sleep } from "../core/sleep.ts";

export const KUBERNETES_VERSION = "v1.35.4";
/**
 * The previous minor's latest patch served by the Go module proxy: the real
 * node starts here and kubekeep upgrades it to KUBERNETES_VERSION.
 */
export const PREVIOUS_KUBERNETES_VERSION = "v1.34.4";
export const ETCD_VERSION = "v3.6.16";
export const KWOK_VERSION = "v0.8.0";
export const VERSITYGW_VERSION = "v1.8.0";
export const ACT_VERSION = "v0.2.89";
export const ACTIONLINT_VERSION = "v1.7.12";
/** The SSH server is our own code (src/sandbox/go/sshd); its version is its module hash. */
export const SSHD_VERSION = "v0";
/** The real node's image tool and small programs are our own code (src/sandbox/go/nodeimages). */
export const NODEIMAGES_VERSION = "v0";

interface Component {
  /** Folder of the wrapper module under src/sandbox/go. */
  module: string;
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

function kubeVersionFlags(version: string): string {
  const [major, minor] = version.replace(/^v/, "").split(".");
  // The same variables hack/lib/version.sh sets, so /version and
  // `kubectl version` report the real release instead of v0.0.0.
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

const COMPONENTS = {
  kubernetes: {
    module: "kubernetes",
    version: KUBERNETES_VERSION,
    commands: {
      "k8s.io/kubernetes/cmd/kube-apiserver": "kube-apiserver",
      "k8s.io/kubernetes/cmd/kube-controller-manager": "kube-controller-manager",
      "k8s.io/kubernetes/cmd/kube-scheduler": "kube-scheduler",
      "k8s.io/kubernetes/cmd/kubectl": "kubectl",
    },
    ldflags: kubeVersionFlags(KUBERNETES_VERSION),
    coldBuildSeconds: 240,
  },
  // The real node's binaries (test/harness/real-node): kubelet and kubeadm of
  // the current release, and every component of the previous minor, each
  // built from its own k8s.io/kubernetes module version.
  "kubernetes-node": {
    module: "kubernetes-node",
    version: KUBERNETES_VERSION,
    commands: {
      "k8s.io/kubernetes/cmd/kubelet": "kubelet",
      "k8s.io/kubernetes/cmd/kubeadm": "kubeadm",
    },
    ldflags: kubeVersionFlags(KUBERNETES_VERSION),
    coldBuildSeconds: 600,
  },
  "kubernetes-previous": {
    module: "kubernetes-previous",
    version: PREVIOUS_KUBERNETES_VERSION,
    commands: {
      "k8s.io/kubernetes/cmd/kube-apiserver": "kube-apiserver",
      "k8s.io/kubernetes/cmd/kube-controller-manager": "kube-controller-manager",
      "k8s.io/kubernetes/cmd/kube-scheduler": "kube-scheduler",
      "k8s.io/kubernetes/cmd/kubectl": "kubectl",
      "k8s.io/kubernetes/cmd/kubelet": "kubelet",
      "k8s.io/kubernetes/cmd/kubeadm": "kubeadm",
    },
    ldflags: kubeVersionFlags(PREVIOUS_KUBERNETES_VERSION),
    coldBuildSeconds: 1200,
  },
  etcd: {
    module: "etcd",
    version: ETCD_VERSION,
    commands: { "./cmd/etcd": "etcd", "./cmd/etcdutl": "etcdutl", "./cmd/etcdctl": "etcdctl" },
    ldflags: "",
    coldBuildSeconds: 25,
  },
  kwok: {
    module: "kwok",
    version: KWOK_VERSION,
    commands: { "sigs.k8s.io/kwok/cmd/kwok": "kwok" },
    ldflags: `-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION}`,
    coldBuildSeconds: 60,
  },
  versitygw: {
    module: "versitygw",
    version: VERSITYGW_VERSION,
    commands: { "github.com/versity/versitygw/cmd/versitygw": "versitygw" },
    ldflags: "",
    coldBuildSeconds: 40,
  },
  // The tools below are not part of the sandbox cluster: the tests and
  // `npm run check` build them on first use through the same cache.
  act: {
    module: "act",
    version: ACT_VERSION,
    commands: { "github.com/nektos/act": "act" },
    ldflags: "",
    coldBuildSeconds: 240,
  },
  actionlint: {
    module: "actionlint",
    version: ACTIONLINT_VERSION,
    commands: { "github.com/rhysd/actionlint/cmd/actionlint": "actionlint" },
    ldflags: `-X github.com/rhysd/actionlint.version=${ACTIONLINT_VERSION}`,
    coldBuildSeconds: 40,
  },
  sshd: {
    module: "sshd",
    version: SSHD_VERSION,
    commands: { "./cmd/kubekeep-sshd": "kubekeep-sshd" },
    ldflags: "",
    coldBuildSeconds: 30,
  },
  // The real node's images (test/harness/real-node/images.ts): the tool that
  // writes image tarballs without a registry, and the two small programs
  // that become the pause and workload images.
  nodeimages: {
    module: "nodeimages",
    version: NODEIMAGES_VERSION,
    commands: {
      "./cmd/kubekeep-nodeimage": "kubekeep-nodeimage",
      "./cmd/kubekeep-pause": "kubekeep-pause",
      "./cmd/kubekeep-workload": "kubekeep-workload",
      "./cmd/kubekeep-nsenter": "kubekeep-nsenter",
    },
    ldflags: "",
    coldBuildSeconds: 60,
  },
} satisfies Record<string, Component>;

export type ComponentName = keyof typeof COMPONENTS;

/** The sandbox cluster's components, in build order. */
export const SANDBOX_COMPONENTS: readonly ComponentName[] = ["kubernetes", "etcd", "kwok", "versitygw"];

export type BinaryName =
  | "kube-apiserver"
  | "kube-controller-manager"
  | "kube-scheduler"
  | "kubectl"
  | "kubelet"
  | "kubeadm"
  | "etcd"
  | "etcdutl"
  | "etcdctl"
  | "kwok"
  | "versitygw"
  | "act"
  | "actionlint"
  | "kubekeep-sshd"
  | "kubekeep-nodeimage"
  | "kubekeep-pause"
  | "kubekeep-workload"
  | "kubekeep-nsenter";

export type Binaries = Record<BinaryName, string>;

/**
 * The wrapper modules ship as source next to this file; from the bundled CLI
 * (dist/cli.js or dist/chunks/*) they are found in the package's src/.
 */
function goRoot(): string {
  for (const rel of ["./go/", "../src/sandbox/go/", "../../src/sandbox/go/"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (fs.existsSync(path.join(dir, "kubernetes", "go.mod"))) return dir;
  }
  throw new Error(
    "cannot find the sandbox's Go wrapper modules (src/sandbox/go) next to the kubekeep installation",
  );
}

export function cacheRoot(): string {
  return process.env.KUBEKEEP_CACHE ?? path.join(os.homedir(), ".cache", "kubekeep");
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

function moduleHash(component: Component): string {
  const h = createHash("sha256");
  const dir = path.join(goRoot(), component.module);
  const files = fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  for (const f of files) {
    const full = path.join(dir, f);
    if (fs.statSync(full).isFile()) h.update(f).update(fs.readFileSync(full));
  }
  h.update(component.ldflags).update(JSON.stringify(component.commands));
  return h.digest("hex").slice(0, 12);
}

/** Builds (or finds in the cache) every sandbox binary and returns their paths. */
export async function ensureBinaries(logger: Logger): Promise<Binaries> {
  return ensureComponents(SANDBOX_COMPONENTS, logger);
}

/** Builds (or finds) one tool's component and returns the path of its binary. */
export async function ensureTool(name: "act" | "actionlint" | "sshd", logger: Logger): Promise<string> {
  const bins = await ensureComponents([name], logger);
  const bin = Object.values(COMPONENTS[name].commands)[0] as BinaryName;
  return bins[bin];
}

/**
 * Builds the named components that are not cached yet, one after the other,
 * and returns the paths of all their binaries.
 */
export async function ensureComponents(names: readonly ComponentName[], logger: Logger): Promise<Binaries> {
  const out: Partial<Binaries> = {};
  const missing = names.filter((n) => !isComplete(componentDir(n), COMPONENTS[n]));
  if (missing.length > 0) {
    const total = missing.reduce((sum, n) => sum + COMPONENTS[n].coldBuildSeconds, 0);
    logger.info(
      `kubekeep: building ${missing.join(", ")} from Go modules (first run only; about ` +
        `${formatDuration(total * 1000)} on 2 cores with empty Go caches, less when Go's caches are warm); ` +
        `go's own output goes to ${logDir()}`,
    );
  }
  for (const name of names) {
    const component = COMPONENTS[name];
    const dir = componentDir(name);
    if (!isComplete(dir, component)) {
      const index = missing.indexOf(name);
      const after = missing.slice(index + 1).reduce((sum, n) => sum + COMPONENTS[n].coldBuildSeconds, 0);
      await build(name, dir, logger, { index: index + 1, count: missing.length, afterSeconds: after });
    }
    for (const bin of Object.values(component.commands)) out[bin as BinaryName] = path.join(dir, bin);
  }
  return out as Binaries;
}

/** True when every sandbox binary is already cached (nothing would be built). */
export function binariesCached(names: readonly ComponentName[] = SANDBOX_COMPONENTS): boolean {
  return names.every((n) => isComplete(componentDir(n), COMPONENTS[n]));
}

function componentDir(name: ComponentName): string {
  const component = COMPONENTS[name];
  return path.join(cacheRoot(), "bin", `${name}-${component.version}-${moduleHash(component)}`);
}

function logDir(): string {
  return path.join(cacheRoot(), "logs");
}

function isComplete(dir: string, component: Component): boolean {
  return Object.values(component.commands).every((bin) => fs.existsSync(path.join(dir, bin)));
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

async function build(name: ComponentName, dir: string, logger: Logger, at: Position): Promise<void> {
  const component = COMPONENTS[name];
  const release = await lock(dir + ".lock", logger);
  try {
    if (isComplete(dir, component)) return; // another process built it while we waited
    const go = findGo();
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    fs.mkdirSync(logDir(), { recursive: true });
    const logFile = path.join(logDir(), `${path.basename(dir)}.log`);
    const log = fs.openSync(logFile, "w");
    const cwd = path.join(goRoot(), component.module);
    const started = Date.now();
    const progress = new BuildProgress(name, component, at, started);
    logger.info(
      `kubekeep: [${at.index}/${at.count}] building ${name} ${component.version} ` +
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
      `kubekeep: [${at.index}/${at.count}] built ${name} in ${formatDuration(Date.now() - started)}`,
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
  private readonly name: string;
  private readonly component: Component;
  private readonly at: Position;
  private readonly started: number;

  constructor(name: string, component: Component, at: Position, started: number) {
    this.name = name;
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
      `kubekeep: [${this.at.index}/${this.at.count}] ${this.name}: ${this.phase}${how}; ` +
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

/** A directory lock that survives crashes: a lock whose owner pid is gone is taken over. */
async function lock(lockDir: string, logger: Logger): Promise<() => void> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  let warned = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(path.join(lockDir, "pid"), String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(fs.readFileSync(path.join(lockDir, "pid"), { encoding: "utf8", flag: "a+" }) || 0);
      if (owner && !alive(owner)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!warned) logger.info(`waiting for another build (pid ${owner || "?"}) holding ${lockDir}`);
      warned = true;
      await sleep(2000);
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
