/**
 * Which Kubernetes distribution a cluster runs, told from its nodes (kubelet
 * version suffixes and the labels each provider sets), so a capability that
 * cannot work there says why and what to do instead. Best effort: a cluster
 * it cannot place is "unknown", never an error.
 */
import type { KubeClient } from "./client.ts";

export type Platform = "eks" | "gke" | "aks" | "k3s" | "rke2" | "unknown";

interface NodeList {
  items: {
    metadata: { name: string; labels?: Record<string, string> };
    spec?: { providerID?: string };
    status?: { nodeInfo?: { kubeletVersion?: string } };
  }[];
}

export interface PlatformGuess {
  platform: Platform;
  /** What told it, for the message: `node ip-10-0-1-5's kubelet v1.33.1-eks-a1b2c3`. */
  evidence: string;
}

/** Guesses from node facts (pure: unit-tested). */
export function platformOf(nodes: NodeList["items"]): PlatformGuess {
  for (const n of nodes) {
    const name = n.metadata.name;
    const v = n.status?.nodeInfo?.kubeletVersion ?? "";
    const labels = n.metadata.labels ?? {};
    const has = (prefix: string) => Object.keys(labels).some((k) => k.startsWith(prefix));
    const kubelet = `node ${name}'s kubelet ${v}`;
    if (/-eks-/.test(v)) return { platform: "eks", evidence: kubelet };
    if (has("eks.amazonaws.com/"))
      return { platform: "eks", evidence: `node ${name}'s eks.amazonaws.com labels` };
    if (/-gke\./.test(v)) return { platform: "gke", evidence: kubelet };
    if (has("cloud.google.com/gke-"))
      return { platform: "gke", evidence: `node ${name}'s cloud.google.com/gke-* labels` };
    if (has("kubernetes.azure.com/"))
      return { platform: "aks", evidence: `node ${name}'s kubernetes.azure.com labels` };
    if (/\+k3s\d*$/.test(v)) return { platform: "k3s", evidence: kubelet };
    if (/\+rke2r\d*$/.test(v)) return { platform: "rke2", evidence: kubelet };
  }
  return { platform: "unknown", evidence: "" };
}

/** Lists a few nodes and guesses; "unknown" when they cannot be listed. */
export async function detectPlatform(client: KubeClient): Promise<PlatformGuess> {
  try {
    const list = await client.get<NodeList>("/api/v1/nodes", { limit: "20" });
    return platformOf(list.items);
  } catch {
    return { platform: "unknown", evidence: "" };
  }
}
