/**
 * Starts kube-apiserver for a local control plane on 127.0.0.1, with the
 * flags every such apiserver needs (serving and client CA from the PKI,
 * service-account keys, no profiling) and the caller's own on top: the
 * sandbox's talks mTLS to etcd and runs the aggregation layer; a drill's
 * serves reads of restored data and writes nothing it does not need.
 */
import fs from "node:fs";
import path from "node:path";
import type { SandboxPki } from "../core/pki.ts";
import type { Starter } from "./etcd.ts";
import { httpOk } from "./probe.ts";
import { waitUntil, type ManagedProcess } from "./supervisor.ts";

export interface ApiserverOptions {
  binary: string;
  port: number;
  /** The folder whose apiserver-certs/ it may write into. */
  dir: string;
  pki: SandboxPki;
  etcdEndpoint: string;
  /** Reach etcd with the PKI's etcd client certificate (an etcd serving mTLS). */
  etcdTls?: boolean;
  serviceClusterIpRange: string;
  authorizationMode: string;
  encryptionConfigFile?: string;
  /** Flags beyond the common ones. */
  extraArgs?: string[];
  /** The readiness path, e.g. /readyz or /readyz?exclude=informer-sync. */
  readyz: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface StartedApiserver {
  process: ManagedProcess;
  url: string;
}

/** Starts kube-apiserver and waits for its readiness path; on failure the process is stopped first. */
export async function startApiserver(start: Starter, o: ApiserverOptions): Promise<StartedApiserver> {
  const { pki } = o;
  const url = `https://127.0.0.1:${o.port}`;
  const certDir = path.join(o.dir, "apiserver-certs");
  fs.mkdirSync(certDir, { recursive: true });
  const proc = start("kube-apiserver", o.binary, [
    `--etcd-servers=${o.etcdEndpoint}`,
    ...(o.etcdTls
      ? [
          `--etcd-cafile=${pki.ca.cert}`,
          `--etcd-certfile=${pki.etcdClient.cert}`,
          `--etcd-keyfile=${pki.etcdClient.key}`,
        ]
      : []),
    "--bind-address=127.0.0.1",
    "--advertise-address=127.0.0.1",
    `--secure-port=${o.port}`,
    `--cert-dir=${certDir}`,
    `--tls-cert-file=${pki.apiserver.cert}`,
    `--tls-private-key-file=${pki.apiserver.key}`,
    `--client-ca-file=${pki.ca.cert}`,
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    `--service-cluster-ip-range=${o.serviceClusterIpRange}`,
    `--authorization-mode=${o.authorizationMode}`,
    "--allow-privileged=true",
    "--profiling=false",
    ...(o.encryptionConfigFile ? [`--encryption-provider-config=${o.encryptionConfigFile}`] : []),
    ...(o.extraArgs ?? []),
  ]);
  const tls = { ca: pki.ca.cert, cert: pki.admin.cert, key: pki.admin.key };
  try {
    await waitUntil(proc, o.readyz, () => httpOk(`${url}${o.readyz}`, tls), o.timeoutMs, o.signal);
  } catch (err) {
    await proc.stop();
    throw err;
  }
  return { process: proc, url };
}
