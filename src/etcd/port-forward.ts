/**
 * Reaching etcd through the Kubernetes API: a local TCP listener on
 * 127.0.0.1 whose every connection becomes a port-forward (WebSocket,
 * v4.channel.k8s.io framing) to port 2379 of an etcd static pod, which the
 * API server proxies to that node's kubelet. This is how a GitHub-hosted
 * runner with only a kubeconfig reaches a kubeadm cluster's etcd.
 */
import net from "node:net";
import type { KubeConfig } from "@kubernetes/client-node";
import type { KubeClient } from "../cluster/client.ts";
import { detectPlatform } from "../cluster/platform.ts";
import { ConfigurationError, errorMessage, OperationalError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { seconds } from "../core/stall.ts";

interface PodList {
  items: {
    metadata: { name: string; namespace: string };
    spec?: { nodeName?: string };
    status?: { phase?: string };
  }[];
}

/** Finds the etcd static pod to forward to: the named one, or the first Running one labelled component=etcd. */
export async function findEtcdPod(
  client: KubeClient,
  wanted?: string,
): Promise<{ name: string; node: string }> {
  const list = await client.get<PodList>("/api/v1/namespaces/kube-system/pods", {
    labelSelector: "component=etcd",
  });
  const pods = list.items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  if (wanted) {
    const pod = pods.find((p) => p.metadata.name === wanted);
    if (!pod) {
      throw new ConfigurationError(
        `input 'etcd-pod': no pod ${JSON.stringify(wanted)} labelled component=etcd in kube-system; found: ${pods.map((p) => p.metadata.name).join(", ") || "none"}`,
      );
    }
    return { name: pod.metadata.name, node: pod.spec?.nodeName ?? "" };
  }
  const pod = pods.find((p) => p.status?.phase === "Running") ?? pods[0];
  if (!pod) throw new ConfigurationError(await noEtcdPod(client));
  return { name: pod.metadata.name, node: pod.spec?.nodeName ?? "" };
}

/** Why there is no etcd pod, for the distribution the nodes show, and what to do instead. */
async function noEtcdPod(client: KubeClient): Promise<string> {
  const { platform, evidence } = await detectPlatform(client);
  const none = "no etcd pods (label component=etcd) in kube-system";
  const guide = "see docs/support-matrix.md";
  switch (platform) {
    case "eks":
    case "gke":
    case "aks":
      return `${none}: this is ${platform === "gke" ? "a" : "an"} ${platform.toUpperCase()} cluster (${evidence}), whose etcd its provider runs and nobody else can reach, so kubekeep cannot snapshot it: back it up with the export capability instead (${guide})`;
    case "k3s":
      return `${none}: this is a k3s cluster (${evidence}), whose embedded etcd runs inside the k3s server, not as a pod: give etcd-endpoint (https://<server>:2379) and the client certificate in /var/lib/rancher/k3s/server/tls/etcd/ (etcd-ca: server-ca.crt, etcd-cert: server-client.crt, etcd-key: server-client.key); a k3s server without --cluster-init keeps its data in SQLite and has no etcd to snapshot (${guide})`;
    case "rke2":
      return `${none}: this is an RKE2 cluster (${evidence}), whose etcd normally runs as a static pod labelled component=etcd: check that the kubeconfig may list pods in kube-system, or give etcd-endpoint (https://<server>:2379) and the client certificate in /var/lib/rancher/rke2/server/tls/etcd/ (etcd-ca: server-ca.crt, etcd-cert: server-client.crt, etcd-key: server-client.key) (${guide})`;
    default:
      return `${none}: this looks like a managed control plane (EKS, GKE, AKS, ...) whose etcd is not reachable; back the cluster up with the export capability instead, or give etcd-endpoint for a self-hosted etcd (${guide})`;
  }
}

/** The part of ws's WebSocket used here (its types are not installed). */
interface WebSocketLike {
  send(data: Buffer): void;
  close(): void;
  /** Drops the connection without a closing handshake, which a frozen peer would never answer. */
  terminate?(): void;
  on(event: "close", fn: () => void): void;
  on(event: "error", fn: (err: Error) => void): void;
}

export interface PortForward {
  /** host:port of the local end. */
  address: string;
  close(): Promise<void>;
}

/** Listens on a random 127.0.0.1 port; each connection is forwarded to the pod's port. */
export async function startPortForward(
  client: KubeClient,
  namespace: string,
  pod: string,
  port: number,
  logger: Logger,
): Promise<PortForward> {
  // Imported here, not at the top, so that only port-forwarding loads it. It is
  // not re-exported by the package index (which would load all of client-node);
  // its exec/attach/port-forward helpers build on it.
  const { WebSocketHandler } = await import("@kubernetes/client-node/dist/web-socket-handler.js");
  // It only calls getCurrentCluster() and applyToHTTPSOptions(), which the
  // client's WebSocketConfig provides; the cast is for KubeConfig's private fields.
  const handler = new WebSocketHandler(client.webSocketConfig() as KubeConfig);
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/portforward?ports=${port}`;
  // One forward opened and closed first: when the API server refuses it (RBAC,
  // a proxy), the user hears that now, instead of etcd's client later failing
  // its TLS handshake on a local socket that closed at once.
  try {
    const probe = (await handler.connect(path, null, () => true)) as unknown as WebSocketLike;
    probe.on("error", () => {});
    probe.close();
  } catch (err) {
    const reason = describeWsError(err);
    // The handshake's deadline (client.ts sets ws's handshakeTimeout): a frozen API server.
    if (/handshake has timed out/i.test(reason)) {
      throw new OperationalError(
        `the Kubernetes API at ${client.server} did not open a port-forward to ${namespace}/${pod}:${port} within ${seconds(client.stallTimeoutMs)} (stall-timeout); check that the API server is up and not overloaded, or raise stall-timeout`,
      );
    }
    throw portForwardRefused(client.server, namespace, pod, port, reason);
  }
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.pause();
    const seen = [false, false];
    handler
      .connect(path, null, (channel, buff) => {
        let data = buff;
        // The first frame on each channel carries the port number.
        if (channel < 2 && !seen[channel]) {
          seen[channel] = true;
          data = data.subarray(2);
        }
        if (data.length === 0) return true;
        if (channel === 0) socket.write(data);
        else if (channel === 1) {
          logger.warning(`port-forward to ${namespace}/${pod}:${port}: ${data.toString()}`);
          socket.destroy();
        }
        return true;
      })
      .then(
        (socketLike) => {
          const ws = socketLike as unknown as WebSocketLike;
          socket.on("data", (chunk: Buffer) => ws.send(Buffer.concat([Buffer.from([0]), chunk])));
          const drop = () => (ws.terminate ? ws.terminate() : ws.close());
          socket.on("close", drop);
          socket.on("error", drop);
          ws.on("close", () => socket.end());
          ws.on("error", (err: Error) => {
            logger.debug(`port-forward websocket error: ${err.message}`);
            socket.destroy();
          });
          socket.resume();
        },
        (err: unknown) => {
          logger.warning(`port-forward to ${namespace}/${pod}:${port} failed: ${describeWsError(err)}`);
          socket.destroy();
        },
      );
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const addr = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function portForwardRefused(
  server: string,
  namespace: string,
  pod: string,
  port: number,
  reason: string,
): OperationalError {
  const forbidden = /\b403\b/.test(reason)
    ? `; the kubeconfig's user needs to create pods/portforward in ${namespace} (see docs/rbac/kubekeep-etcd-snapshot.yaml)`
    : "";
  // The API server refused (RBAC, a proxy, the kubelet): operational, naming what to check.
  return new OperationalError(
    `cannot port-forward to ${namespace}/${pod}:${port} through the Kubernetes API at ${server}: ${reason}${forbidden}`,
  );
}

/** ws rejects with an ErrorEvent-like object; dig out its message. */
function describeWsError(err: unknown): string {
  if (err instanceof Error) return err.message;
  const e = err as { message?: unknown; error?: unknown };
  if (e.error instanceof Error) return e.error.message;
  if (typeof e.message === "string") return e.message;
  return errorMessage(err);
}
