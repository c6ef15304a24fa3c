/**
 * The drill's throwaway servers: an etcd on the restored data dir and a
 * kube-apiserver in front of it, on random 127.0.0.1 ports, in the drill's
 * own temporary folder. Each runs through core/process.ts, in its own process
 * group with a deadline: stopping one (or the run being cancelled, or
 * kubekeep exiting) ends the whole group, so nothing outlives the drill.
 */
import fs from "node:fs";
import https from "node:https";
import http from "node:http";
import path from "node:path";
import { errorMessage, OperationalError } from "../../core/errors.ts";
import { lastLines, runProcess, type ProcessResult } from "../../core/process.ts";
import { sleep } from "../../core/sleep.ts";
import { formatDuration } from "../../core/units.ts";
import type { SandboxPki } from "../../core/pki.ts";
import { freePorts } from "../../core/ports.ts";

export interface Server {
  name: string;
  /** The last output lines, for an error message. */
  output(): string;
  exited(): boolean;
  /** Ends the process group (SIGTERM, then SIGKILL) and waits until it is gone. */
  stop(): Promise<void>;
}

/**
 * Starts `command` as a server: it may run for `lifetimeMs` at most (the
 * drill's overall bound), then its group is ended whatever happens.
 */
export function startServer(name: string, command: string, args: string[], lifetimeMs: number): Server {
  const abort = new AbortController();
  let tail = "";
  let done: ProcessResult | undefined;
  let startError: unknown;
  const finished = runProcess(command, args, {
    // Configured by flags alone: ETCD_* variables of the runner would change etcd's.
    inherit: { tool: [] },
    timeoutMs: lifetimeMs,
    signal: abort.signal,
    onLine: (l) => {
      tail = (tail + l + "\n").slice(-8000);
    },
  }).then(
    (r) => {
      done = r;
    },
    (err: unknown) => {
      startError = err;
    },
  );
  return {
    name,
    output: () => tail + (startError ? `\n(cannot start ${command}: ${errorMessage(startError)})` : ""),
    exited: () => done !== undefined || startError !== undefined,
    async stop() {
      abort.abort();
      await finished;
    },
  };
}

/**
 * Polls `probe` until it answers true, the server exits, or `timeoutMs`
 * passes; the error quotes the server's last output lines.
 */
export async function waitFor(
  server: Server,
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (signal?.aborted) throw new OperationalError(`cancelled while waiting for ${server.name} ${what}`);
    if (server.exited())
      throw new OperationalError(
        `the throwaway ${server.name} exited before ${what}; its output ends with: ${lastLines(server.output(), 8)}`,
      );
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new OperationalError(
        `the throwaway ${server.name} did not reach ${what} within ${formatDuration(timeoutMs)}; its output ends with: ${lastLines(server.output(), 8)}`,
      );
    await sleep(250);
  }
}

export function httpGetOk(url: string, tls?: https.AgentOptions): Promise<boolean> {
  return new Promise((resolve) => {
    const get = url.startsWith("https:") ? https.get : http.get;
    const req = get(url, { ...(tls ?? {}), timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
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
export const peerUrl = (p: EtcdPorts) => `http://127.0.0.1:${p.peer}`;

export async function startEtcd(
  etcd: string,
  dataDir: string,
  ports: EtcdPorts,
  timeoutMs: number,
  lifetimeMs: number,
  signal?: AbortSignal,
): Promise<ThrowawayEtcd> {
  const endpoint = `http://127.0.0.1:${ports.client}`;
  const peer = peerUrl(ports);
  // etcdutl restored the member with this name and peer URL: a one-member
  // cluster that cannot reach, or be reached by, the real one.
  const server = startServer(
    "etcd",
    etcd,
    [
      `--name=${MEMBER_NAME}`,
      `--data-dir=${dataDir}`,
      `--listen-client-urls=${endpoint}`,
      `--advertise-client-urls=${endpoint}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=${MEMBER_NAME}=${peer}`,
      "--listen-metrics-urls=",
      "--unsafe-no-fsync=true",
      "--quota-backend-bytes=8589934592",
      "--log-level=warn",
    ],
    lifetimeMs,
  );
  try {
    await waitFor(server, "health", () => httpGetOk(`${endpoint}/health`), timeoutMs, signal);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { server, endpoint };
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
  const { pki } = options;
  const url = `https://127.0.0.1:${port}`;
  const certDir = path.join(options.dir, "apiserver-certs");
  fs.mkdirSync(certDir, { recursive: true });
  const server = startServer(
    "kube-apiserver",
    options.binary,
    [
      `--etcd-servers=${options.etcdEndpoint}`,
      `--etcd-prefix=${options.etcdPrefix}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${port}`,
      `--cert-dir=${certDir}`,
      `--tls-cert-file=${pki.apiserver.cert}`,
      `--tls-private-key-file=${pki.apiserver.key}`,
      `--client-ca-file=${pki.ca.cert}`,
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${pki.serviceAccountPub}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      `--service-cluster-ip-range=${options.serviceClusterIpRange}`,
      "--authorization-mode=RBAC",
      "--anonymous-auth=false",
      "--profiling=false",
      "--allow-privileged=true",
      // Nothing should be written that is not needed to serve reads.
      "--endpoint-reconciler-type=none",
      ...(options.encryptionConfigFile
        ? [`--encryption-provider-config=${options.encryptionConfigFile}`]
        : []),
    ],
    options.lifetimeMs,
  );
  const tls = {
    ca: fs.readFileSync(pki.ca.cert),
    cert: fs.readFileSync(pki.admin.cert),
    key: fs.readFileSync(pki.admin.key),
  };
  try {
    // Not informer-sync: the apiserver's own informers (Secrets among them)
    // never sync when data encrypted at rest cannot be decrypted; the drill
    // reports such kinds instead of waiting for them.
    await waitFor(
      server,
      "/readyz",
      () => httpGetOk(`${url}/readyz?exclude=informer-sync`, tls),
      options.timeoutMs,
      options.signal,
    );
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { server, url };
}
