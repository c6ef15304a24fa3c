/**
 * Simulated nodes for the sandbox: Node objects that kwok adopts (by the
 * kwok.x-k8s.io/node annotation) and keeps Ready, with the labels, taints and
 * kubelet version a kubeadm cluster's nodes would have.
 */
import type { KubeClient } from "../cluster/client.ts";
import { isApiError } from "../cluster/client.ts";
import { NODE_ANNOTATION } from "./kwok-stages.ts";
import { pollUntil } from "../core/sleep.ts";
import { isNodeReady, type List, type Node } from "../nodes/types.ts";

export type NodeRole = "control-plane" | "worker";

export interface NodeSpec {
  name: string;
  role?: NodeRole;
  /** Reported kubelet version, e.g. v1.34.2. */
  kubeletVersion?: string;
  labels?: Record<string, string>;
  /** Control-plane nodes get kubeadm's NoSchedule taint unless this is false. */
  taintControlPlane?: boolean;
  pods?: number;
  cpu?: string;
  memory?: string;
}

export function nodeManifest(spec: NodeSpec): Record<string, unknown> {
  const role = spec.role ?? "worker";
  const labels: Record<string, string> = {
    "kubernetes.io/hostname": spec.name,
    "kubernetes.io/os": "linux",
    "kubernetes.io/arch": "amd64",
    type: "kwok",
    ...(role === "control-plane" ? { "node-role.kubernetes.io/control-plane": "" } : {}),
    ...spec.labels,
  };
  const taints =
    role === "control-plane" && spec.taintControlPlane !== false
      ? [{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }]
      : [];
  const resources = { cpu: spec.cpu ?? "32", memory: spec.memory ?? "256Gi", pods: String(spec.pods ?? 110) };
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: spec.name,
      labels,
      annotations: { [NODE_ANNOTATION]: "fake", "node.alpha.kubernetes.io/ttl": "0" },
    },
    spec: { taints },
    status: {
      allocatable: resources,
      capacity: resources,
      nodeInfo: {
        kubeletVersion: spec.kubeletVersion ?? "v1.35.4",
        kubeProxyVersion: "",
        architecture: "amd64",
        operatingSystem: "linux",
        osImage: "kwok simulated node",
        containerRuntimeVersion: "kwok",
        kernelVersion: "kwok",
      },
    },
  };
}

/** Creates the nodes (idempotently) and waits until kwok reports each Ready. */
export async function addNodes(client: KubeClient, specs: NodeSpec[], timeoutMs = 60_000): Promise<void> {
  for (const spec of specs) {
    try {
      await client.post("/api/v1/nodes", nodeManifest(spec));
    } catch (err) {
      if (!isApiError(err, 409)) throw err;
    }
  }
  await waitForNodesReady(
    client,
    specs.map((s) => s.name),
    timeoutMs,
  );
}

export async function waitForNodesReady(
  client: KubeClient,
  names: string[],
  timeoutMs = 60_000,
): Promise<void> {
  let missing = names;
  await pollUntil(
    async () => {
      const list = await client.get<List<Node>>("/api/v1/nodes");
      const ready = new Set(list.items.filter(isNodeReady).map((n) => n.metadata.name));
      missing = names.filter((n) => !ready.has(n));
      return missing.length === 0;
    },
    { timeoutMs, timedOut: () => `nodes not Ready after ${timeoutMs / 1000}s: ${missing.join(", ")}` },
  );
}

/** Sets the kubelet version a simulated node reports, as an upgraded kubelet would. */
export async function setKubeletVersion(client: KubeClient, node: string, version: string): Promise<void> {
  await client.request("PATCH", `/api/v1/nodes/${encodeURIComponent(node)}/status`, {
    body: { status: { nodeInfo: { kubeletVersion: version } } },
    contentType: "application/strategic-merge-patch+json",
  });
}
