import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  readDrillRecords
} from "./chunk-R6DL6FL2.js";
import {
  readInventory,
  selectClusters
} from "./chunk-FXIQD7JG.js";
import "./chunk-LFBUPDRI.js";
import {
  listSnapshots
} from "./chunk-FWSFUXHV.js";
import "./chunk-IZQS6OXE.js";
import "./chunk-SMBKSNSB.js";
import "./chunk-VGEDGZPT.js";
import "./chunk-FK3ILC2B.js";
import {
  writeFileAtomic
} from "./chunk-STJCSPFM.js";
import "./chunk-XIQOQISJ.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  CapabilityFailure
} from "./chunk-7GSFTKQ3.js";
import "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-T4ZVIX6G.js";
import {
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/fleet-report/run.ts
import fs from "node:fs";
import path from "node:path";

// src/fleet/status.ts
var CONCURRENCY = 16;
function catalogUrl(loc) {
  return `s3://${loc.bucket}/${loc.prefix}${loc.clusterName}/`;
}
function s3ConfigOf(loc, stallTimeoutMs) {
  return {
    bucket: loc.bucket,
    prefix: loc.prefix,
    ...loc.endpoint ? { endpoint: loc.endpoint } : {},
    ...loc.region ? { region: loc.region } : {},
    forcePathStyle: loc.endpoint !== void 0,
    sse: "none",
    checksum: "when_supported",
    partSize: 5 * 1024 * 1024,
    queueSize: 1,
    ...stallTimeoutMs !== void 0 ? { stallTimeoutMs } : {}
  };
}
function humanDuration(ms) {
  const s = Math.round(Math.abs(ms) / 1e3);
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${m % 60 ? `${m % 60}m` : ""}`;
  const d = Math.floor(h / 24);
  return `${d}d${h % 24 ? `${h % 24}h` : ""}`;
}
var ageOf = (t, now) => Math.round((now.getTime() - t.getTime()) / 1e3);
function drillFact(r, now) {
  return {
    time: r.at,
    ageSeconds: ageOf(new Date(r.at), now),
    passed: r.passed,
    snapshotKey: r.snapshotKey,
    reason: r.reason
  };
}
async function readClusterStatus(store, c, now) {
  const status = {
    name: c.name,
    kind: c.kind,
    catalog: "",
    snapshots: 0,
    errors: [],
    problems: []
  };
  const loc = c.snapshots;
  if (!loc || !store) return status;
  status.catalog = catalogUrl(loc);
  const storage = { s3: store.config, clusterName: loc.clusterName };
  try {
    const { snapshots: all } = await listSnapshots(store, storage);
    status.snapshots = all.length;
    const fact = (s) => ({
      key: s.key,
      time: s.time.toISOString(),
      ageSeconds: ageOf(s.time, now),
      verified: s.metadata?.verified === true
    });
    if (all[0]) status.newest = fact(all[0]);
    const verified = all.find((s) => s.metadata?.verified === true);
    if (verified) status.newestVerified = fact(verified);
  } catch (err) {
    status.errors.push(`cannot read its snapshot catalog ${status.catalog}: ${errorMessage(err)}`);
  }
  try {
    const drills = await readDrillRecords(store, loc.prefix, loc.clusterName, now);
    if (drills.last) status.lastDrill = drillFact(drills.last, now);
    if (drills.lastPass) status.lastPassingDrill = drillFact(drills.lastPass, now);
  } catch (err) {
    status.errors.push(errorMessage(err));
  }
  return status;
}
function judge(s, limits) {
  const problems = [...s.errors];
  if (s.catalog !== "") {
    const maxS = limits.maxSnapshotAgeMs / 1e3;
    if (!s.newestVerified)
      problems.push(
        s.snapshots === 0 ? "no snapshot at all" : `none of its ${s.snapshots} snapshots is verified`
      );
    else if (s.newestVerified.ageSeconds < -300)
      problems.push(`its newest verified snapshot is dated in the future (${s.newestVerified.time})`);
    else if (s.newestVerified.ageSeconds > maxS)
      problems.push(
        `newest verified snapshot is ${humanDuration(s.newestVerified.ageSeconds * 1e3)} old (max-snapshot-age ${humanDuration(limits.maxSnapshotAgeMs)})`
      );
    if (s.lastDrill && !s.lastDrill.passed) problems.push(`last drill failed (${s.lastDrill.time})`);
    if (limits.maxDrillAgeMs !== void 0) {
      if (!s.lastPassingDrill) problems.push("no passing drill recorded");
      else if (s.lastPassingDrill.ageSeconds > limits.maxDrillAgeMs / 1e3)
        problems.push(
          `last passing drill is ${humanDuration(s.lastPassingDrill.ageSeconds * 1e3)} old (max-drill-age ${humanDuration(limits.maxDrillAgeMs)})`
        );
    }
  }
  return { ...s, problems };
}
function storeKey(loc) {
  return JSON.stringify([loc.endpoint ?? "", loc.region ?? "", loc.bucket, loc.prefix]);
}
async function fleetStatus(clusters, limits, now, logger, stallTimeoutMs) {
  const { SnapshotStore } = await import("./s3-L2QSMFAU.js");
  const stores = /* @__PURE__ */ new Map();
  const storeFor = (loc) => {
    const k = storeKey(loc);
    let s = stores.get(k);
    if (!s) {
      s = SnapshotStore.open(s3ConfigOf(loc, stallTimeoutMs));
      stores.set(k, s);
    }
    return s;
  };
  const out = new Array(clusters.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < clusters.length; i = next++) {
      const c = clusters[i];
      const status = await readClusterStatus(c.snapshots && await storeFor(c.snapshots), c, now);
      out[i] = judge(status, limits);
      if (++done % 50 === 0) logger.info(`read ${done} of ${clusters.length} clusters`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, clusters.length) }, worker));
  } finally {
    for (const s of stores.values()) (await s.catch(() => void 0))?.close();
  }
  return out;
}

// src/capabilities/fleet-report/report.ts
function fleetJson(statuses, limits, now, inventory) {
  return {
    formatVersion: 1,
    inventory,
    generatedAt: now.toISOString(),
    maxSnapshotAgeSeconds: limits.maxSnapshotAgeMs / 1e3,
    maxDrillAgeSeconds: limits.maxDrillAgeMs === void 0 ? null : limits.maxDrillAgeMs / 1e3,
    failing: statuses.filter((s) => s.problems.length).map((s) => s.name),
    clusters: statuses
  };
}
var age = (seconds) => seconds < 0 ? "in the future" : `${humanDuration(seconds * 1e3)} ago`;
function displaySafe(text, max = 200) {
  const s = text.replace(/[^A-Za-z0-9 .,:;=/_+@%'"()-]/g, "?");
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}
function fleetReportOf(statuses, limits, now, inventory, file) {
  const failing = statuses.filter((s) => s.problems.length);
  const report = newReport(
    failing.length ? `Fleet backups: ${failing.length} of ${statuses.length} clusters fail` : `Fleet backups: all ${statuses.length} clusters OK`
  );
  report.facts.push(
    ["Inventory", inventory],
    ["As of", now.toISOString()],
    ["Max snapshot age", humanDuration(limits.maxSnapshotAgeMs)],
    [
      "Max drill age",
      limits.maxDrillAgeMs === void 0 ? "not judged" : humanDuration(limits.maxDrillAgeMs)
    ],
    ["JSON", file]
  );
  report.tables.push({
    header: [
      "cluster",
      "kind",
      "snapshots",
      "newest",
      "newest verified",
      "last drill",
      "last passing drill",
      "status"
    ],
    rows: statuses.map((s) => {
      if (s.catalog === "")
        return [
          s.name,
          s.kind,
          "-",
          "-",
          "-",
          "-",
          "-",
          s.problems.length ? "FAIL" : "OK (no etcd snapshots)"
        ];
      return [
        s.name,
        s.kind,
        String(s.snapshots),
        s.newest ? `${age(s.newest.ageSeconds)}${s.newest.verified ? "" : " (unverified)"}` : "none",
        s.newestVerified ? age(s.newestVerified.ageSeconds) : "none",
        s.lastDrill ? `${s.lastDrill.passed ? "passed" : "FAILED"} ${age(s.lastDrill.ageSeconds)}` : "none",
        s.lastPassingDrill ? age(s.lastPassingDrill.ageSeconds) : "none",
        s.problems.length ? `FAIL: ${displaySafe(s.problems.join("; "), 600)}` : "OK"
      ];
    })
  });
  for (const s of statuses)
    if (s.lastDrill && !s.lastDrill.passed)
      report.notes.push(
        `${s.name}: last drill failed: ${displaySafe(s.lastDrill.reason) || "(no reason recorded)"}`
      );
  return {
    outputs: {
      "report-file": file,
      clusters: statuses.length,
      failing: JSON.stringify(failing.map((s) => s.name)),
      ok: failing.length === 0
    },
    report
  };
}

// src/capabilities/fleet-report/run.ts
async function run(config, { logger }) {
  const inventory = readInventory(config.inventory);
  const clusters = selectClusters(inventory, {
    ...config.selector ? { selector: config.selector } : {},
    waveLabel: "wave",
    waveOrder: []
  });
  const now = config.now ?? /* @__PURE__ */ new Date();
  const statuses = await logger.group(
    `read ${clusters.length} clusters' catalogs`,
    () => fleetStatus(clusters, config.limits, now, logger, config.stallTimeoutMs)
  );
  const json = fleetJson(statuses, config.limits, now, inventory.file);
  const file = path.resolve(config.reportFile);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, `${JSON.stringify(json, null, 2)}
`);
  } catch (err) {
    throw new OperationalError(
      `cannot write the report to ${file} (${errorMessage(err)}); check report-file`
    );
  }
  const result = fleetReportOf(statuses, config.limits, now, inventory.file, file);
  const failing = statuses.filter((s) => s.problems.length);
  if (failing.length)
    throw new CapabilityFailure(
      `${failing.length} of ${statuses.length} clusters fail: ${failing.map((s) => `${s.name} (${s.problems.join("; ")})`).join(", ")}`,
      result
    );
  logger.info(`all ${statuses.length} clusters are within the limits`);
  return result;
}
export {
  run
};
