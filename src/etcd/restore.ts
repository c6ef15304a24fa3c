/**
 * Restoring a snapshot file into an etcd data dir: the `etcdutl snapshot
 * restore` arguments, the kubeadm procedure as shell lines, running etcdutl
 * with a deadline, and the verified download a restore starts from.
 */
import fs from "node:fs";
import path from "node:path";
import { describeEnd, runProcess } from "../core/process.ts";
import { ConfigurationError, errorMessage, OperationalError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatBytes } from "../core/units.ts";
import type { StorageConfig } from "../storage/config.ts";
import type { SnapshotStore } from "../storage/s3.ts";
import { verifyStored, type StoredSnapshot, type VerifyResult } from "./catalog.ts";
import { openNew } from "../core/files.ts";

/** Where and as what member a snapshot is restored. */
export interface RestoreTarget {
  dataDir: string;
  /** etcdutl --name/--initial-cluster/--initial-advertise-peer-urls, when given. */
  memberName?: string;
  initialCluster?: string;
  peerUrls?: string;
}

export function etcdutlArgs(config: RestoreTarget, file: string): string[] {
  return [
    "snapshot",
    "restore",
    file,
    `--data-dir=${config.dataDir}`,
    ...(config.memberName ? [`--name=${config.memberName}`] : []),
    ...(config.initialCluster ? [`--initial-cluster=${config.initialCluster}`] : []),
    ...(config.peerUrls ? [`--initial-advertise-peer-urls=${config.peerUrls}`] : []),
  ];
}

/** The restore procedure for a single-member kubeadm control plane, as shell lines. */
export function kubeadmRestoreCommands(config: RestoreTarget, file: string): string[] {
  const name = config.memberName ?? "$(hostname)";
  const peer = config.peerUrls ?? "https://<this node's IP>:2380";
  return [
    "# on the control-plane node, as root (kubeadm layout):",
    "mv /etc/kubernetes/manifests/etcd.yaml /etc/kubernetes/etcd.yaml.stopped   # the kubelet stops etcd",
    `etcdutl snapshot restore ${file} --data-dir=${config.dataDir} --name=${name} \\`,
    `  --initial-cluster=${config.initialCluster ?? `${name}=${peer}`} --initial-advertise-peer-urls=${peer}`,
    "mv /var/lib/etcd /var/lib/etcd.before-restore",
    `mv ${config.dataDir} /var/lib/etcd`,
    "mv /etc/kubernetes/etcd.yaml.stopped /etc/kubernetes/manifests/etcd.yaml   # the kubelet starts etcd",
    "# then restart kube-apiserver, kube-controller-manager and kube-scheduler (move their manifests out and back)",
  ];
}

/**
 * Runs etcdutl with a deadline that holds (core/process.ts: its own process
 * group, SIGTERM then SIGKILL): a restore of a large database is slow, but
 * one that hangs must not hold the job until its 6-hour limit.
 */
export async function runEtcdutl(command: string, args: string[], timeoutMs: number): Promise<string> {
  let res;
  try {
    // Configured by flags alone (ETCDUTL_* variables would change them).
    res = await runProcess(command, args, { inherit: { tool: [] }, timeoutMs });
  } catch (err) {
    throw (err as NodeJS.ErrnoException).code === "ENOENT"
      ? new ConfigurationError(
          `input 'etcdutl': ${JSON.stringify(command)} not found; install etcdutl or give its path`,
        )
      : new OperationalError(`cannot run ${command} (${errorMessage(err)})`);
  }
  if (res.code !== 0 || res.timedOut || res.aborted)
    throw new OperationalError(
      `${command} ${args.join(" ")} ${describeEnd(res, timeoutMs)}; its output ends with:\n${res.output.slice(-2000)}`,
    );
  return res.output;
}

/**
 * Downloads a stored snapshot into `output` (database + sha256 trailer, what
 * etcdutl checks), verified on the way; a failure leaves no file behind.
 */
export async function downloadSnapshot(
  store: SnapshotStore,
  storage: StorageConfig,
  snap: StoredSnapshot,
  output: string,
  logger: Logger,
): Promise<{ file: string; verified: VerifyResult }> {
  const file = path.resolve(output);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const verified = await logger.group(`download ${snap.key}`, async () => {
    try {
      // Opened now, not lazily, so the removal below never races the open.
      // Created new: a link planted at the name is not written through (core/files.ts).
      const out = fs.createWriteStream(partial, { fd: openNew(partial, 0o600) });
      const r = await verifyStored(store, storage, snap, logger, out);
      fs.renameSync(partial, file);
      return r;
    } catch (err) {
      fs.rmSync(partial, { force: true });
      throw err;
    }
  });
  logger.info(`wrote ${file}: ${formatBytes(verified.dbSize)} database + sha256 trailer, verified`);
  return { file, verified };
}
