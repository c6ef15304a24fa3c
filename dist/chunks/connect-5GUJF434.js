import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  EtcdClient
} from "./chunk-273D4G2G.js";
import {
  connect
} from "./chunk-AQEUWNRQ.js";
import {
  using
} from "./chunk-OB3FCZHL.js";
import {
  seconds
} from "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import {
  ConfigurationError,
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/etcd/port-forward.ts
import net from "node:net";

// src/cluster/platform.ts
function platformOf(nodes) {
  for (const n of nodes) {
    const name = n.metadata.name;
    const v = n.status?.nodeInfo?.kubeletVersion ?? "";
    const labels = n.metadata.labels ?? {};
    const has = (prefix) => Object.keys(labels).some((k) => k.startsWith(prefix));
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
async function detectPlatform(client) {
  try {
    const list = await client.get("/api/v1/nodes", { limit: "20" });
    return platformOf(list.items);
  } catch {
    return { platform: "unknown", evidence: "" };
  }
}

// src/etcd/port-forward.ts
async function findEtcdPod(client, wanted) {
  const list = await client.get("/api/v1/namespaces/kube-system/pods", {
    labelSelector: "component=etcd"
  });
  const pods = list.items.sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  if (wanted) {
    const pod2 = pods.find((p) => p.metadata.name === wanted);
    if (!pod2) {
      throw new ConfigurationError(
        `input 'etcd-pod': no pod ${JSON.stringify(wanted)} labelled component=etcd in kube-system; found: ${pods.map((p) => p.metadata.name).join(", ") || "none"}`
      );
    }
    return { name: pod2.metadata.name, node: pod2.spec?.nodeName ?? "" };
  }
  const pod = pods.find((p) => p.status?.phase === "Running") ?? pods[0];
  if (!pod) throw new ConfigurationError(await noEtcdPod(client));
  return { name: pod.metadata.name, node: pod.spec?.nodeName ?? "" };
}
async function noEtcdPod(client) {
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
async function startPortForward(client, namespace, pod, port, logger) {
  const { WebSocketHandler } = await import("./web-socket-handler-U3IYWT7I.js");
  const handler = new WebSocketHandler(client.webSocketConfig());
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/portforward?ports=${port}`;
  try {
    const probe = await handler.connect(path, null, () => true);
    probe.on("error", () => {
    });
    probe.close();
  } catch (err) {
    const reason = describeWsError(err);
    if (/handshake has timed out/i.test(reason)) {
      throw new OperationalError(
        `the Kubernetes API at ${client.server} did not open a port-forward to ${namespace}/${pod}:${port} within ${seconds(client.stallTimeoutMs)} (stall-timeout); check that the API server is up and not overloaded, or raise stall-timeout`
      );
    }
    throw portForwardRefused(client.server, namespace, pod, port, reason);
  }
  const sockets = /* @__PURE__ */ new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.pause();
    const seen = [false, false];
    handler.connect(path, null, (channel, buff) => {
      let data = buff;
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
    }).then(
      (socketLike) => {
        const ws = socketLike;
        socket.on("data", (chunk) => ws.send(Buffer.concat([Buffer.from([0]), chunk])));
        const drop = () => ws.terminate ? ws.terminate() : ws.close();
        socket.on("close", drop);
        socket.on("error", drop);
        ws.on("close", () => socket.end());
        ws.on("error", (err) => {
          logger.debug(`port-forward websocket error: ${err.message}`);
          socket.destroy();
        });
        socket.resume();
      },
      (err) => {
        logger.warning(`port-forward to ${namespace}/${pod}:${port} failed: ${describeWsError(err)}`);
        socket.destroy();
      }
    );
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const addr = server.address();
  return {
    address: `127.0.0.1:${addr.port}`,
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    })
  };
}
function portForwardRefused(server, namespace, pod, port, reason) {
  const forbidden = /\b403\b/.test(reason) ? `; the kubeconfig's user needs to create pods/portforward in ${namespace} (see docs/rbac/kubekeep-etcd-snapshot.yaml)` : "";
  return new OperationalError(
    `cannot port-forward to ${namespace}/${pod}:${port} through the Kubernetes API at ${server}: ${reason}${forbidden}`
  );
}
function describeWsError(err) {
  if (err instanceof Error) return err.message;
  const e = err;
  if (e.error instanceof Error) return e.error.message;
  if (typeof e.message === "string") return e.message;
  return errorMessage(err);
}

// src/etcd/connect.ts
async function openEtcd(access, logger) {
  if (access.endpoint) {
    const client = new EtcdClient(
      access.endpoint,
      access.tls,
      `https://${access.endpoint}`,
      access.stallTimeoutMs
    );
    return { client, via: `https://${access.endpoint}`, close: () => Promise.resolve(client.close()) };
  }
  const { client: kube, cleanup } = await connect(access.cluster, logger);
  try {
    const pod = await findEtcdPod(kube, access.pod);
    const forward = await startPortForward(kube, "kube-system", pod.name, 2379, logger);
    const via = `port-forward to kube-system/${pod.name}${pod.node ? ` on ${pod.node}` : ""} through ${kube.server}`;
    logger.info(`reaching etcd by ${via} (local ${forward.address})`);
    const client = new EtcdClient(
      forward.address,
      access.tls,
      `kube-system/${pod.name}:2379 (port-forward through ${kube.server})`,
      access.stallTimeoutMs
    );
    return {
      client,
      via,
      close: async () => {
        client.close();
        await forward.close();
        cleanup();
      }
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}
function withEtcd(access, logger, fn) {
  return using(openEtcd(access, logger), (conn) => conn.close(), fn);
}
export {
  openEtcd,
  withEtcd
};
