/**
 * Opens an etcd client the way the config says: straight to etcd-endpoint,
 * or through a port-forward to an etcd static pod via the Kubernetes API.
 * `withEtcd` is the one way a run connects, works and always closes.
 */
import { connect } from "../cluster/connect.ts";
import type { Logger } from "../core/logger.ts";
import { EtcdClient } from "./client.ts";
import type { EtcdAccess } from "./access-config.ts";
import { findEtcdPod, startPortForward } from "./port-forward.ts";

export interface EtcdConnection {
  client: EtcdClient;
  /** How etcd was reached, for the report. */
  via: string;
  close(): Promise<void>;
}

export async function openEtcd(access: EtcdAccess, logger: Logger): Promise<EtcdConnection> {
  if (access.endpoint) {
    const client = new EtcdClient(
      access.endpoint,
      access.tls,
      `https://${access.endpoint}`,
      access.stallTimeoutMs,
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
      access.stallTimeoutMs,
    );
    return {
      client,
      via,
      close: async () => {
        client.close();
        await forward.close();
        cleanup();
      },
    };
  } catch (err) {
    cleanup();
    throw err;
  }
}

/** Connects, runs `fn` with the connection, and always closes it (and any port-forward). */
export async function withEtcd<T>(
  access: EtcdAccess,
  logger: Logger,
  fn: (conn: EtcdConnection) => Promise<T>,
): Promise<T> {
  const conn = await openEtcd(access, logger);
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}
