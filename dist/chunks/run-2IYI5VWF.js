import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  formatMember
} from "./chunk-MUHM5E3O.js";
import {
  reachedBy
} from "./chunk-GI66DSC2.js";
import "./chunk-I54P7HKH.js";
import {
  describeEnd,
  runProcess
} from "./chunk-2BN52FYM.js";
import {
  resolveKey,
  verifyStored
} from "./chunk-VSOUHU74.js";
import "./chunk-6EQQZ7XH.js";
import "./chunk-IZQS6OXE.js";
import {
  withStore
} from "./chunk-A45PUICA.js";
import "./chunk-YFTWI7CJ.js";
import "./chunk-USUH4Q42.js";
import "./chunk-SMBKSNSB.js";
import "./chunk-MINQNAAS.js";
import "./chunk-VGEDGZPT.js";
import "./chunk-TL42P4WJ.js";
import "./chunk-OD4EXP6E.js";
import {
  openNew
} from "./chunk-STJCSPFM.js";
import "./chunk-OB3FCZHL.js";
import "./chunk-EUSUB6M6.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import "./chunk-3NY4DX7F.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  CapabilityFailure
} from "./chunk-HRVOOZEE.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import {
  formatBytes,
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-restore/run.ts
import crypto from "node:crypto";
import fs2 from "node:fs";

// src/etcd/restore.ts
import fs from "node:fs";
import path from "node:path";
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
async function downloadSnapshot(store, storage, snap, output, logger) {
  const file = path.resolve(output);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  const verified = await logger.group(`download ${snap.key}`, async () => {
    try {
      const out = fs.createWriteStream(partial, { fd: openNew(partial, 384) });
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

// src/capabilities/etcd-restore/report.ts
function planReport(mode, config, lc, members, snap, plannedSteps) {
  const title = {
    download: "",
    plan: `etcd restore plan for cluster ${config.storage.clusterName} (nothing changed)`,
    run: `etcd restore of cluster ${config.storage.clusterName}`,
    verify: `etcd restore verified: cluster ${config.storage.clusterName}`,
    rollback: `etcd restore rolled back: cluster ${config.storage.clusterName}`
  }[mode];
  const report = newReport(title);
  if (snap) {
    const meta = snap.metadata;
    report.facts.push(["Snapshot", `s3://${config.storage.s3.bucket}/${snap.key}`]);
    if (meta) {
      report.facts.push(
        ["Revision", String(meta.revision)],
        ["Taken", `${meta.createdAt} (${formatDuration(Date.now() - Date.parse(meta.createdAt))} ago)`],
        [
          "Verified",
          meta.verified ? `yes${meta.verifiedAt ? `, ${meta.verifiedAt}` : ""}` : "not yet (run verifies it before anything stops)"
        ],
        ["etcd", `${meta.etcdVersion}, cluster id ${meta.clusterId}`]
      );
    }
  }
  report.tables.push({
    caption: "Members (in this order, each step on every member before the next)",
    header: ["member", "node", "peer URL", "data dir", "kept for rollback", "reached by"],
    rows: members.map((m) => [
      m.name,
      m.node,
      m.peerUrl,
      m.dataDir,
      `${m.dataDir}.before-<restore id>`,
      reachedBy(lc.access, m)
    ])
  });
  if (mode === "plan") {
    report.tables.push({
      caption: "Steps per member",
      header: ["member", "step"],
      rows: members.flatMap(
        (m) => plannedSteps(m, { manifestDir: lc.settings.manifestDir, bumpRevision: lc.bumpRevision, members }).map(
          (s) => [m.name, s]
        )
      )
    });
    report.notes.push(
      `To run it: mode run, confirm ${config.storage.clusterName}, and executor ssh (the ssh-* inputs) or a restore-command; members input if the API is down: ${members.map(formatMember).join(",")}`
    );
  }
  return report;
}
function verifyRows(checks) {
  return {
    caption: "Checks",
    header: ["check", "result", "detail"],
    rows: checks.map((c) => [c.name, c.ok ? "ok" : "FAILED", c.detail])
  };
}
function objectRows(rows) {
  return {
    caption: "Kinds that differ from the snapshot",
    header: ["kind", "in the snapshot", "live", "verdict", "why"],
    rows: rows.map((r) => [r.id, String(r.restored ?? 0), String(r.reference ?? 0), r.verdict, r.why])
  };
}
function failureReport(report, members, progress, next) {
  report.tables.push({
    caption: "Members when it stopped",
    header: ["member", "node", "state"],
    rows: members.map((m) => [m.name, m.node, progress.state(m)])
  });
  report.notes.push(`To continue (finished steps are skipped): ${next.continueCommand}`);
  report.notes.push(`To roll back to the data before the restore: ${next.rollbackCommand}`);
  return report;
}

// src/capabilities/etcd-restore/run.ts
function run(config, ctx) {
  return config.live ? live(config, config.live, ctx) : download(config, ctx);
}
function download(config, { logger }) {
  const started = Date.now();
  return withStore(config.storage, logger, async (store) => {
    const snap = await resolveKey(store, config.storage, config.key, logger);
    const { file, verified: v } = await downloadSnapshot(store, config.storage, snap, config.output, logger);
    const commands = kubeadmRestoreCommands(config, file);
    const report = newReport("etcd snapshot ready to restore");
    report.facts.push(
      ["Snapshot", `s3://${config.storage.s3.bucket}/${snap.key}`],
      ["File", `${file} (${formatBytes(v.dbSize)}, sha256 ${v.sha256})`],
      ["Revision", String(v.revision)]
    );
    if (config.run) {
      if (fs2.existsSync(config.dataDir) && fs2.readdirSync(config.dataDir).length > 0) {
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
function sha256File(file) {
  return new Promise((resolve, reject) => {
    const h = crypto.createHash("sha256");
    fs2.createReadStream(file).on("data", (c) => h.update(c)).on("error", reject).on("end", () => resolve(h.digest("hex")));
  });
}
async function snapshotFor(config, logger) {
  const mode = config.mode;
  if (mode === "rollback") return void 0;
  return withStore(config.storage, logger, async (store) => {
    const snap = await resolveKey(store, config.storage, config.key, logger);
    if (mode === "plan") return { snap, ...snap.metadata ? { revision: snap.metadata.revision } : {} };
    const { file, verified } = await downloadSnapshot(store, config.storage, snap, config.output, logger);
    return { snap, file, fileSha: await sha256File(file), revision: verified.revision };
  });
}
async function live(config, lc, { logger }) {
  const started = Date.now();
  const { discoverMembers } = await import("./members-PBZ7535M.js");
  const cp = await import("./control-plane-restore-BOJ6TELO.js");
  const { NodeSteps } = await import("./node-steps-6SZBUNJT.js");
  const { verifyCluster } = await import("./verify-U4JBSLCN.js");
  const { objectsMatch } = await import("./objects-VICD44PT.js");
  const { lineageOf, readLineage } = await import("./lineage-ZF4BFDW2.js");
  const { withCluster } = await import("./connect-FW4EGOZD.js");
  const mode = config.mode;
  const clusterName = config.storage.clusterName;
  const s = await snapshotFor(config, logger);
  const outputs = { key: s?.snap.key ?? "", mode };
  return withCluster(lc.cluster, logger, async (client) => {
    let members = lc.members;
    if (!members) {
      try {
        members = await discoverMembers(client);
      } catch (err) {
        throw new OperationalError(
          `cannot read the etcd members from the cluster (${errorMessage(err)}); if the API server is down because a restore stopped etcd, give the members input (printed by plan, at the start of a run and by a failed one)`
        );
      }
    }
    const access = lc.access;
    if (access?.kind === "ssh") {
      const { ACCEPT_NEW_WARNING, maskSshKey } = await import("./config-N5WCILVE.js");
      maskSshKey(access.ssh, logger);
      if (access.ssh.hostKeyPolicy === "accept-new" && mode !== "plan") logger.warning(ACCEPT_NEW_WARNING);
      if (access.ssh.host.includes("{internal-ip}")) {
        const { withAddresses } = await import("./members-PBZ7535M.js");
        try {
          members = await withAddresses(client, members);
        } catch (err) {
          if (mode !== "plan") throw err;
          logger.warning(errorMessage(err));
        }
      }
    }
    const report = planReport(mode, config, lc, members, s?.snap, cp.plannedSteps);
    if (mode === "plan") {
      if (lc.etcd && s?.snap.metadata) {
        const id = await liveClusterId(lc, logger);
        const lineage = lineageOf(await readLineage(client), id);
        const snapId = s.snap.metadata.clusterId;
        report.facts.push([
          "Cluster id",
          `snapshot ${snapId}, live etcd ${id}${id === snapId ? "" : lineage.includes(snapId) ? ` (descends from ${snapId}: restored since)` : ": ANOTHER CLUSTER (run refuses unless allow-other-cluster)"}`
        ]);
      }
      return { outputs: { ...outputs, members: cp.membersInput(members) }, report };
    }
    let objects;
    const compareObjects = s?.file && lc.etcd ? async () => objects = await objectsMatch(() => countObjects(lc, s.file, logger)) : void 0;
    if (mode === "verify") {
      const checks = await logger.group(
        "verify",
        () => verifyCluster(
          client,
          {
            timeoutMs: lc.healthTimeoutMs,
            ...s?.revision !== void 0 ? { snapshotRevision: s.revision, bumpRevision: lc.bumpRevision } : {},
            ...compareObjects ? { objects: compareObjects } : {}
          },
          logger
        )
      );
      report.tables.push(verifyRows(checks));
      if (objects?.differing.length) report.tables.push(objectRows(objects.differing));
      const failed = checks.filter((c) => !c.ok);
      const result = { outputs: { ...outputs, verified: failed.length === 0 }, report };
      if (failed.length)
        throw new CapabilityFailure(
          `verify failed: ${failed.map((c) => `${c.name}: ${c.detail}`).join("; ")}`,
          result
        );
      return result;
    }
    if (!access) throw new ConfigurationError(`input 'restore-command' is required with mode ${mode}`);
    logger.info(
      `members, for a re-run or a rollback while the API server is down: ${cp.membersInput(members)}`
    );
    const nodes = new NodeSteps(access, lc.settings);
    const { MaintenanceLock } = await import("./lock-SXXOUBMH.js");
    const lock = lc.lock ? new MaintenanceLock(client, lc.lock) : void 0;
    let restoreId = "";
    let lineageBefore;
    const progress = new cp.Progress(members);
    try {
      if (lock) {
        try {
          await lock.acquire(logger);
        } catch (err) {
          if (!lc.members) throw err;
          logger.warning(
            `cannot take the maintenance lock (${errorMessage(err)}); continuing: the members input says the API may be down`
          );
        }
      }
      const values = {};
      if (mode === "run") {
        const snap = s;
        nodes.useSnapshot(snap.file, snap.fileSha);
        Object.assign(values, {
          KUBEKEEP_BUMP_REVISION: String(lc.bumpRevision),
          KUBEKEEP_INITIAL_CLUSTER: (await import("./members-PBZ7535M.js")).initialCluster(members)
        });
        await logger.group("send the snapshot to the members and check it there", async () => {
          for (const m of members) await nodes.copy(m, (l) => logger.info(l));
        });
        const checked = await logger.group(
          "check the members",
          () => cp.checkMembers(nodes, members, "check", values, logger)
        );
        const open = cp.unfinishedRestore(checked, snap.fileSha);
        if (open) {
          restoreId = open.id;
          logger.info(`continuing restore ${restoreId}, unfinished on the members (started ${open.started})`);
        } else {
          lineageBefore = await checkClusterId(lc, client, snap.snap, logger);
          restoreId = cp.newRestoreId();
          logger.info(`restore ${restoreId}: also the new cluster token`);
        }
        report.facts.push(["Restore id", restoreId]);
        outputs["restore-id"] = restoreId;
        await cp.runSteps(nodes, members, cp.RESTORE_STEPS, restoreId, values, progress, logger);
      } else {
        const checked = await logger.group(
          "check the members",
          () => cp.checkMembers(nodes, members, "check", {}, logger)
        );
        restoreId = cp.restoreToRollBack(checked, lc.restoreId);
        report.facts.push(["Rolling back", restoreId]);
        outputs["restore-id"] = restoreId;
        await cp.runSteps(nodes, members, cp.ROLLBACK_STEPS, restoreId, values, progress, logger);
      }
      report.tables.push({
        caption: "Members",
        header: ["member", "node", "state"],
        rows: members.map((m) => [m.name, m.node, progress.state(m)])
      });
      const checks = await logger.group(
        "verify",
        () => verifyCluster(
          client,
          {
            timeoutMs: lc.healthTimeoutMs,
            ...mode === "run" && s?.revision !== void 0 ? { snapshotRevision: s.revision, bumpRevision: lc.bumpRevision } : {},
            ...mode === "run" && compareObjects ? { objects: compareObjects } : {}
          },
          logger
        )
      );
      report.tables.push(verifyRows(checks));
      if (objects?.differing.length) report.tables.push(objectRows(objects.differing));
      if (mode === "run" && s && checks[0]?.ok)
        report.facts.push(["Lineage", await recordLineage(lc, client, s.snap, lineageBefore, logger)]);
      report.facts.push(["Duration", formatDuration(Date.now() - started)]);
      const failed = checks.filter((c) => !c.ok);
      const result = { outputs: { ...outputs, verified: failed.length === 0 }, report };
      if (failed.length)
        throw new CapabilityFailure(
          `${mode} done on every member, but verify failed: ${failed.map((c) => `${c.name}: ${c.detail}`).join("; ")}; to undo it: ${rollbackCommand(clusterName, restoreId, members, cp.membersInput)}`,
          result
        );
      return result;
    } catch (err) {
      if (err instanceof CapabilityFailure || !progress.touched()) throw err;
      const result = {
        outputs: { ...outputs, verified: false },
        report: failureReport(report, members, progress, {
          continueCommand: `kubekeep etcd-restore --mode run --confirm ${clusterName} --key ${s?.snap.key ?? "<key>"} --members '${cp.membersInput(members)}' (and the same other inputs)`,
          rollbackCommand: rollbackCommand(clusterName, restoreId, members, cp.membersInput)
        })
      };
      throw new CapabilityFailure(`${mode} failed: ${errorMessage(err)}`, result);
    } finally {
      nodes.close();
      await lock?.release(lc.healthTimeoutMs).catch((e) => logger.warning(`could not release the lock: ${errorMessage(e)}`));
    }
  });
}
function rollbackCommand(cluster, id, members, input) {
  return `kubekeep etcd-restore --mode rollback --confirm ${cluster}${id ? ` --restore-id ${id}` : ""} --members '${input(members)}' (and the same restore-command)`;
}
async function withLiveEtcd(lc, logger, fn) {
  const access = lc.etcd;
  if (!access) throw new Error("no etcd access");
  const { maskEtcdSecrets } = await import("./access-config-BC2GCCAL.js");
  const { withEtcd } = await import("./connect-5GUJF434.js");
  maskEtcdSecrets(logger, access);
  return withEtcd(access, logger, (conn) => fn(conn.client));
}
async function liveClusterId(lc, logger) {
  return withLiveEtcd(lc, logger, async (c) => (await c.status()).header.clusterId);
}
async function countObjects(lc, file, logger) {
  const { countLiveKeys, countSnapshotKeys } = await import("./key-counts-M5XMMZZP.js");
  const snapshot = countSnapshotKeys(file);
  const live2 = await withLiveEtcd(lc, logger, async (c) => (await countLiveKeys(c)).counts);
  return { snapshot, live: live2 };
}
async function checkClusterId(lc, client, snap, logger) {
  const { LINEAGE_ANNOTATION, lineageOf, readLineage } = await import("./lineage-ZF4BFDW2.js");
  const recorded = snap.metadata?.clusterId;
  let live2;
  let lineage = [];
  let why = "";
  try {
    live2 = lc.etcd ? await liveClusterId(lc, logger) : void 0;
    if (live2) lineage = lineageOf(await readLineage(client), live2);
  } catch (err) {
    why = errorMessage(err);
  }
  if (recorded && live2 && lineage.includes(recorded)) {
    logger.info(
      recorded === live2 ? `cluster id ${live2}: the snapshot is of this cluster's etcd` : `cluster id ${recorded}: the snapshot is of this cluster's etcd before a restore (the live etcd ${live2} descends from it, as recorded in kube-system's ${LINEAGE_ANNOTATION} annotation)`
    );
    return lineage;
  }
  const problem = !recorded ? `snapshot ${snap.key} records no etcd cluster id` : !live2 ? `the live etcd's cluster id cannot be read${why ? ` (${why})` : ""}` : `snapshot ${snap.key} is of etcd cluster ${recorded}, the live etcd is cluster ${live2}${lineage.length > 1 ? ` (descended from ${lineage.slice(1).join(", ")})` : ""}: a snapshot of another cluster`;
  if (lc.allowOtherCluster) {
    logger.warning(`${problem}; restoring anyway (allow-other-cluster)`);
    return void 0;
  }
  throw new OperationalError(
    `${problem}; nothing was stopped. Set allow-other-cluster: true to restore it anyway`
  );
}
async function recordLineage(lc, client, snap, before, logger) {
  const { LINEAGE_ANNOTATION, nextLineage, readLineage, writeLineage } = await import("./lineage-ZF4BFDW2.js");
  const snapshotId = snap.metadata?.clusterId;
  if (!snapshotId || !lc.etcd) return "not recorded: the snapshot records no cluster id";
  try {
    const newId = await liveClusterId(lc, logger);
    const restored = await readLineage(client);
    const lineage = nextLineage({
      newId,
      snapshotId,
      ...before ? { before } : {},
      ...restored ? { restored } : {}
    });
    await writeLineage(client, lineage);
    const line = `etcd cluster ${newId} descends from ${lineage.ancestors.join(", ")}`;
    logger.info(`lineage recorded in kube-system's ${LINEAGE_ANNOTATION} annotation: ${line}`);
    return line;
  } catch (err) {
    logger.warning(
      `could not record the new etcd cluster's lineage (${errorMessage(err)}): snapshots taken before this restore will need allow-other-cluster`
    );
    return `not recorded: ${errorMessage(err)}`;
  }
}
export {
  run
};
