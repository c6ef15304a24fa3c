import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  createPki,
  etcdPeerUrl,
  freePorts,
  startApiserver,
  startEtcd,
  startProcess
} from "./chunk-W2QNSU56.js";
import {
  defaultReleaseCacheDir,
  fetchReleaseBinaries,
  releaseVersion
} from "./chunk-W7XTOQI4.js";
import "./chunk-7EMZUJSM.js";
import {
  newDrillRecord,
  writeDrillRecord
} from "./chunk-2L5426JL.js";
import {
  compareCounts,
  formatTolerance,
  kindIgnorer
} from "./chunk-24ZJOIQM.js";
import {
  describeEnd,
  lastLines,
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
  connect
} from "./chunk-AQEUWNRQ.js";
import "./chunk-OB3FCZHL.js";
import "./chunk-EUSUB6M6.js";
import {
  pollUntil
} from "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import {
  require_node_http
} from "./chunk-IZKOCMEM.js";
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
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/capabilities/etcd-drill/run.ts
import fs3 from "node:fs";
import os from "node:os";
import path3 from "node:path";

// src/etcd/drill/binaries.ts
import fs from "node:fs";
import path from "node:path";
function binariesFromDir(dir) {
  const out = {};
  for (const name of ["etcd", "etcdutl", "kube-apiserver"]) {
    const file = path.resolve(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
    } catch {
      throw new ConfigurationError(
        `input 'binaries-dir': ${JSON.stringify(dir)} holds no executable ${name}; expected etcd, etcdutl and kube-apiserver in it`
      );
    }
    out[name] = file;
  }
  return out;
}
function releaseOf(gitVersion) {
  return gitVersion.replace(/\+.*$/, "");
}
async function drillBinaries(config, versions, logger, signal) {
  if (config.binariesDir)
    return {
      binaries: binariesFromDir(config.binariesDir),
      how: `from ${config.binariesDir} (as given, not fetched)`
    };
  const binaries2 = await fetchReleaseBinaries(
    {
      kubernetesVersion: versions.kubernetes,
      etcdVersion: versions.etcd,
      kubernetesReleaseUrl: config.kubernetesReleaseUrl,
      etcdReleaseUrl: config.etcdReleaseUrl,
      allowHttp: config.allowInsecureDownloads,
      cacheDir: config.cacheDir ?? defaultReleaseCacheDir(),
      timeoutMs: config.downloadTimeoutMs,
      ...signal ? { signal } : {}
    },
    logger
  );
  return {
    binaries: binaries2,
    how: `fetched from ${config.kubernetesReleaseUrl} and ${config.etcdReleaseUrl}, sha256 verified`
  };
}

// src/etcd/drill/restored-cluster.ts
import fs2 from "node:fs";
import path2 from "node:path";

// src/etcd/drill/throwaway.ts
var import_node_http = __toESM(require_node_http(), 1);
function throwaway(lifetimeMs) {
  return (name, command, args) => startProcess({
    name: `the throwaway ${name}`,
    command,
    args,
    lifetimeMs,
    // Configured by flags alone: the runner's ETCD_* variables would change etcd's, and
    // the action's INPUT_* (the kubeconfig, keys) are none of a throwaway server's business.
    inherit: { tool: [] }
  });
}
function etcdGateway(endpoint, p, body, timeoutMs = 3e4) {
  return new Promise((resolve, reject) => {
    const req = import_node_http.default.request(
      new URL(p, endpoint),
      { method: "POST", headers: { "Content-Type": "application/json" }, timeout: timeoutMs },
      (res) => {
        let text = "";
        res.on("data", (c) => text += c.toString());
        res.on(
          "end",
          () => res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${p} answered ${res.statusCode}: ${text.slice(0, 300)}`))
        );
      }
    );
    req.on("timeout", () => req.destroy(new Error(`${p}: no answer within ${formatDuration(timeoutMs)}`)));
    req.on("error", reject);
    req.end(JSON.stringify(body));
  });
}
async function etcdPorts() {
  const [client, peer] = await freePorts(2);
  return { client, peer };
}
var MEMBER_NAME = "drill";
var peerUrl = (p) => etcdPeerUrl(p.peer);
async function startEtcd2(etcd, dataDir, ports, timeoutMs, lifetimeMs, signal) {
  const started = await startEtcd(throwaway(lifetimeMs), {
    binary: etcd,
    name: MEMBER_NAME,
    dataDir,
    clientPort: ports.client,
    peerPort: ports.peer,
    extraArgs: ["--listen-metrics-urls=", "--quota-backend-bytes=8589934592"],
    timeoutMs,
    ...signal ? { signal } : {}
  });
  return { server: started.process, endpoint: started.endpoint };
}
async function startApiserver2(options) {
  const [port] = await freePorts(1);
  const started = await startApiserver(throwaway(options.lifetimeMs), {
    binary: options.binary,
    port,
    dir: options.dir,
    pki: options.pki,
    etcdEndpoint: options.etcdEndpoint,
    serviceClusterIpRange: options.serviceClusterIpRange,
    authorizationMode: "RBAC",
    ...options.encryptionConfigFile ? { encryptionConfigFile: options.encryptionConfigFile } : {},
    extraArgs: [
      `--etcd-prefix=${options.etcdPrefix}`,
      "--anonymous-auth=false",
      // Nothing should be written that is not needed to serve reads.
      "--endpoint-reconciler-type=none"
    ],
    // Not informer-sync: the apiserver's own informers (Secrets among them)
    // never sync when data encrypted at rest cannot be decrypted; the drill
    // reports such kinds instead of waiting for them.
    readyz: "/readyz?exclude=informer-sync",
    timeoutMs: options.timeoutMs,
    ...options.signal ? { signal: options.signal } : {}
  });
  return { server: started.process, url: started.url };
}

// src/etcd/drill/restored-cluster.ts
async function cleanup(w) {
  for (const c of w.clients) c();
  for (const s of [...w.servers].reverse()) await s.stop();
  try {
    fs2.rmSync(w.dir, { recursive: true, force: true });
    return void 0;
  } catch (err) {
    return `could not remove the drill's temporary folder ${w.dir}: ${errorMessage(err)}`;
  }
}
function reasonOf(output) {
  const lines = output.split("\n").map((l) => l.trim());
  const hit = lines.find((l) => /^panic:|^Error:|"level":"(fatal|panic|error)"/.test(l));
  return hit ? hit.slice(0, 500) : lastLines(output, 6);
}
var memberPorts = etcdPorts;
async function restoreSnapshot(etcdutl, file, dataDir, ports, timeoutMs, signal) {
  const peer = peerUrl(ports);
  const args = [
    "snapshot",
    "restore",
    file,
    `--data-dir=${dataDir}`,
    `--name=${MEMBER_NAME}`,
    `--initial-cluster=${MEMBER_NAME}=${peer}`,
    `--initial-advertise-peer-urls=${peer}`
  ];
  let res;
  try {
    res = await runProcess(etcdutl, args, {
      inherit: { tool: [] },
      timeoutMs,
      ...signal ? { signal } : {}
    });
  } catch (err) {
    throw new OperationalError(`cannot run ${etcdutl} (${errorMessage(err)})`);
  }
  if (res.code !== 0 || res.timedOut || res.aborted)
    throw new OperationalError(
      `the snapshot does not restore: etcdutl snapshot restore ${describeEnd(res, timeoutMs)}: ${reasonOf(res.output)}`
    );
}
async function serveRestored(w, o) {
  const pki = createPki(path2.join(w.dir, "pki"));
  const startedAt = Date.now();
  const signal = o.signal ? { signal: o.signal } : {};
  const etcd = await startEtcd2(o.binaries.etcd, o.dataDir, o.ports, o.startTimeoutMs, o.lifetimeMs, o.signal);
  w.servers.push(etcd.server);
  let encryptionConfigFile;
  if (o.encryptionConfig) {
    encryptionConfigFile = path2.join(w.dir, "encryption-config.yaml");
    fs2.writeFileSync(encryptionConfigFile, o.encryptionConfig, { mode: 384 });
  }
  const api = await startApiserver2({
    binary: o.binaries["kube-apiserver"],
    etcdEndpoint: etcd.endpoint,
    etcdPrefix: o.etcdPrefix,
    pki,
    dir: w.dir,
    ...encryptionConfigFile ? { encryptionConfigFile } : {},
    serviceClusterIpRange: o.serviceClusterIpRange,
    timeoutMs: o.startTimeoutMs,
    lifetimeMs: o.lifetimeMs,
    ...signal
  });
  w.servers.push(api.server);
  const kubeconfig = path2.join(w.dir, "kubeconfig");
  const { writeKubeconfig } = await import("./kubeconfig-YRYUU3S7.js");
  writeKubeconfig(kubeconfig, {
    name: "kubekeep-drill",
    server: api.url,
    caFile: pki.ca.cert,
    certFile: pki.admin.cert,
    keyFile: pki.admin.key
  });
  const { KubeClient } = await import("./client-DPIWNEUG.js");
  const client = await KubeClient.fromFile(kubeconfig, void 0, o.stallTimeoutMs);
  w.clients.push(() => client.close());
  await firstList(client, o.startTimeoutMs, o.signal);
  return { etcdEndpoint: etcd.endpoint, client, firstListMs: Date.now() - startedAt };
}
async function firstList(client, timeoutMs, signal) {
  let last = "";
  await pollUntil(
    () => client.get("/api/v1/namespaces", { limit: 1 }).then(
      () => true,
      (err) => {
        last = errorMessage(err);
        return false;
      }
    ),
    {
      timeoutMs,
      ...signal ? { signal } : {},
      timedOut: () => `the restored kube-apiserver answered no list within ${formatDuration(timeoutMs)} (last: ${last})`,
      cancelled: () => "cancelled while waiting for the first list",
      fail: (message) => new OperationalError(message)
    }
  );
}
async function namespaceUid(client, name) {
  try {
    return {
      uid: (await client.get(`/api/v1/namespaces/${name}`)).metadata?.uid
    };
  } catch (err) {
    return { error: errorMessage(err) };
  }
}

// src/capabilities/etcd-drill/report.ts
function drillReport(o) {
  const report = newReport(o.failure ? "etcd drill FAILED" : "etcd drill passed: the snapshot restores");
  const f = report.facts;
  f.push(["Snapshot", o.snapshot]);
  if (o.revision !== void 0) f.push(["Revision", String(o.revision)]);
  if (o.dbSize !== void 0) f.push(["Database", formatBytes(o.dbSize)]);
  if (o.kubernetesVersion || o.etcdVersion)
    f.push([
      "Throwaway servers",
      `kube-apiserver ${o.kubernetesVersion ?? "?"}, etcd ${o.etcdVersion ?? "?"}`
    ]);
  if (o.binaries) f.push(["Binaries", o.binaries]);
  if (o.downloadMs !== void 0) f.push(["Download and verify", formatDuration(o.downloadMs)]);
  if (o.restoreMs !== void 0) f.push(["Time to restore (etcdutl)", formatDuration(o.restoreMs)]);
  if (o.firstListMs !== void 0) f.push(["Time to first successful list", formatDuration(o.firstListMs)]);
  if (o.listMs !== void 0) f.push(["Listing every kind", formatDuration(o.listMs)]);
  f.push(["Compared with", o.reference]);
  if (o.identity) f.push(["Cluster identity", o.identity]);
  if (o.hashKV) f.push(["HashKV", o.hashKV]);
  f.push(["Tolerance", formatTolerance(o.tolerance)]);
  f.push(["Ignored kinds", o.ignoreKinds.length ? o.ignoreKinds.join(", ") : "none"]);
  const c = o.comparison;
  if (c) {
    const restored = c.rows.reduce((n, r) => n + (r.restored ?? 0), 0);
    f.push(["Objects restored", String(restored)]);
    f.push([
      "Kinds differing beyond tolerance",
      String(c.rows.filter((r) => r.verdict === "DIFFERS").length)
    ]);
    const empty = c.rows.filter((r) => r.verdict === "match" && !r.restored && !r.reference);
    report.tables.push({
      caption: "Objects per kind",
      header: ["kind", "restored", "reference", "verdict", "why"],
      rows: c.rows.filter((r) => !empty.includes(r)).map((r) => [
        r.id,
        r.restored === void 0 ? "-" : String(r.restored),
        r.reference === void 0 ? "-" : String(r.reference),
        r.verdict,
        r.why
      ])
    });
  }
  if (c) {
    const empty = c.rows.filter((r) => r.verdict === "match" && !r.restored && !r.reference).length;
    if (empty) report.notes.push(`${empty} more kinds are empty in both and agree.`);
  }
  if (o.failure) report.notes.push(`Failed: ${o.failure}`);
  for (const n of o.notChecked) report.notes.push(`Not checked: ${n}`);
  return report;
}
function drillOutputs(o) {
  return {
    key: o.snapshot.replace(/^s3:\/\/[^/]+\//, ""),
    passed: o.failure === void 0,
    "restore-seconds": o.restoreMs !== void 0 ? Math.round(o.restoreMs / 100) / 10 : "",
    "first-list-seconds": o.firstListMs !== void 0 ? Math.round(o.firstListMs / 100) / 10 : "",
    objects: o.comparison?.rows.reduce((n, r) => n + (r.restored ?? 0), 0) ?? 0,
    differences: o.comparison?.failures.length ?? 0,
    hashkv: o.hashKV?.split(":")[0] ?? ""
  };
}
function drillResult(o) {
  return { outputs: drillOutputs(o), report: drillReport(o) };
}

// src/capabilities/etcd-drill/run.ts
function run(config, { logger, signal }) {
  for (const m of (config.encryptionConfig ?? "").matchAll(/secret:\s*["']?([^\s"']{8,})/g))
    if (m[1]) logger.setSecret(m[1]);
  return withStore(config.storage, logger, (store) => drill(store, config, logger, signal));
}
async function drill(store, config, logger, signal) {
  const d = {
    config,
    logger,
    ...signal ? { signal } : {},
    outcome: {
      snapshot: "",
      reference: config.compareWith === "live" ? "the live cluster" : `the export at ${config.exportPath}`,
      tolerance: config.tolerance,
      ignoreKinds: config.ignoreKinds,
      notChecked: []
    },
    // The runner's temporary folder on GitHub (cleaned after every job), else the system's.
    work: {
      dir: fs3.mkdtempSync(path3.join(process.env.RUNNER_TEMP || os.tmpdir(), "kubekeep-drill-")),
      servers: [],
      clients: []
    }
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
      `drill passed: ${result.outputs.objects} objects restored, counts agree with ${d.outcome.reference}`
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
async function recordResult(d, store, passed) {
  const { storage } = d.config;
  const key = d.outcome.snapshot.replace(/^s3:\/\/[^/]+\//, "");
  try {
    await writeDrillRecord(
      store,
      storage.s3.prefix,
      newDrillRecord(storage.clusterName, passed, key, d.outcome.failure ?? "")
    );
    d.logger.info(`drill result recorded under ${storage.s3.prefix}${storage.clusterName}/drills/`);
  } catch (err) {
    d.logger.warning(`could not record the drill's result in the bucket: ${errorMessage(err)}`);
  }
}
async function downloadSnapshot(d, store) {
  const { config, logger, outcome } = d;
  const snap = await resolveKey(store, config.storage, config.key, logger);
  outcome.snapshot = `s3://${config.storage.s3.bucket}/${snap.key}`;
  const file = path3.join(d.work.dir, "snapshot.db");
  const t0 = Date.now();
  const v = await logger.group(`download and verify ${snap.key}`, async () => {
    const out = fs3.createWriteStream(file, { fd: fs3.openSync(file, "w", 384) });
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
async function binaries(d, snap) {
  const { config, logger, outcome } = d;
  const kubernetesVersion = config.kubernetesVersion ?? releaseOf((await d.live.serverVersion()).gitVersion);
  const recordedEtcd = snap.metadata?.etcdVersion;
  const etcdVersion = config.etcdVersion ?? (recordedEtcd ? releaseVersion(recordedEtcd, `the etcd version recorded in ${snap.key}'s metadata`) : void 0);
  if (!etcdVersion && !config.binariesDir)
    throw new ConfigurationError(
      `input 'etcd-version': ${snap.key} has no metadata recording its etcd version; give etcd-version (e.g. v3.6.16) or binaries-dir`
    );
  outcome.kubernetesVersion = kubernetesVersion;
  outcome.etcdVersion = etcdVersion ?? "(from binaries-dir)";
  return logger.group("binaries", async () => {
    const got = await drillBinaries(
      config,
      { kubernetes: kubernetesVersion, ...etcdVersion ? { etcd: etcdVersion } : {} },
      logger,
      d.signal
    );
    outcome.binaries = got.how;
    return got.binaries;
  });
}
async function restoreAndServe(d, bins, file, revision) {
  const { config, logger, outcome } = d;
  const lifetimeMs = 2 * config.startTimeoutMs + 2 * config.listTimeoutMs + 6e4;
  const ports = await memberPorts();
  const dataDir = path3.join(d.work.dir, "data");
  await logger.group("etcdutl snapshot restore", async () => {
    const t = Date.now();
    await restoreSnapshot(bins.etcdutl, file, dataDir, ports, config.etcdutlTimeoutMs, d.signal);
    outcome.restoreMs = Date.now() - t;
    logger.info(`restored revision ${revision} in ${formatDuration(outcome.restoreMs)}`);
  });
  fs3.rmSync(file, { force: true });
  const restored = await logger.group(
    "throwaway etcd and kube-apiserver",
    () => serveRestored(d.work, {
      binaries: bins,
      dataDir,
      ports,
      etcdPrefix: config.etcdPrefix,
      serviceClusterIpRange: config.serviceClusterIpRange,
      ...config.encryptionConfig ? { encryptionConfig: config.encryptionConfig } : {},
      startTimeoutMs: config.startTimeoutMs,
      lifetimeMs,
      ...config.cluster.stallTimeoutMs !== void 0 ? { stallTimeoutMs: config.cluster.stallTimeoutMs } : {},
      ...d.signal ? { signal: d.signal } : {}
    })
  );
  outcome.firstListMs = restored.firstListMs;
  logger.info(
    `the restored apiserver answered its first list ${formatDuration(outcome.firstListMs)} after etcd started`
  );
  return restored;
}
async function checkHashKV(d, snap, restored) {
  const recorded = snap.metadata?.hashKV;
  if (!recorded) {
    d.outcome.notChecked.push(
      "HashKV: the snapshot's metadata records no HashKV of the live member (snapshots taken with verify-hashkv: true record one)"
    );
    return;
  }
  const got = await etcdGateway(restored.etcdEndpoint, "/v3/maintenance/hashkv", {
    revision: recorded.revision
  });
  const hash = Number(got.hash ?? 0);
  if (hash !== recorded.hash) {
    d.outcome.hashKV = `mismatch: the restored member hashes revision ${recorded.revision} to ${hash}, the live member hashed it to ${recorded.hash} when the snapshot was taken`;
    throw new OperationalError(`HashKV ${d.outcome.hashKV}`);
  }
  d.outcome.hashKV = `match: the restored member hashes revision ${recorded.revision} to ${hash}, as the live member did when the snapshot was taken`;
}
async function compare(d, restoredClient) {
  const { config, logger, outcome } = d;
  const { countCluster, countExport } = await import("./count-RFGR3EFP.js");
  const t1 = Date.now();
  const restored = await logger.group(
    "count objects per kind (restored)",
    () => timed(
      config.listTimeoutMs,
      "listing the restored apiserver",
      (s) => countCluster(restoredClient, { signal: s }),
      d.signal
    )
  );
  outcome.listMs = Date.now() - t1;
  const restoredUid = (await namespaceUid(restoredClient, "kube-system")).uid;
  if (!restoredUid)
    throw new OperationalError(
      `the restored data holds no kube-system namespace: not a Kubernetes cluster's etcd, or its objects are not under etcd-prefix ${config.etcdPrefix}`
    );
  let reference;
  let notListed;
  if (config.compareWith === "live") {
    const client = d.live;
    const { uid: liveUid, error } = await namespaceUid(client, "kube-system");
    if (liveUid && liveUid !== restoredUid) {
      outcome.identity = `DIFFERENT: the snapshot's kube-system namespace has UID ${restoredUid}, the live cluster's ${liveUid}`;
      throw new OperationalError(
        `the snapshot is of another cluster: its kube-system namespace has UID ${restoredUid}, the live cluster's has ${liveUid} (check cluster-name and s3-prefix, or the kubeconfig)`
      );
    }
    outcome.identity = liveUid ? `same cluster (kube-system namespace UID ${restoredUid})` : `not checked: the live kube-system namespace could not be read (${error ?? "it has no UID"})`;
    const counted = await logger.group(
      "count objects per kind (live)",
      () => timed(
        config.listTimeoutMs,
        "listing the live cluster",
        (s) => countCluster(client, { signal: s }),
        d.signal
      )
    );
    reference = counted.kinds;
  } else {
    const e = countExport(config.exportPath);
    reference = e.kinds;
    notListed = e.notListed;
    outcome.notChecked.push(
      "cluster identity: an export keeps no UIDs; compare with the live cluster to check the snapshot is this cluster's"
    );
  }
  const comparison = compareCounts(restored.kinds, reference, {
    tolerance: config.tolerance,
    ignored: kindIgnorer(config.ignoreKinds),
    referenceName: outcome.reference,
    ...notListed ? { referenceNotListed: notListed } : {},
    restoredFailedGroups: restored.failedGroups,
    encryptionConfigGiven: config.encryptionConfig !== void 0
  });
  outcome.comparison = comparison;
  if (comparison.encryptedUnchecked.length)
    outcome.notChecked.push(
      `${comparison.encryptedUnchecked.join(", ")}: encrypted at rest and unreadable without the cluster's EncryptionConfiguration (give encryption-config to check them)`
    );
  else if (!config.encryptionConfig)
    outcome.notChecked.push(
      "encryption at rest: no encryption-config was given and every kind was readable, so nothing here was encrypted (or its provider is identity)"
    );
  if (comparison.failures.length)
    throw new OperationalError(
      `${comparison.failures.length} kind(s) differ beyond the tolerance (${comparison.failures.slice(0, 5).join("; ")}${comparison.failures.length > 5 ? "; ..." : ""})`
    );
}
async function timed(ms, what, fn, signal) {
  const s = signal ? AbortSignal.any([signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms);
  try {
    return await fn(s);
  } catch (err) {
    if (s.aborted && !signal?.aborted)
      throw new OperationalError(`${what} did not finish within ${formatDuration(ms)} (list-timeout)`);
    throw err;
  }
}
export {
  run
};
