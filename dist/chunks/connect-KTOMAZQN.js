import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  EtcdClient
} from "./chunk-2OYLFVST.js";
import {
  seconds
} from "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import {
  connect
} from "./chunk-IT3QIU33.js";
import {
  using
} from "./chunk-OB3FCZHL.js";
import {
  ConfigurationError,
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/etcd/port-forward.ts
import net from "node:net";
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
  if (!pod) {
    throw new ConfigurationError(
      "no etcd pods (label component=etcd) in kube-system: this looks like a managed control plane (EKS, GKE, AKS, ...) whose etcd is not reachable; back the cluster up with the export capability instead, or give etcd-endpoint for a self-hosted etcd"
    );
  }
  return { name: pod.metadata.name, node: pod.spec?.nodeName ?? "" };
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
