import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  readDrillRecords
} from "./chunk-WQPFGI6J.js";
import {
  readInventory,
  selectClusters
} from "./chunk-466XM57K.js";
import "./chunk-33ZCRVC7.js";
import {
  KUBELET_MAX_MINOR_LAG,
  compareVersions,
  parseVersion
} from "./chunk-2HG6AMBK.js";
import {
  listSnapshots
} from "./chunk-VSOUHU74.js";
import "./chunk-6EQQZ7XH.js";
import "./chunk-IZQS6OXE.js";
import {
  UNKNOWN_KUBELET,
  readVersionRecord
} from "./chunk-GMPEK76F.js";
import "./chunk-5YHNHMR5.js";
import "./chunk-USUH4Q42.js";
import "./chunk-SMBKSNSB.js";
import "./chunk-VGEDGZPT.js";
import {
  writeFileAtomic
} from "./chunk-STJCSPFM.js";
import "./chunk-FK3ILC2B.js";
import {
  childEnv
} from "./chunk-EUSUB6M6.js";
import "./chunk-XIQOQISJ.js";
import {
  kindOfFile
} from "./chunk-YRWW7SUK.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  CapabilityFailure
} from "./chunk-HRVOOZEE.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import {
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/capabilities/fleet-report/run.ts
import fs from "node:fs";
import path from "node:path";

// src/fleet/export-status.ts
import { execFile } from "node:child_process";
var RISKY_KINDS = [
  {
    test: (k) => /^rbac\.authorization\.k8s\.io\/(Cluster)?Role(Binding)?$/.test(k),
    why: "RBAC"
  },
  { test: (k) => k === "core/Secret", why: "Secret" },
  { test: (k) => k === "apiextensions.k8s.io/CustomResourceDefinition", why: "CRD" },
  { test: (k) => k.startsWith("admissionregistration.k8s.io/"), why: "admission control" }
];
var RISKY_SAMPLE = 20;
var COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
var FUTURE_SLACK_S = 300;
function riskOfFile(rel) {
  const kind = kindOfFile(rel);
  if (!kind) return void 0;
  const r = RISKY_KINDS.find((k) => k.test(kind));
  return r ? { kind, why: r.why } : void 0;
}
function parseNameStatus(out, folder) {
  const parts = out.split("\0");
  const res = [];
  const prefix = `${folder}/`;
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = parts[i];
    const file = parts[i + 1];
    const change = status === "A" ? "added" : status === "D" ? "removed" : status === "M" || status === "T" ? "modified" : void 0;
    if (!change || !file.startsWith(prefix)) continue;
    res.push({ change, rel: file.slice(prefix.length) });
  }
  return res;
}
function gitIn(repository, timeoutMs = 12e4) {
  const env = childEnv({ tool: ["GIT_*", "XDG_CONFIG_HOME"] });
  return (args) => new Promise(
    (resolve, reject) => execFile(
      "git",
      ["-C", repository, "-c", "core.quotePath=false", ...args],
      { env, encoding: "utf8", maxBuffer: 512 * 1024 * 1024, timeout: timeoutMs },
      (err, stdout, stderr) => err ? reject(
        new Error(`git ${args[0]} failed: ${(stderr || errorMessage(err)).trim().split("\n")[0]}`)
      ) : resolve(stdout)
    )
  );
}
async function checkRepository(git, repository) {
  let shallow;
  try {
    shallow = (await git(["rev-parse", "--is-shallow-repository"])).trim();
  } catch (err) {
    return `${repository} is not a git repository (${errorMessage(err)}); check out the repository that holds the exports (input 'repository')`;
  }
  if (shallow === "true")
    return `${repository} is a shallow clone, so the age of an export's newest commit cannot be known; check it out with its history (actions/checkout with fetch-depth: 0)`;
  return void 0;
}
async function refExists(git, ref) {
  try {
    await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}
async function newestCommit(git, ref, folder) {
  const out = (await git(["log", "-1", "--format=%H %ct", ref, "--", `:(literal)${folder}/`])).trim();
  if (out === "") return void 0;
  const m = /^([0-9a-f]+) (\d{1,12})$/.exec(out);
  if (!m || !COMMIT.test(m[1]))
    throw new Error(`git log printed ${JSON.stringify(out.slice(0, 100))}`);
  return [m[1], Number(m[2])];
}
async function readExportFact(git, loc, now) {
  const refs = ["HEAD"];
  if (loc.branch) {
    for (const r of [`refs/remotes/origin/${loc.branch}`, `refs/heads/${loc.branch}`])
      if (await refExists(git, r)) refs.push(r);
  }
  let best;
  for (const ref of refs) {
    const c = await newestCommit(git, ref, loc.path);
    if (c && (!best || c[1] > best.seconds)) best = { ref, commit: c[0], seconds: c[1] };
  }
  if (!best) return void 0;
  const ageSeconds = Math.round(now.getTime() / 1e3 - best.seconds);
  const time = new Date(best.seconds * 1e3).toISOString();
  if (ageSeconds < -FUTURE_SLACK_S)
    throw new Error(`its newest export commit ${best.commit} is dated in the future (${time})`);
  const listed = await git([
    "ls-tree",
    "-r",
    "-z",
    "--name-only",
    best.commit,
    "--",
    `:(literal)${loc.path}/`
  ]);
  let objects = 0;
  for (const f of listed.split("\0"))
    if (f.startsWith(`${loc.path}/`) && kindOfFile(f.slice(loc.path.length + 1))) objects++;
  const changed = parseNameStatus(
    await git([
      "diff-tree",
      "-r",
      "-z",
      "--no-renames",
      "--no-commit-id",
      "--name-status",
      "--root",
      best.commit,
      "--",
      `:(literal)${loc.path}/`
    ]),
    loc.path
  );
  const risky = [];
  let riskyChanges = 0;
  for (const c of changed) {
    const r = riskOfFile(c.rel);
    if (!r) continue;
    riskyChanges++;
    if (risky.length < RISKY_SAMPLE) risky.push({ file: c.rel, change: c.change, ...r });
  }
  return {
    path: loc.path,
    ref: best.ref,
    commit: best.commit,
    time,
    ageSeconds,
    objects,
    riskyChanges,
    risky
  };
}

// src/fleet/skew.ts
var UPSTREAM_SUPPORTED_MINORS = 3;
var nodes = (n) => `${n} node${n === 1 ? "" : "s"}`;
function skewViolations(apiServerText, kubelets) {
  const api = parseVersion(apiServerText);
  if (!api) return [];
  const out = [];
  for (const [text, count] of Object.entries(kubelets)) {
    const k = text === UNKNOWN_KUBELET ? void 0 : parseVersion(text);
    if (!k) continue;
    const on = `kubelet ${k.text} (${nodes(count)})`;
    if (k.major !== api.major)
      out.push(
        `${on} is of another major version than kube-apiserver ${api.text}: the skew policy forbids it`
      );
    else if (k.minor > api.minor)
      out.push(
        `${on} is newer than kube-apiserver ${api.text}: the skew policy never allows a kubelet newer than the API server`
      );
    else if (api.minor - k.minor > KUBELET_MAX_MINOR_LAG)
      out.push(
        `${on} is ${api.minor - k.minor} minors older than kube-apiserver ${api.text}: the skew policy allows at most ${KUBELET_MAX_MINOR_LAG}`
      );
  }
  return out;
}
function versionsFact(r, now) {
  const parsed = Object.keys(r.kubelets).map((t) => t === UNKNOWN_KUBELET ? void 0 : parseVersion(t)).filter((v) => v !== void 0).sort(compareVersions);
  return {
    time: r.at,
    ageSeconds: Math.round((now.getTime() - Date.parse(r.at)) / 1e3),
    apiServer: r.apiServer,
    nodes: r.nodes,
    ...parsed.length ? { kubeletMin: parsed[0]?.text, kubeletMax: parsed.at(-1)?.text } : {},
    kubelets: r.kubelets,
    skew: skewViolations(r.apiServer, r.kubelets),
    unsupported: []
  };
}
function fleetSupportNotes(facts) {
  let newest;
  for (const f of facts)
    for (const t of [f.apiServer, f.kubeletMax]) {
      const v = t === void 0 ? void 0 : parseVersion(t);
      if (v && (!newest || compareVersions(v, newest) > 0)) newest = v;
    }
  if (!newest) return;
  const oldestSupported = newest.minor - (UPSTREAM_SUPPORTED_MINORS - 1);
  for (const f of facts) {
    for (const [what, t] of [
      ["kube-apiserver", f.apiServer],
      ["oldest kubelet", f.kubeletMin]
    ]) {
      const v = t === void 0 ? void 0 : parseVersion(t);
      if (v && v.major === newest.major && v.minor < oldestSupported)
        f.unsupported.push(
          `${what} ${v.text} is out of upstream support: ${newest.major}.${newest.minor} exists (seen in this fleet) and upstream maintains only the ${UPSTREAM_SUPPORTED_MINORS} newest minors`
        );
    }
  }
}

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
    exportPath: c.export?.path ?? "",
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
  try {
    const record = await readVersionRecord(store, loc.prefix, loc.clusterName, now);
    if (record) status.versions = versionsFact(record, now);
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
  if (limits.maxExportAgeMs !== void 0 && s.exportPath !== "") {
    if (s.exportError !== void 0) problems.push(`cannot read its export: ${s.exportError}`);
    else if (!s.export) problems.push("no export commit found");
    else if (s.export.ageSeconds > limits.maxExportAgeMs / 1e3)
      problems.push(
        `newest export commit is ${humanDuration(s.export.ageSeconds * 1e3)} old (max-export-age ${humanDuration(limits.maxExportAgeMs)})`
      );
  }
  for (const v of s.versions?.skew ?? []) problems.push(`version skew: ${v}`);
  return { ...s, problems };
}
function storeKey(loc) {
  return JSON.stringify([loc.endpoint ?? "", loc.region ?? "", loc.bucket, loc.prefix]);
}
async function withExport(s, c, git, repoProblem, now) {
  if (!c.export) return s;
  if (repoProblem !== void 0) return { ...s, exportError: repoProblem };
  if (!git) return s;
  try {
    const fact = await readExportFact(git, c.export, now);
    return fact ? { ...s, export: fact } : s;
  } catch (err) {
    return { ...s, exportError: errorMessage(err) };
  }
}
async function fleetStatus(clusters, limits, now, logger, options = {}) {
  const { stallTimeoutMs, repository } = options;
  let git;
  let repoProblem;
  if (repository !== void 0 && clusters.some((c) => c.export)) {
    git = gitIn(repository);
    repoProblem = await checkRepository(git, repository);
    if (repoProblem) logger.warning(`exports not read: ${repoProblem}`);
  }
  const { SnapshotStore } = await import("./s3-DVNDZPSR.js");
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
      out[i] = judge(await withExport(status, c, git, repoProblem, now), limits);
      if (++done % 50 === 0) logger.info(`read ${done} of ${clusters.length} clusters`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, clusters.length) }, worker));
  } finally {
    for (const s of stores.values()) (await s.catch(() => void 0))?.close();
  }
  fleetSupportNotes(out.flatMap((s) => s.versions ? [s.versions] : []));
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
    maxExportAgeSeconds: limits.maxExportAgeMs === void 0 ? null : limits.maxExportAgeMs / 1e3,
    failing: statuses.filter((s) => s.problems.length).map((s) => s.name),
    clusters: statuses
  };
}
var age = (seconds) => seconds < 0 ? "in the future" : `${humanDuration(seconds * 1e3)} ago`;
function displaySafe(text, max = 200) {
  const s = text.replace(/[^A-Za-z0-9 .,:;=/_+@%'"()-]/g, "?");
  return s.length > max ? `${s.slice(0, max - 3)}...` : s;
}
function exportCells(s) {
  if (s.exportPath === "") return ["-", "-", "-"];
  if (s.exportError !== void 0) return [`unreadable: ${displaySafe(s.exportError, 160)}`, "-", "-"];
  const e = s.export;
  if (!e) return ["no commit", "-", "-"];
  const where = e.ref === "HEAD" ? "" : ` on ${displaySafe(e.ref.replace(/^refs\/(remotes\/|heads\/)/, ""), 80)}`;
  return [`${age(e.ageSeconds)}${where}`, String(e.objects), String(e.riskyChanges)];
}
function versionCells(s) {
  const v = s.versions;
  if (!v) return ["-", "-"];
  const range = v.kubeletMin === void 0 ? "none readable" : v.kubeletMin === v.kubeletMax ? v.kubeletMin : `${v.kubeletMin} to ${v.kubeletMax}`;
  return [`${v.apiServer} (${age(v.ageSeconds)})`, `${range} (${v.nodes} nodes)`];
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
    [
      "Max export age",
      limits.maxExportAgeMs === void 0 ? "not judged" : humanDuration(limits.maxExportAgeMs)
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
      "export",
      "objects",
      "risky changes",
      "kube-apiserver",
      "kubelets",
      "status"
    ],
    rows: statuses.map((s) => {
      const status = s.problems.length ? `FAIL: ${displaySafe(s.problems.join("; "), 600)}` : s.catalog === "" ? "OK (no etcd snapshots)" : "OK";
      const backups = s.catalog === "" ? ["-", "-", "-", "-", "-"] : [
        String(s.snapshots),
        s.newest ? `${age(s.newest.ageSeconds)}${s.newest.verified ? "" : " (unverified)"}` : "none",
        s.newestVerified ? age(s.newestVerified.ageSeconds) : "none",
        s.lastDrill ? `${s.lastDrill.passed ? "passed" : "FAILED"} ${age(s.lastDrill.ageSeconds)}` : "none",
        s.lastPassingDrill ? age(s.lastPassingDrill.ageSeconds) : "none"
      ];
      return [s.name, s.kind, ...backups, ...exportCells(s), ...versionCells(s), status];
    })
  });
  for (const s of statuses)
    if (s.export?.riskyChanges)
      report.notes.push(
        `${s.name}: ${s.export.riskyChanges} risky changes in export commit ${s.export.commit.slice(0, 12)}: ${s.export.risky.map((r) => `${displaySafe(r.file, 120)} (${r.why}, ${r.change})`).join(", ")}${s.export.riskyChanges > s.export.risky.length ? ", ..." : ""}`
      );
  for (const s of statuses)
    if (s.lastDrill && !s.lastDrill.passed)
      report.notes.push(
        `${s.name}: last drill failed: ${displaySafe(s.lastDrill.reason) || "(no reason recorded)"}`
      );
  for (const s of statuses)
    for (const u of s.versions?.unsupported ?? []) report.notes.push(`${s.name}: ${u}`);
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
    () => fleetStatus(clusters, config.limits, now, logger, {
      stallTimeoutMs: config.stallTimeoutMs,
      repository: config.repository
    })
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
