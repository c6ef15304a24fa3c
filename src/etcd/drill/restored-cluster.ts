/**
 * A snapshot brought back to life for reading: etcdutl restores it into a
 * data dir, a throwaway etcd serves that dir and a throwaway kube-apiserver
 * serves the objects in it (./throwaway.ts), with a client of that apiserver
 * once it answers its first list. Every step has its deadline; whatever
 * started is in `servers` and `clients` for the caller's cleanup, also when a
 * later step fails.
 */
import fs from "node:fs";
import path from "node:path";
import type { KubeClient } from "../../cluster/client.ts";
import { errorMessage, OperationalError } from "../../core/errors.ts";
import { createPki } from "../../core/pki.ts";
import { describeEnd, lastLines, runProcess } from "../../core/process.ts";
import { pollUntil } from "../../core/sleep.ts";
import { formatDuration } from "../../core/units.ts";
import type { DrillBinaries } from "./binaries.ts";
import {
  etcdPorts,
  MEMBER_NAME,
  peerUrl,
  startApiserver,
  startEtcd,
  type EtcdPorts,
  type Server,
} from "./throwaway.ts";

/** What a drill started and must end, pass or fail, and its temporary folder. */
export interface Workspace {
  dir: string;
  servers: Server[];
  clients: (() => void)[];
}

/** Ends every client and server (the apiserver before etcd) and removes the folder; returns a warning if it cannot. */
export async function cleanup(w: Workspace): Promise<string | undefined> {
  for (const c of w.clients) c();
  // The apiserver before etcd, so it does not spend its last moments retrying a dead etcd.
  for (const s of [...w.servers].reverse()) await s.stop();
  try {
    fs.rmSync(w.dir, { recursive: true, force: true });
    return undefined;
  } catch (err) {
    return `could not remove the drill's temporary folder ${w.dir}: ${errorMessage(err)}`;
  }
}

/** The line of a Go program's output that says what went wrong (a panic, an Error:), else its last lines. */
export function reasonOf(output: string): string {
  const lines = output.split("\n").map((l) => l.trim());
  const hit = lines.find((l) => /^panic:|^Error:|"level":"(fatal|panic|error)"/.test(l));
  return hit ? hit.slice(0, 500) : lastLines(output, 6);
}

/** Ports for the member, chosen before the restore writes them into it. */
export const memberPorts = etcdPorts;

/** etcdutl snapshot restore of `file` into `dataDir`, as a one-member cluster on `ports`. */
export async function restoreSnapshot(
  etcdutl: string,
  file: string,
  dataDir: string,
  ports: EtcdPorts,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const peer = peerUrl(ports);
  const args = [
    "snapshot",
    "restore",
    file,
    `--data-dir=${dataDir}`,
    `--name=${MEMBER_NAME}`,
    `--initial-cluster=${MEMBER_NAME}=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
  ];
  let res;
  try {
    res = await runProcess(etcdutl, args, { timeoutMs, ...(signal ? { signal } : {}) });
  } catch (err) {
    throw new OperationalError(`cannot run ${etcdutl} (${errorMessage(err)})`);
  }
  if (res.code !== 0 || res.timedOut || res.aborted)
    throw new OperationalError(
      `the snapshot does not restore: etcdutl snapshot restore ${describeEnd(res, timeoutMs)}: ${reasonOf(res.output)}`,
    );
}

export interface ServeOptions {
  binaries: DrillBinaries;
  dataDir: string;
  ports: EtcdPorts;
  etcdPrefix: string;
  serviceClusterIpRange: string;
  /** EncryptionConfiguration YAML (a secret), written into the workspace for the apiserver. */
  encryptionConfig?: string;
  startTimeoutMs: number;
  /** How long the servers may live at most, whatever happens. */
  lifetimeMs: number;
  stallTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface RestoredCluster {
  etcdEndpoint: string;
  client: KubeClient;
  /** From etcd's start to the apiserver's first list. */
  firstListMs: number;
}

/** Starts etcd and kube-apiserver on the restored data and waits for the first list. */
export async function serveRestored(w: Workspace, o: ServeOptions): Promise<RestoredCluster> {
  const pki = createPki(path.join(w.dir, "pki"));
  const startedAt = Date.now();
  const signal = o.signal ? { signal: o.signal } : {};
  const etcd = await startEtcd(o.binaries.etcd, o.dataDir, o.ports, o.startTimeoutMs, o.lifetimeMs, o.signal);
  w.servers.push(etcd.server);
  let encryptionConfigFile: string | undefined;
  if (o.encryptionConfig) {
    encryptionConfigFile = path.join(w.dir, "encryption-config.yaml");
    fs.writeFileSync(encryptionConfigFile, o.encryptionConfig, { mode: 0o600 });
  }
  const api = await startApiserver({
    binary: o.binaries["kube-apiserver"],
    etcdEndpoint: etcd.endpoint,
    etcdPrefix: o.etcdPrefix,
    pki,
    dir: w.dir,
    ...(encryptionConfigFile ? { encryptionConfigFile } : {}),
    serviceClusterIpRange: o.serviceClusterIpRange,
    timeoutMs: o.startTimeoutMs,
    lifetimeMs: o.lifetimeMs,
    ...signal,
  });
  w.servers.push(api.server);
  const kubeconfig = path.join(w.dir, "kubeconfig");
  const { writeKubeconfig } = await import("../../cluster/kubeconfig.ts");
  writeKubeconfig(kubeconfig, {
    name: "kubekeep-drill",
    server: api.url,
    caFile: pki.ca.cert,
    certFile: pki.admin.cert,
    keyFile: pki.admin.key,
  });
  // Loaded here: the Kubernetes client is not needed to start (bench/startup
  // budgets the action's first line).
  const { KubeClient } = await import("../../cluster/client.ts");
  const client = await KubeClient.fromFile(kubeconfig, undefined, o.stallTimeoutMs);
  w.clients.push(() => client.close());
  await firstList(client, o.startTimeoutMs, o.signal);
  return { etcdEndpoint: etcd.endpoint, client, firstListMs: Date.now() - startedAt };
}

/** Polls a list until the restored apiserver answers one (its caches fill after /readyz). */
async function firstList(client: KubeClient, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  let last = "";
  await pollUntil(
    () =>
      client.get("/api/v1/namespaces", { limit: 1 }).then(
        () => true,
        (err: unknown) => {
          last = errorMessage(err);
          return false;
        },
      ),
    {
      timeoutMs,
      ...(signal ? { signal } : {}),
      timedOut: () =>
        `the restored kube-apiserver answered no list within ${formatDuration(timeoutMs)} (last: ${last})`,
      cancelled: () => "cancelled while waiting for the first list",
      fail: (message) => new OperationalError(message),
    },
  );
}

/** The UID of a namespace, or why it could not be read. */
export async function namespaceUid(
  client: KubeClient,
  name: string,
): Promise<{ uid?: string; error?: string }> {
  try {
    return {
      uid: (await client.get<{ metadata?: { uid?: string } }>(`/api/v1/namespaces/${name}`)).metadata?.uid,
    };
  } catch (err) {
    return { error: errorMessage(err) };
  }
}
