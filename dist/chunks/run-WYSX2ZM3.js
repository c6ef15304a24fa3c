import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  describeEnd,
  runProcess
} from "./chunk-5ELGPLIK.js";
import {
  withStore
} from "./chunk-ETOQUYMA.js";
import {
  resolveKey,
  verifyStored
} from "./chunk-XTQJ5W5V.js";
import "./chunk-SMBKSNSB.js";
import "./chunk-IZQS6OXE.js";
import "./chunk-E7ZC5TRH.js";
import "./chunk-VGEDGZPT.js";
import "./chunk-YRYQ7WVG.js";
import "./chunk-RFV4WAL7.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-OB3FCZHL.js";
import "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import {
  formatBytes,
  formatDuration
} from "./chunk-T4ZVIX6G.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  ConfigurationError,
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-restore/run.ts
import fs from "node:fs";
import path from "node:path";

// src/etcd/restore.ts
function etcdutlArgs(config, file) {
  return [
    "snapshot",
    "restore",
    file,
    `--data-dir=${config.dataDir}`,
    ...config.memberName ? [`--name=${config.memberName}`] : [],
    ...config.initialCluster ? [`--initial-cluster=${config.initialCluster}`] : [],
    ...config.peerUrls ? [`--initial-advertise-peer-urls=${config.peerUrls}`] : []
  ];
}
function kubeadmRestoreCommands(config, file) {
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
    "# then restart kube-apiserver, kube-controller-manager and kube-scheduler (move their manifests out and back)"
  ];
}
async function runEtcdutl(command, args, timeoutMs) {
  let res;
  try {
    res = await runProcess(command, args, { inherit: { tool: [] }, timeoutMs });
  } catch (err) {
    throw err.code === "ENOENT" ? new ConfigurationError(
      `input 'etcdutl': ${JSON.stringify(command)} not found; install etcdutl or give its path`
    ) : new OperationalError(`cannot run ${command} (${errorMessage(err)})`);
  }
  if (res.code !== 0 || res.timedOut || res.aborted)
    throw new OperationalError(
      `${command} ${args.join(" ")} ${describeEnd(res, timeoutMs)}; its output ends with:
${res.output.slice(-2e3)}`
    );
  return res.output;
}

// src/capabilities/etcd-restore/run.ts
function run(config, { logger }) {
  const started = Date.now();
  return withStore(config.storage, logger, async (store) => {
    const snap = await resolveKey(store, config.storage, config.key, logger);
    const file = path.resolve(config.output);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    const v = await logger.group(`download ${snap.key}`, async () => {
      try {
        const out = fs.createWriteStream(partial, { fd: fs.openSync(partial, "w", 384) });
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
      ["Revision", String(v.revision)]
    );
    if (config.run) {
      if (fs.existsSync(config.dataDir) && fs.readdirSync(config.dataDir).length > 0) {
        throw new ConfigurationError(
          `input 'data-dir': ${config.dataDir} exists and is not empty; etcdutl restores into a new folder`
        );
      }
      await logger.group("etcdutl snapshot restore", async () => {
        logger.info(await runEtcdutl(config.etcdutl, etcdutlArgs(config, file), config.etcdutlTimeoutMs));
      });
      report.facts.push(["Restored into", config.dataDir]);
      report.notes.push(`Restored with ${config.etcdutl} ${etcdutlArgs(config, file).join(" ")}`);
    } else {
      logger.info(["restore commands:", ...commands].join("\n"));
      report.tables.push({
        caption: "Restore on a kubeadm control plane",
        header: ["step"],
        rows: commands.map((c) => [c])
      });
    }
    report.facts.push(["Duration", formatDuration(Date.now() - started)]);
    return {
      outputs: {
        key: snap.key,
        file,
        sha256: v.sha256,
        "db-size": v.dbSize,
        "data-dir": config.run ? config.dataDir : ""
      },
      report
    };
  });
}
export {
  run
};
