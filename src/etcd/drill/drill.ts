/**
 * `etcd drill`: proves a stored snapshot restores. Downloads and verifies it
 * (as etcd-restore does), restores it with etcdutl into a throwaway data dir,
 * starts a throwaway etcd and kube-apiserver on it, lists every kind, and
 * compares the counts with the live cluster or an export tree. Everything it
 * starts is bounded by a deadline and removed at the end, pass or fail.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { KubeClient } from "../../cluster/client.ts";
import { connect } from "../../cluster/connect.ts";
import { CapabilityFailure, defineCapability, type RunContext } from "../../config/capability.ts";
import { ConfigurationError, errorMessage, OperationalError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { describeEnd, lastLines, runProcess } from "../../core/process.ts";
import { sleep } from "../../core/sleep.ts";
import { formatDuration } from "../../core/units.ts";
import { createPki } from "../../core/pki.ts";
import { SnapshotStore } from "../../storage/s3.ts";
import { resolveKey, verifyStored, type StoredSnapshot } from "../catalog.ts";
import { maskStorageSecrets } from "../../storage/config.ts";
import { compareCounts, kindIgnorer } from "./compare.ts";
import { parseDrillConfig, drillInputs, type DrillConfig } from "./config.ts";
import type { KindCount } from "./count.ts";
import { binariesFromDir, defaultCacheDir, fetchBinaries, type DrillBinaries } from "./fetch-binaries.ts";
import { drillReport, type DrillOutcome } from "./report.ts";
import {
  etcdGateway,
  etcdPorts,
  MEMBER_NAME,
  peerUrl,
  startApiserver,
  startEtcd,
  type Server,
} from "./throwaway.ts";

/** "v1.35.4+k3s1" -> "v1.35.4": the upstream release a distribution's build is based on. */
export function releaseOf(gitVersion: string): string {
  return gitVersion.replace(/\+.*$/, "");
}

interface Phase {
  dir: string;
  servers: Server[];
  clients: (() => void)[];
}

async function cleanup(p: Phase, logger: Logger): Promise<void> {
  for (const c of p.clients) c();
  // The apiserver before etcd, so it does not spend its last moments retrying a dead etcd.
  for (const s of [...p.servers].reverse()) await s.stop();
  try {
    fs.rmSync(p.dir, { recursive: true, force: true });
  } catch (err) {
    logger.warning(`could not remove the drill's temporary folder ${p.dir}: ${errorMessage(err)}`);
  }
}

/** The line of a Go program's output that says what went wrong (a panic, an Error:), else its last lines. */
export function reasonOf(output: string): string {
  const lines = output.split("\n").map((l) => l.trim());
  const hit = lines.find((l) => /^panic:|^Error:|"level":"(fatal|panic|error)"/.test(l));
  return hit ? hit.slice(0, 500) : lastLines(output, 6);
}

async function restore(
  etcdutl: string,
  file: string,
  dataDir: string,
  peer: string,
  config: DrillConfig,
  signal?: AbortSignal,
): Promise<void> {
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
    res = await runProcess(etcdutl, args, {
      timeoutMs: config.etcdutlTimeoutMs,
      ...(signal ? { signal } : {}),
    });
  } catch (err) {
    throw new OperationalError(`cannot run ${etcdutl} (${errorMessage(err)})`);
  }
  if (res.code !== 0 || res.timedOut || res.aborted)
    throw new OperationalError(
      `the snapshot does not restore: etcdutl snapshot restore ${describeEnd(res, config.etcdutlTimeoutMs)}: ${reasonOf(res.output)}`,
    );
}

async function namespaceUid(client: KubeClient, name: string): Promise<string | undefined> {
  try {
    return (await client.get<{ metadata?: { uid?: string } }>(`/api/v1/namespaces/${name}`)).metadata?.uid;
  } catch {
    return undefined;
  }
}

/** Polls a list until the restored apiserver answers one (its caches fill after /readyz). */
async function firstList(client: KubeClient, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    if (signal?.aborted) throw new OperationalError("cancelled while waiting for the first list");
    try {
      await client.get("/api/v1/namespaces", { limit: 1 });
      return;
    } catch (err) {
      last = errorMessage(err);
    }
    if (Date.now() > deadline)
      throw new OperationalError(
        `the restored kube-apiserver answered no list within ${formatDuration(timeoutMs)} (last: ${last})`,
      );
    await sleep(200);
  }
}

function withDeadline(ms: number, signal?: AbortSignal): AbortSignal {
  return signal ? AbortSignal.any([signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms);
}

async function timed<T>(
  ms: number,
  what: string,
  fn: (signal: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  const s = withDeadline(ms, signal);
  try {
    return await fn(s);
  } catch (err) {
    if (s.aborted && !signal?.aborted)
      throw new OperationalError(`${what} did not finish within ${formatDuration(ms)} (list-timeout)`);
    throw err;
  }
}

export async function runDrill(config: DrillConfig, { logger, signal }: RunContext) {
  maskStorageSecrets(logger, config.storage);
  // The keys in an EncryptionConfiguration (`secret: <base64>`) never reach a log.
  for (const m of (config.encryptionConfig ?? "").matchAll(/secret:\s*["']?([^\s"']{8,})/g))
    if (m[1]) logger.setSecret(m[1]);
  const phase: Phase = {
    // The runner's temporary folder on GitHub (cleaned after every job), else the system's.
    dir: fs.mkdtempSync(path.join(process.env.RUNNER_TEMP || os.tmpdir(), "kubekeep-drill-")),
    servers: [],
    clients: [],
  };
  const outcome: DrillOutcome = {
    snapshot: "",
    reference: config.compareWith === "live" ? "the live cluster" : `the export at ${config.exportPath}`,
    tolerance: config.tolerance,
    ignoreKinds: config.ignoreKinds,
    notChecked: [],
  };
  const outputs = () => ({
    key: outcome.snapshot.replace(/^s3:\/\/[^/]+\//, ""),
    passed: outcome.failure === undefined,
    "restore-seconds": outcome.restoreMs !== undefined ? Math.round(outcome.restoreMs / 100) / 10 : "",
    "first-list-seconds": outcome.firstListMs !== undefined ? Math.round(outcome.firstListMs / 100) / 10 : "",
    objects: outcome.comparison?.rows.reduce((n, r) => n + (r.restored ?? 0), 0) ?? 0,
    differences: outcome.comparison?.failures.length ?? 0,
    hashkv: outcome.hashKV?.split(":")[0] ?? "",
  });
  const store = await SnapshotStore.open(config.storage.s3);
  phase.clients.push(() => store.close());
  try {
    let live: KubeClient | undefined;
    if (config.compareWith === "live" || !config.kubernetesVersion) {
      const c = await connect(config.cluster, logger);
      phase.clients.push(c.cleanup);
      live = c.client;
    }

    const snap: StoredSnapshot = await resolveKey(store, config.storage, config.key, logger);
    outcome.snapshot = `s3://${config.storage.s3.bucket}/${snap.key}`;
    const file = path.join(phase.dir, "snapshot.db");
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

    const kubernetesVersion =
      config.kubernetesVersion ?? releaseOf((await (live as KubeClient).serverVersion()).gitVersion);
    const recordedEtcd = snap.metadata?.etcdVersion;
    const etcdVersion =
      config.etcdVersion ?? (recordedEtcd ? `v${recordedEtcd.replace(/^v/, "")}` : undefined);
    if (!etcdVersion && !config.binariesDir)
      throw new ConfigurationError(
        `input 'etcd-version': ${snap.key} has no metadata recording its etcd version; give etcd-version (e.g. v3.6.16) or binaries-dir`,
      );
    outcome.kubernetesVersion = kubernetesVersion;
    outcome.etcdVersion = etcdVersion ?? "(from binaries-dir)";

    const bins: DrillBinaries = await logger.group("binaries", async () => {
      if (config.binariesDir) {
        outcome.binaries = `from ${config.binariesDir} (as given, not fetched)`;
        return binariesFromDir(config.binariesDir);
      }
      const b = await fetchBinaries(
        {
          kubernetesVersion,
          etcdVersion: etcdVersion as string,
          kubernetesReleaseUrl: config.kubernetesReleaseUrl,
          etcdReleaseUrl: config.etcdReleaseUrl,
          cacheDir: config.cacheDir ?? defaultCacheDir(),
          timeoutMs: config.downloadTimeoutMs,
          ...(signal ? { signal } : {}),
        },
        logger,
      );
      outcome.binaries = `fetched from ${config.kubernetesReleaseUrl} and ${config.etcdReleaseUrl}, sha256 verified`;
      return b;
    });

    // Every server lives at most as long as all the phases' bounds together.
    const lifetimeMs = 2 * config.startTimeoutMs + 2 * config.listTimeoutMs + 60_000;
    const ports = await etcdPorts();
    const dataDir = path.join(phase.dir, "data");
    await logger.group("etcdutl snapshot restore", async () => {
      const t = Date.now();
      await restore(bins.etcdutl, file, dataDir, peerUrl(ports), config, signal);
      outcome.restoreMs = Date.now() - t;
      logger.info(`restored revision ${v.revision} in ${formatDuration(outcome.restoreMs)}`);
    });
    fs.rmSync(file, { force: true });

    const pki = createPki(path.join(phase.dir, "pki"));
    const startedAt = Date.now();
    const etcd = await startEtcd(bins.etcd, dataDir, ports, config.startTimeoutMs, lifetimeMs, signal);
    phase.servers.push(etcd.server);

    let encryptionConfigFile: string | undefined;
    if (config.encryptionConfig) {
      encryptionConfigFile = path.join(phase.dir, "encryption-config.yaml");
      fs.writeFileSync(encryptionConfigFile, config.encryptionConfig, { mode: 0o600 });
    }
    const api = await logger.group("throwaway kube-apiserver", () =>
      startApiserver({
        binary: bins["kube-apiserver"],
        etcdEndpoint: etcd.endpoint,
        etcdPrefix: config.etcdPrefix,
        pki,
        dir: phase.dir,
        ...(encryptionConfigFile ? { encryptionConfigFile } : {}),
        serviceClusterIpRange: config.serviceClusterIpRange,
        timeoutMs: config.startTimeoutMs,
        lifetimeMs,
        ...(signal ? { signal } : {}),
      }),
    );
    phase.servers.push(api.server);
    const kubeconfig = path.join(phase.dir, "kubeconfig");
    const { writeKubeconfig } = await import("../../cluster/kubeconfig.ts");
    writeKubeconfig(kubeconfig, {
      name: "kubekeep-drill",
      server: api.url,
      caFile: pki.ca.cert,
      certFile: pki.admin.cert,
      keyFile: pki.admin.key,
    });
    // Loaded here: the Kubernetes client, discovery and the YAML parser are not
    // needed to start (bench/startup budgets the action's first line).
    const { KubeClient } = await import("../../cluster/client.ts");
    const { countCluster, countExport } = await import("./count.ts");
    const restoredClient = await KubeClient.fromFile(kubeconfig, undefined, config.cluster.stallTimeoutMs);
    phase.clients.push(() => restoredClient.close());
    await firstList(restoredClient, config.startTimeoutMs, signal);
    outcome.firstListMs = Date.now() - startedAt;
    logger.info(
      `the restored apiserver answered its first list ${formatDuration(outcome.firstListMs)} after etcd started`,
    );

    // After the first list, so hashing the whole history does not count in
    // its time; the apiserver's writes since are newer than the revision hashed.
    const recorded = snap.metadata?.hashKV;
    if (recorded) {
      const got = await etcdGateway<{ hash?: number | string }>(etcd.endpoint, "/v3/maintenance/hashkv", {
        revision: recorded.revision,
      });
      const hash = Number(got.hash ?? 0);
      if (hash !== recorded.hash) {
        outcome.hashKV = `mismatch: the restored member hashes revision ${recorded.revision} to ${hash}, the live member hashed it to ${recorded.hash} when the snapshot was taken`;
        throw new OperationalError(`HashKV ${outcome.hashKV}`);
      }
      outcome.hashKV = `match: the restored member hashes revision ${recorded.revision} to ${hash}, as the live member did when the snapshot was taken`;
    } else {
      outcome.notChecked.push(
        "HashKV: the snapshot's metadata records no HashKV of the live member (snapshots taken with verify-hashkv: true record one)",
      );
    }

    const t1 = Date.now();
    const restored = await logger.group("count objects per kind (restored)", () =>
      timed(
        config.listTimeoutMs,
        "listing the restored apiserver",
        (s) => countCluster(restoredClient, { signal: s }),
        signal,
      ),
    );
    outcome.listMs = Date.now() - t1;

    const restoredUid = await namespaceUid(restoredClient, "kube-system");
    if (!restoredUid)
      throw new OperationalError(
        `the restored data holds no kube-system namespace: not a Kubernetes cluster's etcd, or its objects are not under etcd-prefix ${config.etcdPrefix}`,
      );
    let reference: Map<string, KindCount>;
    let notListed: Map<string, string> | undefined;
    if (config.compareWith === "live") {
      const client = live as KubeClient;
      const liveUid = await namespaceUid(client, "kube-system");
      if (liveUid && liveUid !== restoredUid) {
        outcome.identity = `DIFFERENT: the snapshot's kube-system namespace has UID ${restoredUid}, the live cluster's ${liveUid}`;
        throw new OperationalError(
          `the snapshot is of another cluster: its kube-system namespace has UID ${restoredUid}, the live cluster's has ${liveUid} (check cluster-name and s3-prefix, or the kubeconfig)`,
        );
      }
      outcome.identity = liveUid
        ? `same cluster (kube-system namespace UID ${restoredUid})`
        : "not checked: the live kube-system namespace could not be read";
      const counted = await logger.group("count objects per kind (live)", () =>
        timed(
          config.listTimeoutMs,
          "listing the live cluster",
          (s) => countCluster(client, { signal: s }),
          signal,
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
    if (comparison.failures.length) {
      throw new OperationalError(
        `${comparison.failures.length} kind(s) differ beyond the tolerance (${comparison.failures.slice(0, 5).join("; ")}${comparison.failures.length > 5 ? "; ..." : ""})`,
      );
    }
    const report = drillReport(outcome);
    logger.info(
      `drill passed: ${outputs().objects} objects restored, counts agree with ${outcome.reference}`,
    );
    return { outputs: outputs(), report };
  } catch (err) {
    if (err instanceof ConfigurationError) throw err;
    outcome.failure = errorMessage(err);
    const message = `etcd drill failed: ${outcome.failure}`;
    throw new CapabilityFailure(message, { outputs: outputs(), report: drillReport(outcome) });
  } finally {
    await cleanup(phase, logger);
  }
}

export const etcdDrill = defineCapability<DrillConfig>({
  name: "etcd-drill",
  summary:
    "prove a stored etcd snapshot restores: restore it into throwaway etcd + kube-apiserver and compare counts",
  description:
    "Prove a stored etcd snapshot restores: download and verify it, restore it with etcdutl into a throwaway etcd, start a throwaway kube-apiserver of the cluster's version on it, list every kind and compare per-kind counts (and the cluster's identity) with the live cluster or an export tree. Fails when the snapshot does not restore or the counts differ beyond the tolerance.",
  inputs: drillInputs,
  outputs: {
    key: "Object key drilled",
    passed: "true when the drill passed",
    "restore-seconds": "Seconds etcdutl snapshot restore took",
    "first-list-seconds":
      "Seconds from the throwaway etcd's start to the first list the restored kube-apiserver answered",
    objects: "Objects the restored kube-apiserver listed",
    differences: "Kinds whose counts differ beyond the tolerance",
    hashkv: "match or mismatch when the snapshot's metadata records a HashKV, empty otherwise",
  },
  parse: parseDrillConfig,
  run: runDrill,
});
