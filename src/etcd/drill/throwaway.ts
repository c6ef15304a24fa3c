/**
 * The drill's throwaway servers, started by the local control-plane module
 * (src/controlplane/): an etcd on the restored data dir and a kube-apiserver
 * in front of it, on random 127.0.0.1 ports, in the drill's own temporary
 * folder. Each lives at most `lifetimeMs` (the drill's overall bound) and
 * runs in its own process group: stopping one (or the run being cancelled,
 * or kubekeep exiting) ends the whole group, so nothing outlives the drill.
 */
import http from "node:http";
import { startApiserver as launchApiserver } from "../../controlplane/apiserver.ts";
import { etcdPeerUrl, startEtcd as launchEtcd, type Starter } from "../../controlplane/etcd.ts";
import { startProcess, type ManagedProcess } from "../../controlplane/supervisor.ts";
import type { SandboxPki } from "../../core/pki.ts";
import { freePorts } from "../../core/ports.ts";
import { formatDuration } from "../../core/units.ts";

export type Server = ManagedProcess;

/** Servers whose output stays in memory (for an error message) and whose group ends after `lifetimeMs`. */
function throwaway(lifetimeMs: number): Starter {
  return (name, command, args) => startProcess({ name: `the throwaway ${name}`, command, args, lifetimeMs });
}

/** POSTs JSON to etcd's gRPC gateway (plain HTTP on loopback: the throwaway member has no TLS). */
export function etcdGateway<T>(endpoint: string, p: string, body: unknown, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(p, endpoint),
      { method: "POST", headers: { "Content-Type": "application/json" }, timeout: timeoutMs },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () =>
          res.statusCode === 200
            ? resolve(JSON.parse(text) as T)
            : reject(new Error(`${p} answered ${res.statusCode}: ${text.slice(0, 300)}`)),
        );
      },
    );
    req.on("timeout", () => req.destroy(new Error(`${p}: no answer within ${formatDuration(timeoutMs)}`)));
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}

export interface ThrowawayEtcd {
  server: Server;
  endpoint: string;
}

/** The member's name and addresses, chosen before etcdutl restores the member with them. */
export interface EtcdPorts {
  client: number;
  peer: number;
}

export async function etcdPorts(): Promise<EtcdPorts> {
  const [client, peer] = (await freePorts(2)) as [number, number];
  return { client, peer };
}

export const MEMBER_NAME = "drill";
export const peerUrl = (p: EtcdPorts) => etcdPeerUrl(p.peer);

export async function startEtcd(
  etcd: string,
  dataDir: string,
  ports: EtcdPorts,
  timeoutMs: number,
  lifetimeMs: number,
  signal?: AbortSignal,
): Promise<ThrowawayEtcd> {
  // etcdutl restored the member with this name and peer URL: a one-member
  // cluster that cannot reach, or be reached by, the real one.
  const started = await launchEtcd(throwaway(lifetimeMs), {
    binary: etcd,
    name: MEMBER_NAME,
    dataDir,
    clientPort: ports.client,
    peerPort: ports.peer,
    extraArgs: ["--listen-metrics-urls=", "--quota-backend-bytes=8589934592"],
    timeoutMs,
    ...(signal ? { signal } : {}),
  });
  return { server: started.process, endpoint: started.endpoint };
}

export interface ThrowawayApiserver {
  server: Server;
  url: string;
}

/**
 * kube-apiserver serving reads of the restored data: no controllers run
 * against it, admission and authorization are the defaults, and the only
 * client is the drill itself with a throwaway system:masters certificate.
 */
export async function startApiserver(options: {
  binary: string;
  etcdEndpoint: string;
  etcdPrefix: string;
  pki: SandboxPki;
  dir: string;
  encryptionConfigFile?: string;
  serviceClusterIpRange: string;
  timeoutMs: number;
  lifetimeMs: number;
  signal?: AbortSignal;
}): Promise<ThrowawayApiserver> {
  const [port] = (await freePorts(1)) as [number];
  const started = await launchApiserver(throwaway(options.lifetimeMs), {
    binary: options.binary,
    port,
    dir: options.dir,
    pki: options.pki,
    etcdEndpoint: options.etcdEndpoint,
    serviceClusterIpRange: options.serviceClusterIpRange,
    authorizationMode: "RBAC",
    ...(options.encryptionConfigFile ? { encryptionConfigFile: options.encryptionConfigFile } : {}),
    extraArgs: [
      `--etcd-prefix=${options.etcdPrefix}`,
      "--anonymous-auth=false",
      // Nothing should be written that is not needed to serve reads.
      "--endpoint-reconciler-type=none",
    ],
    // Not informer-sync: the apiserver's own informers (Secrets among them)
    // never sync when data encrypted at rest cannot be decrypted; the drill
    // reports such kinds instead of waiting for them.
    readyz: "/readyz?exclude=informer-sync",
    timeoutMs: options.timeoutMs,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { server: started.process, url: started.url };
}
