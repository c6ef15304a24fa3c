/**
 * Builds the sandbox's real components from Go modules and caches them by
 * version and by a hash of the wrapper module, so only the first run on a
 * machine pays for the build (about 20 minutes on 2 cores for Kubernetes).
 *
 * The Go sources of each wrapper module live in src/sandbox/go/<name>/ with a
 * committed go.sum, so the build is reproducible and checked by the proxy.
 */
import { createHash } from "node:crypto";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatDuration } from "../core/units.ts";
import { sleep } from "../core/sleep.ts";

export const KUBERNETES_VERSION = "v1.35.4";
export const ETCD_VERSION = "v3.6.16";
export const KWOK_VERSION = "v0.8.0";
export const VERSITYGW_VERSION = "v1.8.0";

interface Component {
  /** Folder of the wrapper module under src/sandbox/go. */
  module: string;
  version: string;
  /** Go package path -> binary name. */
  commands: Record<string, string>;
  ldflags: string;
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

const COMPONENTS: Record<string, Component> = {
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
  },
  etcd: {
    module: "etcd",
    version: ETCD_VERSION,
    commands: { "./cmd/etcd": "etcd", "./cmd/etcdutl": "etcdutl", "./cmd/etcdctl": "etcdctl" },
    ldflags: "",
  },
  kwok: {
    module: "kwok",
    version: KWOK_VERSION,
    commands: { "sigs.k8s.io/kwok/cmd/kwok": "kwok" },
    ldflags: `-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION}`,
  },
  versitygw: {
    module: "versitygw",
    version: VERSITYGW_VERSION,
    commands: { "github.com/versity/versitygw/cmd/versitygw": "versitygw" },
    ldflags: "",
  },
};

export type BinaryName =
  | "kube-apiserver"
  | "kube-controller-manager"
  | "kube-scheduler"
  | "kubectl"
  | "etcd"
  | "etcdutl"
  | "etcdctl"
  | "kwok"
  | "versitygw";

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

function componentDir(name: string, component: Component): string {
  return path.join(cacheRoot(), "bin", `${name}-${component.version}-${moduleHash(component)}`);
}

/** Builds (or finds in the cache) every sandbox binary and returns their paths. */
export async function ensureBinaries(logger: Logger): Promise<Binaries> {
  const out: Partial<Binaries> = {};
  for (const [name, component] of Object.entries(COMPONENTS)) {
    const dir = componentDir(name, component);
    if (!isComplete(dir, component)) await build(name, component, dir, logger);
    for (const bin of Object.values(component.commands)) out[bin as BinaryName] = path.join(dir, bin);
  }
  return out as Binaries;
}

/** True when every sandbox binary is already cached (nothing would be built). */
export function binariesCached(): boolean {
  return Object.entries(COMPONENTS).every(([name, c]) => isComplete(componentDir(name, c), c));
}

function isComplete(dir: string, component: Component): boolean {
  return Object.values(component.commands).every((bin) => fs.existsSync(path.join(dir, bin)));
}

async function build(name: string, component: Component, dir: string, logger: Logger): Promise<void> {
  const release = await lock(dir + ".lock", logger);
  try {
    if (isComplete(dir, component)) return; // another process built it while we waited
    const go = findGo();
    const tmp = `${dir}.tmp-${process.pid}`;
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    logger.info(`building ${name} ${component.version} from Go modules (cached afterwards in ${dir})`);
    const started = Date.now();
    for (const [pkg, bin] of Object.entries(component.commands)) {
      await run(
        go,
        ["build", "-trimpath", "-ldflags", `-s -w ${component.ldflags}`, "-o", path.join(tmp, bin), pkg],
        path.join(goRoot(), component.module),
      );
    }
    fs.rmSync(dir, { recursive: true, force: true });
    // Rename last: a cancelled build never leaves a directory that looks complete.
    fs.renameSync(tmp, dir);
    logger.info(`built ${name} in ${formatDuration(Date.now() - started)}`);
  } finally {
    release();
  }
}

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      stdio: ["ignore", "inherit", "pipe"],
      env: { ...process.env, CGO_ENABLED: process.env.CGO_ENABLED ?? "0" },
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${cmd} ${args.join(" ")} failed (exit ${code}):\n${stderr.slice(-4000)}`)),
    );
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
