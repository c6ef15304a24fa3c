/**
 * The sandbox cluster's components (kube-apiserver, controller-manager,
 * scheduler and kubectl; etcd; kwok; versitygw): recipes for the Go builder
 * (src/core/binaries/go-build.ts), which builds them from the wrapper modules
 * in src/sandbox/go/<name>/ and caches them. `npm run demo` and `kubekeep
 * sandbox up` need them. The tests' own tools (act, actionlint, the SSH
 * server, the real node's builds) are recipes under test/harness/tools/ and
 * never part of the product.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureGoComponents, kubeVersionFlags, type GoComponent } from "../core/binaries/go-build.ts";
import type { Logger } from "../core/logger.ts";

export const KUBERNETES_VERSION = "v1.35.4";
export const ETCD_VERSION = "v3.6.16";
export const KWOK_VERSION = "v0.8.0";
export const VERSITYGW_VERSION = "v1.8.0";

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

type Recipe = Omit<GoComponent, "name" | "moduleDir">;

const RECIPES = {
  kubernetes: {
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
  etcd: {
    version: ETCD_VERSION,
    commands: { "./cmd/etcd": "etcd", "./cmd/etcdutl": "etcdutl", "./cmd/etcdctl": "etcdctl" },
    ldflags: "",
    coldBuildSeconds: 25,
  },
  kwok: {
    version: KWOK_VERSION,
    commands: { "sigs.k8s.io/kwok/cmd/kwok": "kwok" },
    ldflags: `-X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION}`,
    coldBuildSeconds: 60,
  },
  versitygw: {
    version: VERSITYGW_VERSION,
    commands: { "github.com/versity/versitygw/cmd/versitygw": "versitygw" },
    ldflags: "",
    coldBuildSeconds: 40,
  },
} satisfies Record<string, Recipe>;

export type SandboxComponentName = keyof typeof RECIPES;

/** The sandbox cluster's components, in build order. */
export const SANDBOX_COMPONENTS: readonly SandboxComponentName[] = [
  "kubernetes",
  "etcd",
  "kwok",
  "versitygw",
];

/** A sandbox component as the Go builder takes it. */
export function sandboxComponent(name: SandboxComponentName): GoComponent {
  return { name, moduleDir: path.join(goRoot(), name), ...RECIPES[name] };
}

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

/** Builds (or finds in the cache) every sandbox binary and returns their paths. */
export async function ensureBinaries(logger: Logger): Promise<Binaries> {
  return ensureComponents(SANDBOX_COMPONENTS, logger);
}

/** Builds the named sandbox components that are not cached yet and returns the paths of their binaries. */
export async function ensureComponents(
  names: readonly SandboxComponentName[],
  logger: Logger,
): Promise<Binaries> {
  return (await ensureGoComponents(names.map(sandboxComponent), logger)) as Binaries;
}
