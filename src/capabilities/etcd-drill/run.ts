/**
 * etcd-drill's run, phase by phase: download and verify the snapshot (as
 * etcd-restore does), choose the versions and get the binaries, restore it
 * with etcdutl into a throwaway data dir and serve it with a throwaway etcd
 * and kube-apiserver, check HashKV, then count every kind and compare with
 * the live cluster or an export tree. Everything started is bounded by a
 * deadline and removed at the end, pass or fail.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KubeClient } from "../../cluster/client.ts";
import { connect } from "../../cluster/connect.ts";
import { CapabilityFailure, type Result, type RunContext } from "../../config/capability.ts";
import { releaseVersion } from "../../core/binaries/releases.ts";
import { ConfigurationError, errorMessage, OperationalError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { formatDuration } from "../../core/units.ts";
import { resolveKey, verifyStored, type StoredSnapshot } from "../../etcd/catalog.ts";
import { drillBinaries, releaseOf, type DrillBinaries } from "../../etcd/drill/binaries.ts";
import { compareCounts, kindIgnorer } from "../../etcd/drill/compare.ts";
import type { KindCount } from "../../etcd/drill/count.ts";
import {
  cleanup,
  memberPorts,
  namespaceUid,
  restoreSnapshot,
  serveRestored,
  type RestoredCluster,
  type Workspace,
} from "../../etcd/drill/restored-cluster.ts";
import { etcdGateway } from "../../etcd/drill/throwaway.ts";
import { newDrillRecord, writeDrillRecord } from "../../etcd/drill-record.ts";
import type { SnapshotStore } from "../../storage/s3.ts";
import { withStore } from "../../storage/with-store.ts";
import type { DrillConfig } from "./config.ts";
import { drillResult, type DrillOutcome } from "./report.ts";

/** What every phase reads and records into. */
interface Drill {
  config: DrillConfig;
  logger: Logger;
  signal?: AbortSignal;
  outcome: DrillOutcome;
  work: Workspace;
  /** The live cluster, when it is the reference or gives the version. */
  live?: KubeClient;
}

export function run(config: DrillConfig, { logger, signal }: RunContext): Promise<Result> {
  // The keys in an EncryptionConfiguration (`secret: <base64>`) never reach a log.
  for (const m of (config.encryptionConfig ?? "").matchAll(/secret:\s*["']?([^\s"']{8,})/g))
    if (m[1]) logger.setSecret(m[1]);
  return withStore(config.storage, logger, (store) => drill(store, config, logger, signal));
}

async function drill(
  store: SnapshotStore,
  config: DrillConfig,
  logger: Logger,
  signal: AbortSignal | undefined,
): Promise<Result> {
  const d: Drill = {
    config,
    logger,
    ...(signal ? { signal } : {}),
    outcome: {
      snapshot: "",
      reference: config.compareWith === "live" ? "the live cluster" : `the export at ${config.exportPath}`,
      tolerance: config.tolerance,
      ignoreKinds: config.ignoreKinds,
      notChecked: [],
    },
    // The runner's temporary folder on GitHub (cleaned after every job), else the system's.
    work: {
      dir: fs.mkdtempSync(path.join(process.env.RUNNER_TEMP || os.tmpdir(), "kubekeep-drill-")),
      servers: [],
      clients: [],
    },
  };
  try {
    if (config.compareWith === "live" || !config.kubernetesVersion) {
      const c = await connect(config.cluster, logger);
      d.work.clients.push(c.cleanup);
      d.live = c.client;
    }
    const { snap, file, revision } = await downloadSnapshot(d, store);
    const bins = await binaries(d, snap);
    const restored = await restoreAndServe(d, bins, file, revision);
    await checkHashKV(d, snap, restored);
    await compare(d, restored.client);
    const result = drillResult(d.outcome);
    await recordResult(d, store, true);
    logger.info(
      `drill passed: ${result.outputs.objects} objects restored, counts agree with ${d.outcome.reference}`,
    );
    return result;
  } catch (err) {
    if (err instanceof ConfigurationError) throw err;
    d.outcome.failure = errorMessage(err);
    await recordResult(d, store, false);
    throw new CapabilityFailure(`etcd drill failed: ${d.outcome.failure}`, drillResult(d.outcome));
  } finally {
    const warning = await cleanup(d.work);
    if (warning) logger.warning(warning);
  }
}

/**
 * The result, pass or fail, next to the snapshots (etcd/drill-record.ts), for
 * fleet-report. Failing to record it is told, not fatal: the report then
 * sees an older drill.
 */
async function recordResult(d: Drill, store: SnapshotStore, passed: boolean): Promise<void> {
  const { storage } = d.config;
  const key = d.outcome.snapshot.replace(/^s3:\/\/[^/]+\//, "");
  try {
    await writeDrillRecord(
      store,
      storage.s3.prefix,
      newDrillRecord(storage.clusterName, passed, key, d.outcome.failure ?? ""),
    );
    d.logger.info(`drill result recorded under ${storage.s3.prefix}${storage.clusterName}/drills/`);
  } catch (err) {
    d.logger.warning(`could not record the drill's result in the bucket: ${errorMessage(err)}`);
  }
}

/** Phase 1: the snapshot (the newest, or the key given), downloaded into the workspace and verified. */
async function downloadSnapshot(
  d: Drill,
  store: SnapshotStore,
): Promise<{ snap: StoredSnapshot; file: string; revision: number }> {
  const { config, logger, outcome } = d;
  const snap = await resolveKey(store, config.storage, config.key, logger);
  outcome.snapshot = `s3://${config.storage.s3.bucket}/${snap.key}`;
  const file = path.join(d.work.dir, "snapshot.db");
  const t0 = Date.now();
  const v = await logger.group(`download and verify ${snap.key}`, async () => {
    // Opened now, not lazily: a check that fails before any byte is written
    // (size, ETag) must not leave a stream opening a file in a folder the
    // cleanup is about to remove.
    const out = fs.createWriteStream(file, { fd: fs.openSync(file, "w", 0o600) });
    try {
      return await verifyStored(store, config.storage, snap, logger, out);
    } catch (err) {
      out.destroy();
      throw err;
    }
  });
  outcome.downloadMs = Date.now() - t0;
  outcome.revision = v.revision;
  outcome.dbSize = v.dbSize;
  return { snap, file, revision: v.revision };
}

/** Phase 2: the versions of the throwaway servers, and their binaries (as given, or fetched and verified). */
async function binaries(d: Drill, snap: StoredSnapshot): Promise<DrillBinaries> {
  const { config, logger, outcome } = d;
  const kubernetesVersion =
    config.kubernetesVersion ?? releaseOf((await (d.live as KubeClient).serverVersion()).gitVersion);
  const recordedEtcd = snap.metadata?.etcdVersion;
  // The sidecar is the bucket's word, not the user's: checked before it
  // becomes part of a download URL or a cache path.
  const etcdVersion =
    config.etcdVersion ??
    (recordedEtcd
      ? releaseVersion(recordedEtcd, `the etcd version recorded in ${snap.key}'s metadata`)
      : undefined);
  if (!etcdVersion && !config.binariesDir)
    throw new ConfigurationError(
      `input 'etcd-version': ${snap.key} has no metadata recording its etcd version; give etcd-version (e.g. v3.6.16) or binaries-dir`,
    );
  outcome.kubernetesVersion = kubernetesVersion;
  outcome.etcdVersion = etcdVersion ?? "(from binaries-dir)";
  return logger.group("binaries", async () => {
    const got = await drillBinaries(
      config,
      { kubernetes: kubernetesVersion, ...(etcdVersion ? { etcd: etcdVersion } : {}) },
      logger,
      d.signal,
    );
    outcome.binaries = got.how;
    return got.binaries;
  });
}

/** Phase 3: etcdutl restores the snapshot; a throwaway etcd and kube-apiserver serve it. */
async function restoreAndServe(
  d: Drill,
  bins: DrillBinaries,
  file: string,
  revision: number,
): Promise<RestoredCluster> {
  const { config, logger, outcome } = d;
  // Every server lives at most as long as all the phases' bounds together.
  const lifetimeMs = 2 * config.startTimeoutMs + 2 * config.listTimeoutMs + 60_000;
  const ports = await memberPorts();
  const dataDir = path.join(d.work.dir, "data");
  await logger.group("etcdutl snapshot restore", async () => {
    const t = Date.now();
    await restoreSnapshot(bins.etcdutl, file, dataDir, ports, config.etcdutlTimeoutMs, d.signal);
    outcome.restoreMs = Date.now() - t;
    logger.info(`restored revision ${revision} in ${formatDuration(outcome.restoreMs)}`);
  });
  fs.rmSync(file, { force: true });
  const restored = await logger.group("throwaway etcd and kube-apiserver", () =>
    serveRestored(d.work, {
      binaries: bins,
      dataDir,
      ports,
      etcdPrefix: config.etcdPrefix,
      serviceClusterIpRange: config.serviceClusterIpRange,
      ...(config.encryptionConfig ? { encryptionConfig: config.encryptionConfig } : {}),
      startTimeoutMs: config.startTimeoutMs,
      lifetimeMs,
      ...(config.cluster.stallTimeoutMs !== undefined
        ? { stallTimeoutMs: config.cluster.stallTimeoutMs }
        : {}),
      ...(d.signal ? { signal: d.signal } : {}),
    }),
  );
  outcome.firstListMs = restored.firstListMs;
  logger.info(
    `the restored apiserver answered its first list ${formatDuration(outcome.firstListMs)} after etcd started`,
  );
  return restored;
}

/**
 * Phase 4: HashKV of the recorded revision, against the live member's when
 * the snapshot was taken. After the first list, so hashing the whole history
 * does not count in its time; the apiserver's writes since are newer than the
 * revision hashed.
 */
async function checkHashKV(d: Drill, snap: StoredSnapshot, restored: RestoredCluster): Promise<void> {
  const recorded = snap.metadata?.hashKV;
  if (!recorded) {
    d.outcome.notChecked.push(
      "HashKV: the snapshot's metadata records no HashKV of the live member (snapshots taken with verify-hashkv: true record one)",
    );
    return;
  }
  const got = await etcdGateway<{ hash?: number | string }>(restored.etcdEndpoint, "/v3/maintenance/hashkv", {
    revision: recorded.revision,
  });
  const hash = Number(got.hash ?? 0);
  if (hash !== recorded.hash) {
    d.outcome.hashKV = `mismatch: the restored member hashes revision ${recorded.revision} to ${hash}, the live member hashed it to ${recorded.hash} when the snapshot was taken`;
    throw new OperationalError(`HashKV ${d.outcome.hashKV}`);
  }
  d.outcome.hashKV = `match: the restored member hashes revision ${recorded.revision} to ${hash}, as the live member did when the snapshot was taken`;
}

/** Phase 5: every kind counted on the restored apiserver and on the reference, and compared. */
async function compare(d: Drill, restoredClient: KubeClient): Promise<void> {
  const { config, logger, outcome } = d;
  // Loaded here: discovery and the YAML parser are not needed to start.
  const { countCluster, countExport } = await import("../../etcd/drill/count.ts");
  const t1 = Date.now();
  const restored = await logger.group("count objects per kind (restored)", () =>
    timed(
      config.listTimeoutMs,
      "listing the restored apiserver",
      (s) => countCluster(restoredClient, { signal: s }),
      d.signal,
    ),
  );
  outcome.listMs = Date.now() - t1;

  const restoredUid = (await namespaceUid(restoredClient, "kube-system")).uid;
  if (!restoredUid)
    throw new OperationalError(
      `the restored data holds no kube-system namespace: not a Kubernetes cluster's etcd, or its objects are not under etcd-prefix ${config.etcdPrefix}`,
    );
  let reference: Map<string, KindCount>;
  let notListed: Map<string, string> | undefined;
  if (config.compareWith === "live") {
    const client = d.live as KubeClient;
    const { uid: liveUid, error } = await namespaceUid(client, "kube-system");
    if (liveUid && liveUid !== restoredUid) {
      outcome.identity = `DIFFERENT: the snapshot's kube-system namespace has UID ${restoredUid}, the live cluster's ${liveUid}`;
      throw new OperationalError(
        `the snapshot is of another cluster: its kube-system namespace has UID ${restoredUid}, the live cluster's has ${liveUid} (check cluster-name and s3-prefix, or the kubeconfig)`,
      );
    }
    outcome.identity = liveUid
      ? `same cluster (kube-system namespace UID ${restoredUid})`
      : `not checked: the live kube-system namespace could not be read (${error ?? "it has no UID"})`;
    const counted = await logger.group("count objects per kind (live)", () =>
      timed(
        config.listTimeoutMs,
        "listing the live cluster",
        (s) => countCluster(client, { signal: s }),
        d.signal,
      ),
    );
    reference = counted.kinds;
  } else {
    const e = countExport(config.exportPath as string);
    reference = e.kinds;
    notListed = e.notListed;
    outcome.notChecked.push(
      "cluster identity: an export keeps no UIDs; compare with the live cluster to check the snapshot is this cluster's",
    );
  }
  const comparison = compareCounts(restored.kinds, reference, {
    tolerance: config.tolerance,
    ignored: kindIgnorer(config.ignoreKinds),
    referenceName: outcome.reference,
    ...(notListed ? { referenceNotListed: notListed } : {}),
    restoredFailedGroups: restored.failedGroups,
    encryptionConfigGiven: config.encryptionConfig !== undefined,
  });
  outcome.comparison = comparison;
  if (comparison.encryptedUnchecked.length)
    outcome.notChecked.push(
      `${comparison.encryptedUnchecked.join(", ")}: encrypted at rest and unreadable without the cluster's EncryptionConfiguration (give encryption-config to check them)`,
    );
  else if (!config.encryptionConfig)
    outcome.notChecked.push(
      "encryption at rest: no encryption-config was given and every kind was readable, so nothing here was encrypted (or its provider is identity)",
    );
  if (comparison.failures.length)
    throw new OperationalError(
      `${comparison.failures.length} kind(s) differ beyond the tolerance (${comparison.failures.slice(0, 5).join("; ")}${comparison.failures.length > 5 ? "; ..." : ""})`,
    );
}

/** `fn` with a signal that also aborts after `ms`; past it, the error names the list-timeout. */
async function timed<T>(
  ms: number,
  what: string,
  fn: (signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const s = signal ? AbortSignal.any([signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms);
  try {
    return await fn(s);
  } catch (err) {
    if (s.aborted && !signal?.aborted)
      throw new OperationalError(`${what} did not finish within ${formatDuration(ms)} (list-timeout)`);
    throw err;
  }
}
