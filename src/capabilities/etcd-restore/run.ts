/**
 * etcd-restore's run. mode download: the snapshot downloaded and verified to
 * a file, the restore printed or run here. Modes plan, run, verify, rollback:
 * the restore into the live control plane (recovery/), phase by phase.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import type { Result, RunContext } from "../../config/capability.ts";
import { CapabilityFailure } from "../../config/capability.ts";
import { ConfigurationError, errorMessage, OperationalError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { formatBytes, formatDuration } from "../../core/units.ts";
import { resolveKey, type StoredSnapshot } from "../../etcd/catalog.ts";
import { downloadSnapshot, etcdutlArgs, kubeadmRestoreCommands, runEtcdutl } from "../../etcd/restore.ts";
import { newReport, type Report } from "../../report/report.ts";
import { withStore } from "../../storage/with-store.ts";
import type { LiveRestoreConfig, RestoreConfig } from "./config.ts";
import type { KubeClient } from "../../cluster/client.ts";
import type { EtcdClient } from "../../etcd/client.ts";
import type { ObjectsCheck } from "../../recovery/objects.ts";
import { failureReport, objectRows, planReport, verifyRows } from "./report.ts";

export function run(config: RestoreConfig, ctx: RunContext): Promise<Result> {
  return config.live ? live(config, config.live, ctx) : download(config, ctx);
}

function download(config: RestoreConfig, { logger }: RunContext): Promise<Result> {
  const started = Date.now();
  return withStore(config.storage, logger, async (store) => {
    const snap = await resolveKey(store, config.storage, config.key, logger);
    const { file, verified: v } = await downloadSnapshot(store, config.storage, snap, config.output, logger);
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
        logger.info(await runEtcdutl(config.etcdutl, etcdutlArgs(config, file), config.etcdutlTimeoutMs));
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
  });
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = crypto.createHash("sha256");
    fs.createReadStream(file)
      .on("data", (c) => h.update(c))
      .on("error", reject)
      .on("end", () => resolve(h.digest("hex")));
  });
}

/** The snapshot (and for run and verify, its verified file): not needed by rollback. */
async function snapshotFor(
  config: RestoreConfig,
  logger: Logger,
): Promise<{ snap: StoredSnapshot; file?: string; fileSha?: string; revision?: number } | undefined> {
  const mode = config.mode;
  if (mode === "rollback") return undefined;
  return withStore(config.storage, logger, async (store) => {
    const snap = await resolveKey(store, config.storage, config.key, logger);
    if (mode === "plan") return { snap, ...(snap.metadata ? { revision: snap.metadata.revision } : {}) };
    // run and verify: the file, whose keys verify compares with the live etcd's.
    const { file, verified } = await downloadSnapshot(store, config.storage, snap, config.output, logger);
    return { snap, file, fileSha: await sha256File(file), revision: verified.revision };
  });
}

async function live(config: RestoreConfig, lc: LiveRestoreConfig, { logger }: RunContext): Promise<Result> {
  const started = Date.now();
  const { discoverMembers } = await import("../../recovery/members.ts");
  const cp = await import("../../recovery/control-plane-restore.ts");
  const { NodeSteps } = await import("../../recovery/node-steps.ts");
  const { verifyCluster } = await import("../../recovery/verify.ts");
  const { objectsMatch } = await import("../../recovery/objects.ts");
  const { lineageOf, readLineage } = await import("../../recovery/lineage.ts");
  const { withCluster } = await import("../../cluster/connect.ts");
  const mode = config.mode;
  const clusterName = config.storage.clusterName;
  const s = await snapshotFor(config, logger);
  const outputs: Record<string, string | number | boolean> = { key: s?.snap.key ?? "", mode };

  return withCluster(lc.cluster, logger, async (client) => {
    let members = lc.members;
    if (!members) {
      try {
        members = await discoverMembers(client);
      } catch (err) {
        throw new OperationalError(
          `cannot read the etcd members from the cluster (${errorMessage(err)}); if the API server is down because a restore stopped etcd, give the members input (printed by plan, at the start of a run and by a failed one)`,
        );
      }
    }
    const access = lc.access;
    if (access?.kind === "ssh") {
      const { ACCEPT_NEW_WARNING, maskSshKey } = await import("../../nodes/config.ts");
      maskSshKey(access.ssh, logger);
      if (access.ssh.hostKeyPolicy === "accept-new" && mode !== "plan") logger.warning(ACCEPT_NEW_WARNING);
      // ssh-host's {internal-ip}: read now, while the API answers (a restore stops it), and carried in the members value.
      if (access.ssh.host.includes("{internal-ip}")) {
        const { withAddresses } = await import("../../recovery/members.ts");
        try {
          members = await withAddresses(client, members);
        } catch (err) {
          if (mode !== "plan") throw err;
          logger.warning(errorMessage(err));
        }
      }
    }
    const report: Report = planReport(mode, config, lc, members, s?.snap, cp.plannedSteps);
    if (mode === "plan") {
      if (lc.etcd && s?.snap.metadata) {
        const id = await liveClusterId(lc, logger);
        const lineage = lineageOf(await readLineage(client), id);
        const snapId = s.snap.metadata.clusterId;
        report.facts.push([
          "Cluster id",
          `snapshot ${snapId}, live etcd ${id}${id === snapId ? "" : lineage.includes(snapId) ? ` (descends from ${snapId}: restored since)` : ": ANOTHER CLUSTER (run refuses unless allow-other-cluster)"}`,
        ]);
      }
      return { outputs: { ...outputs, members: cp.membersInput(members) }, report };
    }
    // The objects compared with the snapshot's (run and verify); the kinds that differ go into the report.
    let objects: ObjectsCheck | undefined;
    const compareObjects =
      s?.file && lc.etcd
        ? async () => (objects = await objectsMatch(() => countObjects(lc, s.file as string, logger)))
        : undefined;
    if (mode === "verify") {
      const checks = await logger.group("verify", () =>
        verifyCluster(
          client,
          {
            timeoutMs: lc.healthTimeoutMs,
            ...(s?.revision !== undefined
              ? { snapshotRevision: s.revision, bumpRevision: lc.bumpRevision }
              : {}),
            ...(compareObjects ? { objects: compareObjects } : {}),
          },
          logger,
        ),
      );
      report.tables.push(verifyRows(checks));
      if (objects?.differing.length) report.tables.push(objectRows(objects.differing));
      const failed = checks.filter((c) => !c.ok);
      const result = { outputs: { ...outputs, verified: failed.length === 0 }, report };
      if (failed.length)
        throw new CapabilityFailure(
          `verify failed: ${failed.map((c) => `${c.name}: ${c.detail}`).join("; ")}`,
          result,
        );
      return result;
    }

    // run and rollback: from here the nodes are touched.
    if (!access) throw new ConfigurationError(`input 'restore-command' is required with mode ${mode}`);
    // Printed before anything stops: a run killed while etcd is down (no API to read the members and their
    // addresses from) is continued or rolled back with this value.
    logger.info(
      `members, for a re-run or a rollback while the API server is down: ${cp.membersInput(members)}`,
    );
    const nodes = new NodeSteps(access, lc.settings);
    const { MaintenanceLock } = await import("../../nodes/lock.ts");
    const lock = lc.lock ? new MaintenanceLock(client, lc.lock) : undefined;
    let restoreId = "";
    // run: the live cluster's lineage read before anything stopped (unknown when continuing a restore).
    let lineageBefore: string[] | undefined;
    const progress = new cp.Progress(members);
    try {
      if (lock) {
        try {
          await lock.acquire(logger);
        } catch (err) {
          // With the API down (an earlier restore stopped etcd) the Lease cannot be read: carry on only to continue that restore.
          if (!lc.members) throw err;
          logger.warning(
            `cannot take the maintenance lock (${errorMessage(err)}); continuing: the members input says the API may be down`,
          );
        }
      }
      const values: Record<string, string> = {};
      if (mode === "run") {
        const snap = s as { snap: StoredSnapshot; file: string; fileSha: string; revision: number };
        nodes.useSnapshot(snap.file, snap.fileSha);
        Object.assign(values, {
          KUBEKEEP_BUMP_REVISION: String(lc.bumpRevision),
          KUBEKEEP_INITIAL_CLUSTER: (await import("../../recovery/members.ts")).initialCluster(members),
        });
        await logger.group("send the snapshot to the members and check it there", async () => {
          for (const m of members) await nodes.copy(m, (l) => logger.info(l));
        });
        const checked = await logger.group("check the members", () =>
          cp.checkMembers(nodes, members, "check", values, logger),
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
        const checked = await logger.group("check the members", () =>
          cp.checkMembers(nodes, members, "check", {}, logger),
        );
        restoreId = cp.restoreToRollBack(checked, lc.restoreId);
        report.facts.push(["Rolling back", restoreId]);
        outputs["restore-id"] = restoreId;
        await cp.runSteps(nodes, members, cp.ROLLBACK_STEPS, restoreId, values, progress, logger);
      }
      report.tables.push({
        caption: "Members",
        header: ["member", "node", "state"],
        rows: members.map((m) => [m.name, m.node, progress.state(m)]),
      });
      const checks = await logger.group("verify", () =>
        verifyCluster(
          client,
          {
            timeoutMs: lc.healthTimeoutMs,
            ...(mode === "run" && s?.revision !== undefined
              ? { snapshotRevision: s.revision, bumpRevision: lc.bumpRevision }
              : {}),
            ...(mode === "run" && compareObjects ? { objects: compareObjects } : {}),
          },
          logger,
        ),
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
          result,
        );
      return result;
    } catch (err) {
      // Nothing stopped yet: the error says it all.
      if (err instanceof CapabilityFailure || !progress.touched()) throw err;
      const result = {
        outputs: { ...outputs, verified: false },
        report: failureReport(report, members, progress, {
          continueCommand: `kubekeep etcd-restore --mode run --confirm ${clusterName} --key ${s?.snap.key ?? "<key>"} --members '${cp.membersInput(members)}' (and the same other inputs)`,
          rollbackCommand: rollbackCommand(clusterName, restoreId, members, cp.membersInput),
        }),
      };
      throw new CapabilityFailure(`${mode} failed: ${errorMessage(err)}`, result);
    } finally {
      nodes.close();
      await lock
        ?.release(lc.healthTimeoutMs)
        .catch((e: unknown) => logger.warning(`could not release the lock: ${errorMessage(e)}`));
    }
  });
}

function rollbackCommand(
  cluster: string,
  id: string,
  members: unknown[],
  input: (m: never[]) => string,
): string {
  return `kubekeep etcd-restore --mode rollback --confirm ${cluster}${id ? ` --restore-id ${id}` : ""} --members '${input(members as never[])}' (and the same restore-command)`;
}

/** `fn` with a client of the live etcd (etcd-endpoint, or a port-forward to its pod). */
async function withLiveEtcd<T>(
  lc: LiveRestoreConfig,
  logger: Logger,
  fn: (client: EtcdClient) => Promise<T>,
): Promise<T> {
  const access = lc.etcd;
  if (!access) throw new Error("no etcd access");
  const { maskEtcdSecrets } = await import("../../etcd/access-config.ts");
  const { withEtcd } = await import("../../etcd/connect.ts");
  maskEtcdSecrets(logger, access);
  return withEtcd(access, logger, (conn) => fn(conn.client));
}

async function liveClusterId(lc: LiveRestoreConfig, logger: Logger): Promise<string> {
  return withLiveEtcd(lc, logger, async (c) => (await c.status()).header.clusterId);
}

/** The keys per resource in the snapshot file and in the live etcd. */
async function countObjects(lc: LiveRestoreConfig, file: string, logger: Logger) {
  const { countLiveKeys, countSnapshotKeys } = await import("../../etcd/key-counts.ts");
  const snapshot = countSnapshotKeys(file);
  const live = await withLiveEtcd(lc, logger, async (c) => (await countLiveKeys(c)).counts);
  return { snapshot, live };
}

/**
 * Refuses a snapshot of another etcd cluster (or an unreadable live one)
 * unless allow-other-cluster. The snapshot is this cluster's when it records
 * the live etcd's cluster id or one the live cluster descends from (restored
 * since: recovery/lineage.ts). Returns that lineage, for the record written
 * after the restore (none when the override let another cluster's through).
 */
async function checkClusterId(
  lc: LiveRestoreConfig,
  client: KubeClient,
  snap: StoredSnapshot,
  logger: Logger,
): Promise<string[] | undefined> {
  const { LINEAGE_ANNOTATION, lineageOf, readLineage } = await import("../../recovery/lineage.ts");
  const recorded = snap.metadata?.clusterId;
  let live: string | undefined;
  let lineage: string[] = [];
  let why = "";
  try {
    live = lc.etcd ? await liveClusterId(lc, logger) : undefined;
    if (live) lineage = lineageOf(await readLineage(client), live);
  } catch (err) {
    why = errorMessage(err);
  }
  if (recorded && live && lineage.includes(recorded)) {
    logger.info(
      recorded === live
        ? `cluster id ${live}: the snapshot is of this cluster's etcd`
        : `cluster id ${recorded}: the snapshot is of this cluster's etcd before a restore (the live etcd ${live} descends from it, as recorded in kube-system's ${LINEAGE_ANNOTATION} annotation)`,
    );
    return lineage;
  }
  const problem = !recorded
    ? `snapshot ${snap.key} records no etcd cluster id`
    : !live
      ? `the live etcd's cluster id cannot be read${why ? ` (${why})` : ""}`
      : `snapshot ${snap.key} is of etcd cluster ${recorded}, the live etcd is cluster ${live}${lineage.length > 1 ? ` (descended from ${lineage.slice(1).join(", ")})` : ""}: a snapshot of another cluster`;
  if (lc.allowOtherCluster) {
    logger.warning(`${problem}; restoring anyway (allow-other-cluster)`);
    return undefined;
  }
  throw new OperationalError(
    `${problem}; nothing was stopped. Set allow-other-cluster: true to restore it anyway`,
  );
}

/**
 * After a restore: the new etcd cluster id and what it descends from, written
 * into the restored cluster (recovery/lineage.ts), so that earlier snapshots
 * of this cluster are still taken as its own. A failure only warns: the
 * restore is done; those snapshots then need allow-other-cluster.
 */
async function recordLineage(
  lc: LiveRestoreConfig,
  client: KubeClient,
  snap: StoredSnapshot,
  before: string[] | undefined,
  logger: Logger,
): Promise<string> {
  const { LINEAGE_ANNOTATION, nextLineage, readLineage, writeLineage } =
    await import("../../recovery/lineage.ts");
  const snapshotId = snap.metadata?.clusterId;
  if (!snapshotId || !lc.etcd) return "not recorded: the snapshot records no cluster id";
  try {
    const newId = await liveClusterId(lc, logger);
    const restored = await readLineage(client);
    const lineage = nextLineage({
      newId,
      snapshotId,
      ...(before ? { before } : {}),
      ...(restored ? { restored } : {}),
    });
    await writeLineage(client, lineage);
    const line = `etcd cluster ${newId} descends from ${lineage.ancestors.join(", ")}`;
    logger.info(`lineage recorded in kube-system's ${LINEAGE_ANNOTATION} annotation: ${line}`);
    return line;
  } catch (err) {
    logger.warning(
      `could not record the new etcd cluster's lineage (${errorMessage(err)}): snapshots taken before this restore will need allow-other-cluster`,
    );
    return `not recorded: ${errorMessage(err)}`;
  }
}
