/**
 * An etcd "static pod" for the sandbox, as kubeadm's control-plane nodes have
 * one: a mirror Pod `etcd-<node>` in kube-system labelled component=etcd,
 * with a kwok PortForward that sends its port 2379 to the sandbox's real etcd.
 * Port-forwarding to it through the API server then reaches etcd the way it
 * would on a kubeadm cluster.
 */
import type { KubeClient } from "../cluster/client.ts";
import { isApiError } from "../cluster/client.ts";
import type { EtcdEndpoint } from "./sandbox.ts";

export function etcdPodName(node: string): string {
  return `etcd-${node}`;
}

/** kwok configuration (for `kwokExtraConfig`) forwarding port 2379 of `etcd-<node>` to the sandbox etcd. */
export function etcdPortForwardConfig(nodes: string[]): (ctx: { etcd: EtcdEndpoint }) => string {
  return ({ etcd }) => {
    const port = new URL(etcd.endpoint).port;
    return nodes
      .map(
        (node) => `apiVersion: kwok.x-k8s.io/v1alpha1
kind: PortForward
metadata:
  name: ${etcdPodName(node)}
  namespace: kube-system
spec:
  forwards:
    - ports: [2379]
      target:
        address: 127.0.0.1
        port: ${port}
`,
      )
      .join("---\n");
  };
}

/** Creates the mirror pod `etcd-<node>` on a control-plane node (idempotently). */
export async function createEtcdPod(client: KubeClient, node: string): Promise<void> {
  const name = etcdPodName(node);
  try {
    await client.post("/api/v1/namespaces/kube-system/pods", {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        namespace: "kube-system",
        labels: { component: "etcd", tier: "control-plane" },
        annotations: {
          "kubernetes.io/config.mirror": "kubekeep-sandbox",
          "kubernetes.io/config.source": "file",
          "kubeadm.kubernetes.io/etcd.advertise-client-urls": "https://127.0.0.1:2379",
        },
      },
      spec: {
        nodeName: node,
        hostNetwork: true,
        priorityClassName: "system-node-critical",
        tolerations: [{ operator: "Exists", effect: "NoExecute" }],
        containers: [
          {
            name: "etcd",
            image: "registry.k8s.io/etcd:3.6.16-0",
            command: ["etcd", "--listen-client-urls=https://127.0.0.1:2379"],
            ports: [{ containerPort: 2379, name: "client", protocol: "TCP" }],
          },
        ],
      },
    });
  } catch (err) {
    if (!isApiError(err, 409)) throw err;
  }
}
