/**
 * Starts etcd for a local control plane: a one-member cluster on 127.0.0.1
 * that cannot reach, or be reached by, any other. The sandbox's serves its
 * clients over mTLS (as kubeadm sets it up); a drill's serves plain HTTP on
 * loopback over the data dir etcdutl restored (with the same name and peer
 * URL, which the restore wrote into the member).
 */
import type { SandboxPki } from "../core/pki.ts";
import { httpOk } from "./probe.ts";
import { waitUntil, type ManagedProcess } from "./supervisor.ts";

/** Starts a named server (the caller decides its log file, lifetime, and whether it outlives kubekeep). */
export type Starter = (name: string, command: string, args: string[]) => ManagedProcess;

export interface EtcdOptions {
  binary: string;
  /** The member's name (the one etcdutl restored a drill's member with). */
  name: string;
  dataDir: string;
  clientPort: number;
  peerPort: number;
  /** Serve clients over TLS, requiring client certificates of this PKI's CA. */
  pki?: SandboxPki;
  /** Flags beyond the common ones. */
  extraArgs?: string[];
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface StartedEtcd {
  process: ManagedProcess;
  endpoint: string;
}

export const etcdPeerUrl = (peerPort: number) => `http://127.0.0.1:${peerPort}`;

/** Starts etcd and waits for /health; on failure the process is stopped before the error is thrown. */
export async function startEtcd(start: Starter, o: EtcdOptions): Promise<StartedEtcd> {
  const endpoint = `${o.pki ? "https" : "http"}://127.0.0.1:${o.clientPort}`;
  const peer = etcdPeerUrl(o.peerPort);
  const tlsArgs = o.pki
    ? [
        `--cert-file=${o.pki.etcdServer.cert}`,
        `--key-file=${o.pki.etcdServer.key}`,
        `--trusted-ca-file=${o.pki.ca.cert}`,
        "--client-cert-auth=true",
      ]
    : [];
  const proc = start("etcd", o.binary, [
    `--name=${o.name}`,
    `--data-dir=${o.dataDir}`,
    `--listen-client-urls=${endpoint}`,
    `--advertise-client-urls=${endpoint}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=${o.name}=${peer}`,
    ...tlsArgs,
    // A disposable member: durability is not worth the fsync cost.
    "--unsafe-no-fsync=true",
    "--log-level=warn",
    ...(o.extraArgs ?? []),
  ]);
  const tls = o.pki
    ? { ca: o.pki.ca.cert, cert: o.pki.etcdClient.cert, key: o.pki.etcdClient.key }
    : undefined;
  try {
    await waitUntil(proc, "/health", () => httpOk(`${endpoint}/health`, tls), o.timeoutMs, o.signal);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { process: proc, endpoint };
}
