/**
 * The tests' own tools, built from Go modules under test/harness/go/ by the
 * same builder and cache as the sandbox (src/core/binaries/go-build.ts): act
 * (runs the workflows), actionlint (`npm run lint:actions`), our small SSH
 * server, the real node's image tool and programs, and the real node's
 * Kubernetes builds (kubelet and kubeadm of the current release, every
 * component of the previous minor). None of this is part of the product.
 */
import path from "node:path";
import {
  ensureGoComponents,
  kubeVersionFlags,
  type GoComponent,
} from "../../../src/core/binaries/go-build.ts";
import type { Logger } from "../../../src/core/logger.ts";
import {
  KUBERNETES_VERSION,
  sandboxComponent,
  SANDBOX_COMPONENTS,
  type Binaries,
  type SandboxComponentName,
} from "../../../src/sandbox/binaries.ts";

/**
 * The previous minor's latest patch served by the Go module proxy: the real
 * node starts here and kubekeep upgrades it to KUBERNETES_VERSION.
 */
export const PREVIOUS_KUBERNETES_VERSION = "v1.34.4";
export const ACT_VERSION = "v0.2.89";
export const ACTIONLINT_VERSION = "v1.7.12";
/** The SSH server is our own code (test/harness/go/sshd); its version is its module hash. */
export const SSHD_VERSION = "v0";
/** The real node's image tool and small programs are our own code (test/harness/go/nodeimages). */
export const NODEIMAGES_VERSION = "v0";

const GO_ROOT = path.join(import.meta.dirname, "..", "go");

type Recipe = Omit<GoComponent, "name" | "moduleDir">;

const RECIPES = {
  // The real node's binaries (test/harness/real-node): kubelet and kubeadm of
  // the current release, and every component of the previous minor, each
  // built from its own k8s.io/kubernetes module version.
  "kubernetes-node": {
    version: KUBERNETES_VERSION,
    commands: {
      "k8s.io/kubernetes/cmd/kubelet": "kubelet",
      "k8s.io/kubernetes/cmd/kubeadm": "kubeadm",
    },
    ldflags: kubeVersionFlags(KUBERNETES_VERSION),
    coldBuildSeconds: 600,
  },
  "kubernetes-previous": {
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
  act: {
    version: ACT_VERSION,
    commands: { "github.com/nektos/act": "act" },
    ldflags: "",
    coldBuildSeconds: 240,
  },
  actionlint: {
    version: ACTIONLINT_VERSION,
    commands: { "github.com/rhysd/actionlint/cmd/actionlint": "actionlint" },
    ldflags: `-X github.com/rhysd/actionlint.version=${ACTIONLINT_VERSION}`,
    coldBuildSeconds: 40,
  },
  sshd: {
    version: SSHD_VERSION,
    commands: { "./cmd/kubekeep-sshd": "kubekeep-sshd" },
    ldflags: "",
    coldBuildSeconds: 30,
  },
  // The real node's images (test/harness/real-node/images.ts): the tool that
  // writes image tarballs without a registry, and the two small programs
  // that become the pause and workload images.
  nodeimages: {
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
} satisfies Record<string, Recipe>;

export type ToolComponentName = keyof typeof RECIPES;
export type ComponentName = ToolComponentName | SandboxComponentName;

export type ToolBinaryName =
  | "kubelet"
  | "kubeadm"
  | "act"
  | "actionlint"
  | "kubekeep-sshd"
  | "kubekeep-nodeimage"
  | "kubekeep-pause"
  | "kubekeep-workload"
  | "kubekeep-nsenter";

export type ToolBinaries = Binaries & Record<ToolBinaryName, string>;

function component(name: ComponentName): GoComponent {
  if ((SANDBOX_COMPONENTS as readonly string[]).includes(name))
    return sandboxComponent(name as SandboxComponentName);
  return { name, moduleDir: path.join(GO_ROOT, name), ...RECIPES[name as ToolComponentName] };
}

/** Builds (or finds) the named components, the tests' and the sandbox's alike, and returns their binaries. */
export async function ensureComponents(
  names: readonly ComponentName[],
  logger: Logger,
): Promise<ToolBinaries> {
  return (await ensureGoComponents(names.map(component), logger)) as ToolBinaries;
}

/** Builds (or finds) one tool's component and returns the path of its binary. */
export async function ensureTool(name: "act" | "actionlint" | "sshd", logger: Logger): Promise<string> {
  const bins = await ensureComponents([name], logger);
  return bins[Object.values(RECIPES[name].commands)[0] as ToolBinaryName];
}
