import assert from "node:assert/strict";
import { test } from "node:test";
import { platformOf } from "../../src/cluster/platform.ts";

const node = (name: string, kubeletVersion: string, labels: Record<string, string> = {}) => ({
  metadata: { name, labels },
  status: { nodeInfo: { kubeletVersion } },
});

test("the distribution is told from the nodes' kubelet versions and provider labels", () => {
  const cases: [ReturnType<typeof node>[], string][] = [
    [[node("ip-10-0-1-5", "v1.33.1-eks-a1b2c3d")], "eks"],
    [[node("n", "v1.33.1", { "eks.amazonaws.com/nodegroup": "workers" })], "eks"],
    [[node("gke-pool-1", "v1.33.2-gke.1100000")], "gke"],
    [[node("n", "v1.33.2", { "cloud.google.com/gke-nodepool": "default" })], "gke"],
    [[node("aks-np-1", "v1.33.2", { "kubernetes.azure.com/cluster": "MC_rg" })], "aks"],
    [[node("edge-1", "v1.33.3+k3s1")], "k3s"],
    [[node("rke-1", "v1.33.3+rke2r1")], "rke2"],
    [[node("cp-1", "v1.33.3")], "unknown"],
    [[], "unknown"],
  ];
  for (const [nodes, want] of cases) assert.equal(platformOf(nodes).platform, want, JSON.stringify(nodes));
  assert.equal(platformOf([node("edge-1", "v1.33.3+k3s1")]).evidence, "node edge-1's kubelet v1.33.3+k3s1");
});
