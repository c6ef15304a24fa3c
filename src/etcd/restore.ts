/**
 * `etcd-restore`: downloads a stored snapshot (the newest by default),
 * decrypts and decompresses it to a verified `.db` file, and prints the
 * commands that restore it on a kubeadm control plane; with run-restore it
 * also runs `etcdutl snapshot restore` into data-dir.
 */
import { describeEnd, runProcess } from "../core/process.ts";
import fs from "node:fs";
import path from "node:path";
import { defineCapability } from "../core/capability.ts";
import { ConfigurationError, errorMessage, OperationalError } from "../core/errors.ts";
import { formatBytes, formatDuration } from "../core/units.ts";
import { newReport } from "../report/report.ts";
import { SnapshotStore } from "../storage/s3.ts";
import { resolveKey, verifyStored } from "./catalog.ts";
import { maskSecrets, parseRestoreConfig, restoreInputs, type RestoreConfig } from "./config.ts";

export function etcdutlArgs(config: RestoreConfig, file: string): string[] {
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
export function kubeadmRestoreCommands(config: RestoreConfig, file: string): string[] {
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
async function run(command: string, args: string[], timeoutMs: number): Promise<string> {
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

export const etcdRestore = defineCapability<RestoreConfig>({
  name: "etcd-restore",
  summary: "download, verify, decrypt and decompress a stored etcd snapshot; print or run the restore",
  description:
    "Download a stored etcd snapshot, verify, decrypt and decompress it to a .db file, and print the kubeadm restore commands, or run etcdutl snapshot restore into a new data dir.",
  inputs: restoreInputs,
  outputs: {
    key: "Object key restored",
    file: "Path of the .db file",
    sha256: "sha256 of the database",
    "db-size": "Bytes of the database",
    "data-dir": "The restored data dir when run-restore was true",
  },
  parse: parseRestoreConfig,
  async run(config, { logger }) {
    maskSecrets(logger, config);
    const started = Date.now();
    const store = await SnapshotStore.open(config.storage.s3);
    try {
      const snap = await resolveKey(store, config.storage, config.key, logger);
      const file = path.resolve(config.output);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const partial = `${file}.partial`;
      const v = await logger.group(`download ${snap.key}`, async () => {
        try {
          // Opened now, not lazily, so the removal below never races the open.
          const out = fs.createWriteStream(partial, { fd: fs.openSync(partial, "w", 0o600) });
          const r = await verifyStored(store, config.storage, snap, logger, out);
          fs.renameSync(partial, file);
          return r;
        } catch (err) {
          fs.rmSync(partial, { force: true });
          throw err;
        }
      });
      logger.info(`wrote ${file}: ${formatBytes(v.dbSize)} database + sha256 trailer, verified`);
      const commands = kubeadmRestoreCommands(config, file);
      const report = newReport("etcd snapshot ready to restore");
      report.facts.push(
        ["Snapshot", `s3://${config.storage.s3.bucket}/${snap.key}`],
        ["File", `${file} (${formatBytes(v.dbSize)}, sha256 ${v.sha256})`],
        ["Revision", String(v.revision)],
      );
      if (config.run) {
        if (fs.existsSync(config.dataDir) && fs.readdirSync(config.dataDir).length > 0) {
          throw new ConfigurationError(
            `input 'data-dir': ${config.dataDir} exists and is not empty; etcdutl restores into a new folder`,
          );
        }
        await logger.group("etcdutl snapshot restore", async () => {
          logger.info(await run(config.etcdutl, etcdutlArgs(config, file), config.etcdutlTimeoutMs));
        });
        report.facts.push(["Restored into", config.dataDir]);
        report.notes.push(`Restored with ${config.etcdutl} ${etcdutlArgs(config, file).join(" ")}`);
      } else {
        logger.info(["restore commands:", ...commands].join("\n"));
        report.tables.push({
          caption: "Restore on a kubeadm control plane",
          header: ["step"],
          rows: commands.map((c) => [c]),
        });
      }
      report.facts.push(["Duration", formatDuration(Date.now() - started)]);
      return {
        outputs: {
          key: snap.key,
          file,
          sha256: v.sha256,
          "db-size": v.dbSize,
          "data-dir": config.run ? config.dataDir : "",
        },
        report,
      };
    } finally {
      store.close();
    }
  },
});
