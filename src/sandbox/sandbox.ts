/**
 * The sandbox: a real Kubernetes control plane (etcd with mTLS, kube-apiserver,
 * kube-controller-manager, kube-scheduler), kwok simulating nodes and their
 * pods, and an S3 server, all on random 127.0.0.1 ports. Tests, benchmarks,
 * the demo and `kubekeep sandbox up` all start it through `startSandbox`.
 */
import { S3Client, CreateBucketCommand } from "@aws-sdk/client-s3";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeClient, isApiError } from "../cluster/client.ts";
import { writeKubeconfig } from "../cluster/kubeconfig.ts";
import type { Logger } from "../core/logger.ts";
import { silentLogger } from "../core/logger.ts";
import { ensureBinaries, ensureComponents, KUBERNETES_VERSION, type Binaries } from "./binaries.ts";
import { kwokConfig } from "./kwok-stages.ts";
import { createPki, type SandboxPki } from "../core/pki.ts";
import { freePorts } from "../core/ports.ts";
import { startApiserver } from "../controlplane/apiserver.ts";
import { startEtcd, type Starter } from "../controlplane/etcd.ts";
import { startProcess, stopPid, waitUntil, type ManagedProcess } from "../controlplane/supervisor.ts";
import { sleep } from "../core/sleep.ts";

export interface SandboxOptions {
  /** Where state, logs and data go; a new temporary folder by default. */
  dir?: string;
  logger?: Logger;
  /** Leave the servers running after this Node process exits (`sandbox up`). */
  keepAfterExit?: boolean;
  /** Start the S3 server too (default true). */
  s3?: boolean;
  /**
   * Extra kwok configuration documents (YAML, e.g. PortForward or Stage
   * objects) appended to the sandbox's own. A function gets the started
   * etcd's endpoint (e.g. to point a PortForward at its random port).
   */
  kwokExtraConfig?: string | ((ctx: { etcd: EtcdEndpoint }) => string);
  /** An EncryptionConfiguration (YAML) for encryption at rest (kube-apiserver --encryption-provider-config). */
  encryptionConfig?: string;
  /**
   * More kube-apiserver flags, after the sandbox's own (e.g. a token
   * webhook: --authentication-token-webhook-config-file, for the EKS token
   * proofs, whose authenticator stand-in lives in test/harness/aws/).
   */
  apiserverExtraArgs?: string[];
}

export interface EtcdEndpoint {
  endpoint: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  dataDir: string;
}

export interface S3Endpoint {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: true;
}

/** Everything a client needs to use a running sandbox; saved as sandbox.json. */
export interface SandboxInfo {
  dir: string;
  kubeconfig: string;
  server: string;
  kubernetesVersion: string;
  etcd: EtcdEndpoint;
  s3?: S3Endpoint;
  kubectl: string;
  etcdutl: string;
  pids: Record<string, number>;
}

export class Sandbox {
  readonly info: SandboxInfo;
  readonly pki: SandboxPki;
  private readonly processes: ManagedProcess[];

  constructor(info: SandboxInfo, pki: SandboxPki, processes: ManagedProcess[]) {
    this.info = info;
    this.pki = pki;
    this.processes = processes;
  }

  get kubeconfig(): string {
    return this.info.kubeconfig;
  }

  client(): Promise<KubeClient> {
    return KubeClient.fromFile(this.info.kubeconfig);
  }

  /** Stops every server, newest first; keeps the folder (logs) unless asked. */
  async stop(options: { removeDir?: boolean } = {}): Promise<void> {
    await stopAll(this.processes.map((p) => ({ name: p.name, pid: p.pid })));
    if (options.removeDir) fs.rmSync(this.info.dir, { recursive: true, force: true });
  }
}

export const STATE_FILE = "sandbox.json";

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const logger = options.logger ?? silentLogger;
  const bins = await ensureBinaries(logger);
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-sandbox-"));
  fs.mkdirSync(dir, { recursive: true });
  const logs = path.join(dir, "logs");
  fs.mkdirSync(logs, { recursive: true });
  const pki = createPki(path.join(dir, "pki"));
  const keep = options.keepAfterExit ?? false;
  const processes: ManagedProcess[] = [];
  const start = (name: string, command: string, args: string[]) => {
    const p = startProcess({
      name,
      command,
      args,
      logFile: path.join(logs, `${name}.log`),
      keepAfterExit: keep,
    });
    processes.push(p);
    return p;
  };

  try {
    const [etcdClientPort, etcdPeerPort, apiPort, kwokPort, s3Port] = (await freePorts(5)) as [
      number,
      number,
      number,
      number,
      number,
    ];

    const etcd = await sandboxEtcd(start, bins, dir, pki, etcdClientPort, etcdPeerPort);
    let encryptionConfigFile: string | undefined;
    if (options.encryptionConfig) {
      encryptionConfigFile = path.join(dir, "encryption-config.yaml");
      fs.writeFileSync(encryptionConfigFile, options.encryptionConfig, { mode: 0o600 });
    }
    const { url: server } = await startApiserver(start, {
      binary: bins["kube-apiserver"],
      port: apiPort,
      dir,
      pki,
      etcdEndpoint: etcd.endpoint,
      etcdTls: true,
      serviceClusterIpRange: "10.0.0.0/16",
      authorizationMode: "Node,RBAC",
      ...(encryptionConfigFile ? { encryptionConfigFile } : {}),
      extraArgs: [...apiserverArgs(pki), ...(options.apiserverExtraArgs ?? [])],
      readyz: "/readyz",
      timeoutMs: 90_000,
    });

    const kubeconfig = path.join(dir, "kubeconfig");
    writeKubeconfig(kubeconfig, {
      name: "kubekeep-sandbox",
      server,
      caFile: pki.ca.cert,
      certFile: pki.admin.cert,
      keyFile: pki.admin.key,
    });

    const kcm = start("kube-controller-manager", bins["kube-controller-manager"], [
      `--kubeconfig=${kubeconfig}`,
      "--secure-port=0",
      "--leader-elect=true",
      `--service-account-private-key-file=${pki.serviceAccountKey}`,
      `--root-ca-file=${pki.ca.cert}`,
      // kubeadm clusters run the bootstrap-token controllers too (off by default).
      "--controllers=*,bootstrapsigner,tokencleaner",
      "--kube-api-qps=200",
      "--kube-api-burst=400",
      "--concurrent-deployment-syncs=10",
      "--concurrent-replicaset-syncs=10",
      "--concurrent-gc-syncs=50",
    ]);
    const scheduler = start("kube-scheduler", bins["kube-scheduler"], [
      `--kubeconfig=${kubeconfig}`,
      "--secure-port=0",
      "--leader-elect=true",
      "--kube-api-qps=200",
      "--kube-api-burst=400",
    ]);

    const kwokConfigFile = path.join(dir, "kwok.yaml");
    const kwokExtra =
      typeof options.kwokExtraConfig === "function"
        ? options.kwokExtraConfig({ etcd })
        : options.kwokExtraConfig;
    fs.writeFileSync(kwokConfigFile, kwokConfig() + (kwokExtra ? `---\n${kwokExtra}` : ""));
    const kwok = start("kwok", bins.kwok, [
      `--kubeconfig=${kubeconfig}`,
      `--config=${kwokConfigFile}`,
      "--manage-all-nodes=false",
      "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
      // Nodes report 127.0.0.1 so the API server reaches kwok's kubelet API
      // (logs, exec, port-forward) on --node-port, as it would a real kubelet.
      "--node-ip=127.0.0.1",
      "--node-lease-duration-seconds=40",
      `--server-address=127.0.0.1:${kwokPort}`,
      `--node-port=${kwokPort}`,
      `--tls-cert-file=${pki.apiserver.cert}`,
      `--tls-private-key-file=${pki.apiserver.key}`,
    ]);

    let s3: S3Endpoint | undefined;
    if (options.s3 ?? true) s3 = await startS3(start, bins, dir, s3Port);

    const client = await KubeClient.fromFile(kubeconfig);
    try {
      await waitUntil(kcm, "leader lease", () => leaseHeld(client, "kube-controller-manager"), 60_000);
      await waitUntil(scheduler, "leader lease", () => leaseHeld(client, "kube-scheduler"), 60_000);
      await waitUntil(
        kcm,
        "default ServiceAccount",
        () => exists(client, "/api/v1/namespaces/default/serviceaccounts/default"),
        60_000,
      );
      // kwok has no health endpoint we can rely on; it must at least still be running.
      await sleep(200);
      if (kwok.hasExited()) await waitUntil(kwok, "start", () => Promise.resolve(false), 0);
    } finally {
      client.close();
    }

    const info: SandboxInfo = {
      dir,
      kubeconfig,
      server,
      kubernetesVersion: KUBERNETES_VERSION,
      etcd,
      ...(s3 ? { s3 } : {}),
      kubectl: bins.kubectl,
      etcdutl: bins.etcdutl,
      pids: Object.fromEntries(processes.map((p) => [p.name, p.pid])),
    };
    fs.writeFileSync(path.join(dir, STATE_FILE), JSON.stringify(info, null, 2), { mode: 0o600 });
    logger.info(`sandbox cluster ${KUBERNETES_VERSION} ready at ${server} (kubeconfig ${kubeconfig})`);
    return new Sandbox(info, pki, processes);
  } catch (err) {
    await stopAll(processes);
    throw err;
  }
}

async function sandboxEtcd(
  start: Starter,
  bins: Binaries,
  dir: string,
  pki: SandboxPki,
  clientPort: number,
  peerPort: number,
): Promise<EtcdEndpoint> {
  const dataDir = path.join(dir, "etcd");
  const { endpoint } = await startEtcd(start, {
    binary: bins.etcd,
    name: "sandbox",
    dataDir,
    clientPort,
    peerPort,
    pki,
    extraArgs: ["--snapshot-count=10000"],
    timeoutMs: 30_000,
  });
  return {
    endpoint,
    caFile: pki.ca.cert,
    certFile: pki.etcdClient.cert,
    keyFile: pki.etcdClient.key,
    dataDir,
  };
}

/** The sandbox apiserver's own flags, beyond those of every local apiserver. */
function apiserverArgs(pki: SandboxPki): string[] {
  return [
    // The aggregation layer, so aggregated APIs (and broken ones) behave as in a real cluster.
    `--proxy-client-cert-file=${pki.frontProxyClient.cert}`,
    `--proxy-client-key-file=${pki.frontProxyClient.key}`,
    `--requestheader-client-ca-file=${pki.ca.cert}`,
    "--requestheader-allowed-names=front-proxy-client",
    "--requestheader-username-headers=X-Remote-User",
    "--requestheader-group-headers=X-Remote-Group",
    "--requestheader-extra-headers-prefix=X-Remote-Extra-",
    "--max-requests-inflight=1000",
    "--max-mutating-requests-inflight=500",
    `--kubelet-client-certificate=${pki.admin.cert}`,
    `--kubelet-client-key=${pki.admin.key}`,
    "--kubelet-preferred-address-types=InternalIP",
  ];
}

async function startS3(start: Starter, bins: Binaries, dir: string, port: number): Promise<S3Endpoint> {
  const dataDir = path.join(dir, "s3", "data");
  const metaDir = path.join(dir, "s3", "meta");
  const versionsDir = path.join(dir, "s3", "versions");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(metaDir, { recursive: true });
  fs.mkdirSync(versionsDir, { recursive: true });
  const accessKeyId = "sandbox" + randomBytes(4).toString("hex");
  const secretAccessKey = randomBytes(20).toString("hex");
  const region = "us-east-1";
  const proc = start("s3", bins.versitygw, [
    "--access",
    accessKeyId,
    "--secret",
    secretAccessKey,
    "--region",
    region,
    "--port",
    `127.0.0.1:${port}`,
    "--quiet",
    "posix",
    // Metadata in a side folder: works on filesystems without user xattrs.
    "--sidecar",
    metaDir,
    // Versioning for the buckets that ask for it (a bucket created with
    // Object Lock is versioned, as on AWS); the sandbox's own bucket is not.
    "--versioning-dir",
    versionsDir,
    dataDir,
  ]);
  const s3: S3Endpoint = {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    bucket: "kubekeep-sandbox",
    accessKeyId,
    secretAccessKey,
    forcePathStyle: true,
  };
  const client = new S3Client({
    endpoint: s3.endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey },
  });
  try {
    await waitUntil(
      proc,
      "bucket creation",
      async () => {
        await client.send(new CreateBucketCommand({ Bucket: s3.bucket }));
        return true;
      },
      30_000,
    );
  } finally {
    client.destroy();
  }
  return s3;
}

async function leaseHeld(client: KubeClient, name: string): Promise<boolean> {
  const lease = await client.get<{ spec?: { holderIdentity?: string } }>(
    `/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/${name}`,
  );
  return !!lease.spec?.holderIdentity;
}

async function exists(client: KubeClient, p: string): Promise<boolean> {
  try {
    await client.get(p);
    return true;
  } catch (err) {
    if (isApiError(err, 404)) return false;
    throw err;
  }
}

/** Reads a running sandbox's state from its folder (for `sandbox down` and clients). */
export function readSandboxInfo(dir: string): SandboxInfo {
  return JSON.parse(fs.readFileSync(path.join(dir, STATE_FILE), "utf8")) as SandboxInfo;
}

/** Stops a sandbox started by another process (`kubekeep sandbox down`). */
export async function stopSandboxAt(dir: string): Promise<void> {
  const info = readSandboxInfo(dir);
  await stopAll(Object.entries(info.pids).map(([name, pid]) => ({ name, pid })));
}

/** Stops clients of etcd together, then etcd, so none of them hangs retrying a dead etcd. */
async function stopAll(procs: { name: string; pid: number }[]): Promise<void> {
  await Promise.all(procs.filter((p) => p.name !== "etcd").map((p) => stopPid(p.pid)));
  await Promise.all(procs.filter((p) => p.name === "etcd").map((p) => stopPid(p.pid)));
}

/**
 * The sandbox's S3 server alone (versitygw on a random 127.0.0.1 port, one
 * bucket), for tests of another cluster than the sandbox's own (the real
 * node's etcd snapshots). `stop()` ends it; the folder is the caller's.
 */
export async function startS3Server(
  dir: string,
  logger: Logger = silentLogger,
): Promise<{ s3: S3Endpoint; stop: () => Promise<void> }> {
  const bins = await ensureComponents(["versitygw"], logger);
  fs.mkdirSync(path.join(dir, "logs"), { recursive: true });
  const processes: ManagedProcess[] = [];
  const start: Starter = (name, command, args) => {
    const p = startProcess({ name, command, args, logFile: path.join(dir, "logs", `${name}.log`) });
    processes.push(p);
    return p;
  };
  const [port] = (await freePorts(1)) as [number];
  try {
    const s3 = await startS3(start, bins, dir, port);
    return { s3, stop: () => stopAll(processes.map((p) => ({ name: p.name, pid: p.pid }))) };
  } catch (err) {
    await stopAll(processes.map((p) => ({ name: p.name, pid: p.pid })));
    throw err;
  }
}
