import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  createPki,
  freePorts
} from "./chunk-WLZ3KIWQ.js";
import {
  describeEnd,
  lastLines,
  runProcess
} from "./chunk-6CEDFUVY.js";
import {
  SnapshotStore,
  resolveKey,
  verifyStored
} from "./chunk-FQJHJPY2.js";
import "./chunk-PVDS6EV4.js";
import "./chunk-SMBKSNSB.js";
import {
  maskStorageSecrets,
  parseStorage,
  storageInputs
} from "./chunk-WPAPAYTU.js";
import {
  clusterInputs,
  parseClusterConfig
} from "./chunk-MHHRM6JR.js";
import "./chunk-RFV4WAL7.js";
import {
  sleep
} from "./chunk-6FTAWW3A.js";
import {
  chooseProxy,
  unreachableProxy
} from "./chunk-PU6KKUXJ.js";
import {
  require_node_http
} from "./chunk-IZKOCMEM.js";
import {
  connect
} from "./chunk-TEA3XJ5W.js";
import "./chunk-A2QQ3WGS.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  CapabilityFailure,
  defineCapability
} from "./chunk-7GSFTKQ3.js";
import {
  input,
  readInputs
} from "./chunk-3J7THEQH.js";
import "./chunk-SYXBBJIO.js";
import {
  formatBytes,
  formatDuration
} from "./chunk-T4ZVIX6G.js";
import {
  ConfigurationError,
  OperationalError,
  badInput,
  errorMessage
} from "./chunk-YBANDQLS.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/etcd/drill/drill.ts
import fs4 from "node:fs";
import os2 from "node:os";
import path3 from "node:path";

// src/etcd/drill/compare.ts
var TOLERANCE_FORM = "a count (5), a percentage (10%), or both separated by a comma (2,5%)";
function parseTolerance(value) {
  const t = { count: 0, percent: 0 };
  const parts = value.split(",").map((p) => p.trim());
  if (parts.length === 0 || parts.length > 2) throw badInput("tolerance", value, TOLERANCE_FORM);
  for (const p of parts) {
    const m = /^(\d+(?:\.\d+)?)(%?)$/.exec(p);
    if (!m) throw badInput("tolerance", value, TOLERANCE_FORM);
    if (m[2]) t.percent = Number(m[1]);
    else if (Number.isInteger(Number(m[1]))) t.count = Number(m[1]);
    else throw badInput("tolerance", value, TOLERANCE_FORM);
  }
  return t;
}
function allowedDifference(t, reference) {
  return Math.max(t.count, Math.floor(reference * t.percent / 100));
}
function formatTolerance(t) {
  const parts = [];
  if (t.count) parts.push(`${t.count} object${t.count === 1 ? "" : "s"}`);
  if (t.percent) parts.push(`${t.percent}%`);
  return parts.length ? parts.join(" or ") : "none (exact counts)";
}
function isDecryptionError(message) {
  return /transform|decrypt|no matching prefix|encryption|k8s:enc:/i.test(message);
}
var groupOf = (id) => id.includes(".") ? id.slice(id.indexOf(".") + 1) : "";
function compareCounts(restored, reference, o) {
  const ids = [.../* @__PURE__ */ new Set([...restored.keys(), ...reference.keys()])].sort();
  const rows = [];
  const failures = [];
  const encryptedUnchecked = [];
  const failedGroups = new Set((o.restoredFailedGroups ?? []).map((g) => g.replace(/\/[^/]*$/, "")));
  for (const id of ids) {
    const r = restored.get(id);
    const ref = reference.get(id);
    const kind = r?.kind ?? ref?.kind ?? id;
    const row = {
      id,
      kind,
      ...r?.count !== void 0 ? { restored: r.count } : {},
      ...ref?.count !== void 0 ? { reference: ref.count } : {},
      verdict: "match",
      why: ""
    };
    rows.push(row);
    if (o.ignored(id, kind)) {
      row.verdict = "ignored";
      row.why = "in ignore-kinds (churns on its own)";
      continue;
    }
    if (r?.error !== void 0) {
      if (isDecryptionError(r.error) && !o.encryptionConfigGiven) {
        row.verdict = "not checked";
        row.why = "encrypted at rest: give encryption-config to read it";
        encryptedUnchecked.push(id);
      } else {
        row.verdict = "UNREADABLE";
        row.why = `the restored apiserver cannot list it: ${r.error.slice(0, 300)}`;
        failures.push(`${id}: ${row.why}`);
      }
      continue;
    }
    if (!r && failedGroups.has(groupOf(id))) {
      row.verdict = "not checked";
      row.why = "served by an aggregated API server, not stored in etcd";
      continue;
    }
    const notListed = o.referenceNotListed?.get(id);
    if (notListed !== void 0) {
      row.verdict = "not checked";
      row.why = `not in the export: ${notListed}`;
      continue;
    }
    if (ref?.error !== void 0) {
      row.verdict = "not checked";
      row.why = `${o.referenceName} could not be listed: ${ref.error.slice(0, 200)}`;
      continue;
    }
    const a = r?.count ?? 0;
    const b = ref?.count ?? 0;
    if (a === b) {
      row.why = !r ? "" : "";
      continue;
    }
    const diff = a - b;
    const allowed = allowedDifference(o.tolerance, b);
    const what = !r ? `the snapshot has no such kind (its CustomResourceDefinition is newer than the snapshot?)` : !ref ? `${o.referenceName} has no such kind (removed since the snapshot?)` : diff < 0 ? `${-diff} fewer in the snapshot (created after it was taken?)` : `${diff} more in the snapshot (deleted after it was taken?)`;
    if (Math.abs(diff) <= allowed) {
      row.verdict = "within tolerance";
      row.why = `${what}; tolerance allows ${allowed}`;
    } else {
      row.verdict = "DIFFERS";
      row.why = `${what}; tolerance allows ${allowed}`;
      failures.push(
        `${id}: ${a} restored vs ${b} in ${o.referenceName} (${what}; tolerance allows ${allowed})`
      );
    }
  }
  return { rows, failures, encryptedUnchecked };
}
function kindIgnorer(entries) {
  const list = entries.map((e) => e.toLowerCase());
  return (id, kind) => {
    const [resource = "", ...rest] = id.split(".");
    const group = rest.join(".");
    return list.some((e) => {
      const dot = e.indexOf(".");
      const name = dot < 0 ? e : e.slice(0, dot);
      const g = dot < 0 ? void 0 : e.slice(dot + 1);
      if (g !== void 0 && g !== group && !(g === "core" && group === "")) return false;
      return name === resource || name === kind.toLowerCase();
    });
  };
}

// src/etcd/drill/config.ts
import fs2 from "node:fs";

// src/etcd/drill/fetch-binaries.ts
var import_node_http = __toESM(require_node_http(), 1);
import { createHash } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
var DEFAULT_KUBERNETES_RELEASE_URL = "https://dl.k8s.io/release";
var DEFAULT_ETCD_RELEASE_URL = "https://github.com/etcd-io/etcd/releases/download";
function defaultCacheDir() {
  return path.join(process.env.KUBEKEEP_CACHE ?? path.join(os.homedir(), ".cache", "kubekeep"), "drill");
}
function goArch(arch = process.arch) {
  const m = { x64: "amd64", arm64: "arm64", ppc64: "ppc64le", s390x: "s390x" };
  const a = m[arch];
  if (!a)
    throw new ConfigurationError(
      `the drill's binaries are published for amd64, arm64, ppc64le and s390x, not ${arch}`
    );
  return a;
}
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
var sha256 = (buf) => createHash("sha256").update(buf).digest("hex");
var MAX_REDIRECTS = 5;
async function download(url2, opts) {
  const signal = AbortSignal.any([
    AbortSignal.timeout(opts.timeoutMs),
    ...opts.signal ? [opts.signal] : []
  ]);
  let at = new URL(url2);
  let proxy;
  try {
    for (let hop = 0; ; hop++) {
      proxy = chooseProxy(at, void 0, process.env);
      const res = await get(at, proxy, signal);
      const location = res.headers.location;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
        res.resume();
        if (hop >= MAX_REDIRECTS)
          throw new OperationalError(`GET ${url2}: more than ${MAX_REDIRECTS} redirects`);
        at = new URL(location, at);
        continue;
      }
      if (res.statusCode !== 200) {
        res.resume();
        throw new OperationalError(
          `GET ${at.href} answered ${res.statusCode} ${res.statusMessage ?? ""}; check the version and the release URL input`
        );
      }
      const chunks = [];
      for await (const chunk of res) chunks.push(chunk);
      return Buffer.concat(chunks);
    }
  } catch (err) {
    if (err instanceof OperationalError) throw err;
    if (opts.signal?.aborted) throw new OperationalError(`GET ${url2} cancelled`);
    if (signal.aborted)
      throw new OperationalError(`GET ${url2} did not finish within ${formatDuration(opts.timeoutMs)}`);
    const atProxy = unreachableProxy(proxy, err, at.href);
    if (atProxy) throw atProxy;
    throw new OperationalError(
      `GET ${at.href} failed (${errorMessage(err)}); check the release URL input and the runner's network`
    );
  }
}
function get(url2, proxy, signal) {
  const proxyEnv = proxy?.env ?? {};
  const agent = url2.protocol === "https:" ? new https.Agent({ proxyEnv }) : new import_node_http.default.Agent({ proxyEnv });
  const client = url2.protocol === "https:" ? https : import_node_http.default;
  return new Promise((resolve, reject) => {
    const req = client.get(url2, { agent, signal }, resolve);
    req.on("error", reject);
  });
}
function checksumMismatch(what, url2, got, want) {
  return new OperationalError(
    `checksum mismatch for ${what} from ${url2}: its sha256 is ${got}, the published checksum is ${want}; refusing to run it (a damaged download or a mirror serving other bytes)`
  );
}
function cacheFile(file, bytes, sum) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  fs.writeFileSync(partial, bytes, { mode: 493 });
  fs.renameSync(partial, file);
  fs.writeFileSync(`${file}.sha256`, sum + "\n");
}
function cached(file) {
  try {
    const want = fs.readFileSync(`${file}.sha256`, "utf8").trim();
    return sha256(fs.readFileSync(file)) === want;
  } catch {
    return false;
  }
}
function untar(tar) {
  const out = /* @__PURE__ */ new Map();
  let off = 0;
  let longName;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(str(124, 136).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = str(345, 500);
    const name = longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    longName = void 0;
    const body = tar.subarray(off + 512, off + 512 + size);
    if (type === "L") longName = body.toString("utf8").replace(/\0.*$/s, "");
    else if (type === "0" || type === "\0") out.set(name, Buffer.from(body));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
async function fetchApiserver(opts, arch, logger) {
  const file = path.join(opts.cacheDir, "kubernetes", opts.kubernetesVersion, arch, "kube-apiserver");
  if (cached(file)) return file;
  const url2 = `${opts.kubernetesReleaseUrl.replace(/\/+$/, "")}/${opts.kubernetesVersion}/bin/linux/${arch}/kube-apiserver`;
  const want = (await download(`${url2}.sha256`, opts)).toString("utf8").trim().split(/\s+/)[0] ?? "";
  if (!/^[0-9a-f]{64}$/.test(want))
    throw new OperationalError(`${url2}.sha256 holds no sha256 (${JSON.stringify(want.slice(0, 80))})`);
  const bytes = await download(url2, opts);
  const got = sha256(bytes);
  if (got !== want) throw checksumMismatch("kube-apiserver", url2, got, want);
  logger.info(
    `fetched kube-apiserver ${opts.kubernetesVersion} (${formatBytes(bytes.length)}), sha256 verified`
  );
  cacheFile(file, bytes, got);
  return file;
}
async function fetchEtcd(opts, arch, logger) {
  const dir = path.join(opts.cacheDir, "etcd", opts.etcdVersion, arch);
  const etcd = path.join(dir, "etcd");
  const etcdutl = path.join(dir, "etcdutl");
  if (cached(etcd) && cached(etcdutl)) return { etcd, etcdutl };
  const name = `etcd-${opts.etcdVersion}-linux-${arch}`;
  const base = `${opts.etcdReleaseUrl.replace(/\/+$/, "")}/${opts.etcdVersion}`;
  const sums = (await download(`${base}/SHA256SUMS`, opts)).toString("utf8");
  const want = sums.split("\n").map((l) => l.trim().split(/\s+/)).find((f) => f[1]?.replace(/^\*/, "") === `${name}.tar.gz`)?.[0];
  if (!want || !/^[0-9a-f]{64}$/.test(want))
    throw new OperationalError(`${base}/SHA256SUMS lists no checksum for ${name}.tar.gz`);
  const url2 = `${base}/${name}.tar.gz`;
  const tgz = await download(url2, opts);
  const got = sha256(tgz);
  if (got !== want) throw checksumMismatch(`${name}.tar.gz`, url2, got, want);
  let files;
  try {
    files = untar(gunzipSync(tgz));
  } catch (err) {
    throw new OperationalError(`${url2}: not a gzip tar archive (${errorMessage(err)})`);
  }
  for (const [bin, dest] of [
    ["etcd", etcd],
    ["etcdutl", etcdutl]
  ]) {
    const bytes = files.get(`${name}/${bin}`);
    if (!bytes) throw new OperationalError(`${url2} holds no ${name}/${bin}`);
    cacheFile(dest, bytes, sha256(bytes));
  }
  logger.info(
    `fetched etcd ${opts.etcdVersion} (${formatBytes(tgz.length)}), sha256 verified against SHA256SUMS`
  );
  return { etcd, etcdutl };
}
async function fetchBinaries(opts, logger) {
  const arch = opts.arch ?? goArch();
  const [apiserver, etcd] = await Promise.all([
    fetchApiserver(opts, arch, logger),
    fetchEtcd(opts, arch, logger)
  ]);
  return { ...etcd, "kube-apiserver": apiserver };
}

// src/etcd/drill/config.ts
var DEFAULT_IGNORED_KINDS = "events, leases";
var drillInputs = {
  ...storageInputs,
  key: input.string({ description: "Object key of the snapshot to drill.", defaultText: "the newest" }),
  kubeconfig: {
    ...clusterInputs.kubeconfig,
    description: "Kubeconfig content (from a secret) or a path to one: the live cluster whose counts, identity (the kube-system namespace's UID) and version the restored snapshot is compared with."
  },
  "kubeconfig-path": clusterInputs["kubeconfig-path"],
  context: clusterInputs.context,
  "compare-with": input.enum(["live", "export"], {
    description: "What the restored counts are compared with: live (the cluster the kubeconfig reaches) or export (the kubekeep export tree at export-path, committed at about the snapshot's time).",
    default: "live"
  }),
  "export-path": input.string({
    description: "Root of a kubekeep export tree (the folder holding kubekeep-index.yaml), for compare-with: export."
  }),
  tolerance: input.string({
    description: `How far a kind's restored count may be from the reference before the drill fails: ${TOLERANCE_FORM}. A count allows that many objects of difference per kind; a percentage allows that share of the reference count; with both, either suffices.`,
    default: "2,5%"
  }),
  "ignore-kinds": input.string({
    description: "Kinds whose counts are shown but never judged, comma separated (Kind, resource or resource.group): they churn on their own. `none` judges every kind.",
    default: DEFAULT_IGNORED_KINDS
  }),
  "encryption-config": input.string({
    description: "The cluster's EncryptionConfiguration (content, masked, or a file path), given to the throwaway kube-apiserver so it can read Secrets (and other kinds) encrypted at rest. Without it those kinds are reported as not checked.",
    secret: true
  }),
  "kubernetes-version": input.string({
    description: "Version of the throwaway kube-apiserver, e.g. v1.35.4.",
    defaultText: "the live cluster's /version"
  }),
  "etcd-version": input.string({
    description: "Version of the throwaway etcd and of etcdutl, e.g. v3.6.16.",
    defaultText: "the version the snapshot's metadata records"
  }),
  "binaries-dir": input.string({
    description: "A folder holding etcd, etcdutl and kube-apiserver to use as they are. Empty: fetch them from the release URLs, verify their published sha256 and cache them."
  }),
  "kubernetes-release-url": input.string({
    description: "Where kube-apiserver is fetched from: <url>/<version>/bin/linux/<arch>/kube-apiserver and its .sha256 (a mirror in the same layout works).",
    default: DEFAULT_KUBERNETES_RELEASE_URL
  }),
  "etcd-release-url": input.string({
    description: "Where etcd is fetched from: <url>/<version>/etcd-<version>-linux-<arch>.tar.gz, checked against <url>/<version>/SHA256SUMS.",
    default: DEFAULT_ETCD_RELEASE_URL
  }),
  "cache-dir": input.string({
    description: "Where fetched, verified binaries are kept between runs.",
    defaultText: "$KUBEKEEP_CACHE/drill, else ~/.cache/kubekeep/drill"
  }),
  "etcd-prefix": input.string({
    description: "The key prefix the cluster's kube-apiserver stores objects under (--etcd-prefix).",
    default: "/registry"
  }),
  "service-cluster-ip-range": input.string({
    description: "--service-cluster-ip-range of the throwaway kube-apiserver; the cluster's own keeps it from logging about a different range.",
    default: "10.96.0.0/12"
  }),
  "download-timeout": input.duration({
    description: "How long each binary download may take.",
    default: "10m"
  }),
  "etcdutl-timeout": input.duration({
    description: "How long etcdutl snapshot restore may run before its process group is ended and the drill fails.",
    default: "30m"
  }),
  "start-timeout": input.duration({
    description: "How long the throwaway etcd and kube-apiserver each have to become healthy.",
    default: "5m"
  }),
  "list-timeout": input.duration({
    description: "How long listing every kind may take, on the restored apiserver and on the reference each.",
    default: "15m"
  })
};
var VERSION_RE = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;
function version(name, v) {
  if (v === void 0) return void 0;
  if (!VERSION_RE.test(v)) throw badInput(name, v, "a release version such as v1.35.4");
  return v.startsWith("v") ? v : `v${v}`;
}
function url(name, v) {
  if (!/^https?:\/\/\S+$/.test(v)) throw badInput(name, v, "an http(s) URL");
  return v.replace(/\/+$/, "");
}
function parseDrillConfig(src) {
  const v = readInputs(drillInputs, src);
  const compareWith = v["compare-with"];
  const exportPath = v["export-path"];
  if (compareWith === "export" && !exportPath)
    throw new ConfigurationError("input 'export-path' is required with compare-with: export");
  if (exportPath && !fs2.existsSync(exportPath))
    throw new ConfigurationError(`input 'export-path': ${JSON.stringify(exportPath)} does not exist`);
  let encryptionConfig = v["encryption-config"];
  if (encryptionConfig !== void 0) {
    if (!encryptionConfig.includes("\n") && fs2.existsSync(encryptionConfig))
      encryptionConfig = fs2.readFileSync(encryptionConfig, "utf8");
    if (!/kind:\s*EncryptionConfiguration/.test(encryptionConfig))
      throw new ConfigurationError(
        "input 'encryption-config': expected an EncryptionConfiguration (YAML content with kind: EncryptionConfiguration, or the path of a file holding one); got neither (value not shown: it is secret)"
      );
  }
  const ignore = v["ignore-kinds"].split(/[,\n]/).map((s) => s.trim()).filter((s) => s && !s.startsWith("#"));
  const binariesDir = v["binaries-dir"];
  const kubernetesVersion = version("kubernetes-version", v["kubernetes-version"]);
  const etcdVersion = version("etcd-version", v["etcd-version"]);
  const cacheDir = v["cache-dir"];
  const range = v["service-cluster-ip-range"];
  if (!/^[0-9a-fA-F.:]+\/\d{1,3}$/.test(range))
    throw badInput("service-cluster-ip-range", range, "a CIDR such as 10.96.0.0/12");
  return {
    storage: parseStorage(src),
    ...v.key ? { key: v.key } : {},
    cluster: parseClusterConfig(src),
    compareWith,
    ...exportPath ? { exportPath } : {},
    tolerance: parseTolerance(v.tolerance),
    ignoreKinds: ignore.length === 1 && ignore[0] === "none" ? [] : ignore,
    ...encryptionConfig ? { encryptionConfig } : {},
    ...kubernetesVersion ? { kubernetesVersion } : {},
    ...etcdVersion ? { etcdVersion } : {},
    ...binariesDir ? { binariesDir } : {},
    kubernetesReleaseUrl: url("kubernetes-release-url", v["kubernetes-release-url"]),
    etcdReleaseUrl: url("etcd-release-url", v["etcd-release-url"]),
    ...cacheDir ? { cacheDir } : {},
    etcdPrefix: v["etcd-prefix"],
    serviceClusterIpRange: range,
    downloadTimeoutMs: v["download-timeout"],
    etcdutlTimeoutMs: v["etcdutl-timeout"],
    startTimeoutMs: v["start-timeout"],
    listTimeoutMs: v["list-timeout"]
  };
}

// src/etcd/drill/report.ts
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

// src/etcd/drill/throwaway.ts
var import_node_http2 = __toESM(require_node_http(), 1);
import fs3 from "node:fs";
import https2 from "node:https";
import path2 from "node:path";
function startServer(name, command, args, lifetimeMs) {
  const abort = new AbortController();
  let tail = "";
  let done;
  let startError;
  const finished = runProcess(command, args, {
    timeoutMs: lifetimeMs,
    signal: abort.signal,
    onLine: (l) => {
      tail = (tail + l + "\n").slice(-8e3);
    }
  }).then(
    (r) => {
      done = r;
    },
    (err) => {
      startError = err;
    }
  );
  return {
    name,
    output: () => tail + (startError ? `
(cannot start ${command}: ${errorMessage(startError)})` : ""),
    exited: () => done !== void 0 || startError !== void 0,
    async stop() {
      abort.abort();
      await finished;
    }
  };
}
async function waitFor(server, what, probe, timeoutMs, signal) {
  const deadline = Date.now() + timeoutMs;
  for (; ; ) {
    if (signal?.aborted) throw new OperationalError(`cancelled while waiting for ${server.name} ${what}`);
    if (server.exited())
      throw new OperationalError(
        `the throwaway ${server.name} exited before ${what}; its output ends with: ${lastLines(server.output(), 8)}`
      );
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline)
      throw new OperationalError(
        `the throwaway ${server.name} did not reach ${what} within ${formatDuration(timeoutMs)}; its output ends with: ${lastLines(server.output(), 8)}`
      );
    await sleep(250);
  }
}
function httpGetOk(url2, tls) {
  return new Promise((resolve) => {
    const get2 = url2.startsWith("https:") ? https2.get : import_node_http2.default.get;
    const req = get2(url2, { ...tls ?? {}, timeout: 2e3 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
  });
}
function etcdGateway(endpoint, p, body, timeoutMs = 3e4) {
  return new Promise((resolve, reject) => {
    const req = import_node_http2.default.request(
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
var peerUrl = (p) => `http://127.0.0.1:${p.peer}`;
async function startEtcd(etcd, dataDir, ports, timeoutMs, lifetimeMs, signal) {
  const endpoint = `http://127.0.0.1:${ports.client}`;
  const peer = peerUrl(ports);
  const server = startServer(
    "etcd",
    etcd,
    [
      `--name=${MEMBER_NAME}`,
      `--data-dir=${dataDir}`,
      `--listen-client-urls=${endpoint}`,
      `--advertise-client-urls=${endpoint}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=${MEMBER_NAME}=${peer}`,
      "--listen-metrics-urls=",
      "--unsafe-no-fsync=true",
      "--quota-backend-bytes=8589934592",
      "--log-level=warn"
    ],
    lifetimeMs
  );
  try {
    await waitFor(server, "health", () => httpGetOk(`${endpoint}/health`), timeoutMs, signal);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { server, endpoint };
}
async function startApiserver(options) {
  const [port] = await freePorts(1);
  const { pki } = options;
  const url2 = `https://127.0.0.1:${port}`;
  const certDir = path2.join(options.dir, "apiserver-certs");
  fs3.mkdirSync(certDir, { recursive: true });
  const server = startServer(
    "kube-apiserver",
    options.binary,
    [
      `--etcd-servers=${options.etcdEndpoint}`,
      `--etcd-prefix=${options.etcdPrefix}`,
      "--bind-address=127.0.0.1",
      "--advertise-address=127.0.0.1",
      `--secure-port=${port}`,
      `--cert-dir=${certDir}`,
      `--tls-cert-file=${pki.apiserver.cert}`,
      `--tls-private-key-file=${pki.apiserver.key}`,
      `--client-ca-file=${pki.ca.cert}`,
      "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
      `--service-account-key-file=${pki.serviceAccountPub}`,
      `--service-account-signing-key-file=${pki.serviceAccountKey}`,
      `--service-cluster-ip-range=${options.serviceClusterIpRange}`,
      "--authorization-mode=RBAC",
      "--anonymous-auth=false",
      "--profiling=false",
      "--allow-privileged=true",
      // Nothing should be written that is not needed to serve reads.
      "--endpoint-reconciler-type=none",
      ...options.encryptionConfigFile ? [`--encryption-provider-config=${options.encryptionConfigFile}`] : []
    ],
    options.lifetimeMs
  );
  const tls = {
    ca: fs3.readFileSync(pki.ca.cert),
    cert: fs3.readFileSync(pki.admin.cert),
    key: fs3.readFileSync(pki.admin.key)
  };
  try {
    await waitFor(
      server,
      "/readyz",
      () => httpGetOk(`${url2}/readyz?exclude=informer-sync`, tls),
      options.timeoutMs,
      options.signal
    );
  } catch (err) {
    await server.stop();
    throw err;
  }
  return { server, url: url2 };
}

// src/etcd/drill/drill.ts
function releaseOf(gitVersion) {
  return gitVersion.replace(/\+.*$/, "");
}
async function cleanup(p, logger) {
  for (const c of p.clients) c();
  for (const s of [...p.servers].reverse()) await s.stop();
  try {
    fs4.rmSync(p.dir, { recursive: true, force: true });
  } catch (err) {
    logger.warning(`could not remove the drill's temporary folder ${p.dir}: ${errorMessage(err)}`);
  }
}
function reasonOf(output) {
  const lines = output.split("\n").map((l) => l.trim());
  const hit = lines.find((l) => /^panic:|^Error:|"level":"(fatal|panic|error)"/.test(l));
  return hit ? hit.slice(0, 500) : lastLines(output, 6);
}
async function restore(etcdutl, file, dataDir, peer, config, signal) {
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
      timeoutMs: config.etcdutlTimeoutMs,
      ...signal ? { signal } : {}
    });
  } catch (err) {
    throw new OperationalError(`cannot run ${etcdutl} (${errorMessage(err)})`);
  }
  if (res.code !== 0 || res.timedOut || res.aborted)
    throw new OperationalError(
      `the snapshot does not restore: etcdutl snapshot restore ${describeEnd(res, config.etcdutlTimeoutMs)}: ${reasonOf(res.output)}`
    );
}
async function namespaceUid(client, name) {
  try {
    return (await client.get(`/api/v1/namespaces/${name}`)).metadata?.uid;
  } catch {
    return void 0;
  }
}
async function firstList(client, timeoutMs, signal) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (; ; ) {
    if (signal?.aborted) throw new OperationalError("cancelled while waiting for the first list");
    try {
      await client.get("/api/v1/namespaces", { limit: 1 });
      return;
    } catch (err) {
      last = errorMessage(err);
    }
    if (Date.now() > deadline)
      throw new OperationalError(
        `the restored kube-apiserver answered no list within ${formatDuration(timeoutMs)} (last: ${last})`
      );
    await sleep(200);
  }
}
function withDeadline(ms, signal) {
  return signal ? AbortSignal.any([signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms);
}
async function timed(ms, what, fn, signal) {
  const s = withDeadline(ms, signal);
  try {
    return await fn(s);
  } catch (err) {
    if (s.aborted && !signal?.aborted)
      throw new OperationalError(`${what} did not finish within ${formatDuration(ms)} (list-timeout)`);
    throw err;
  }
}
async function runDrill(config, { logger, signal }) {
  maskStorageSecrets(logger, config.storage);
  for (const m of (config.encryptionConfig ?? "").matchAll(/secret:\s*["']?([^\s"']{8,})/g))
    if (m[1]) logger.setSecret(m[1]);
  const phase = {
    // The runner's temporary folder on GitHub (cleaned after every job), else the system's.
    dir: fs4.mkdtempSync(path3.join(process.env.RUNNER_TEMP || os2.tmpdir(), "kubekeep-drill-")),
    servers: [],
    clients: []
  };
  const outcome = {
    snapshot: "",
    reference: config.compareWith === "live" ? "the live cluster" : `the export at ${config.exportPath}`,
    tolerance: config.tolerance,
    ignoreKinds: config.ignoreKinds,
    notChecked: []
  };
  const outputs = () => ({
    key: outcome.snapshot.replace(/^s3:\/\/[^/]+\//, ""),
    passed: outcome.failure === void 0,
    "restore-seconds": outcome.restoreMs !== void 0 ? Math.round(outcome.restoreMs / 100) / 10 : "",
    "first-list-seconds": outcome.firstListMs !== void 0 ? Math.round(outcome.firstListMs / 100) / 10 : "",
    objects: outcome.comparison?.rows.reduce((n, r) => n + (r.restored ?? 0), 0) ?? 0,
    differences: outcome.comparison?.failures.length ?? 0,
    hashkv: outcome.hashKV?.split(":")[0] ?? ""
  });
  const store = await SnapshotStore.open(config.storage.s3);
  phase.clients.push(() => store.close());
  try {
    let live;
    if (config.compareWith === "live" || !config.kubernetesVersion) {
      const c = await connect(config.cluster, logger);
      phase.clients.push(c.cleanup);
      live = c.client;
    }
    const snap = await resolveKey(store, config.storage, config.key, logger);
    outcome.snapshot = `s3://${config.storage.s3.bucket}/${snap.key}`;
    const file = path3.join(phase.dir, "snapshot.db");
    const t0 = Date.now();
    const v = await logger.group(`download and verify ${snap.key}`, async () => {
      const out = fs4.createWriteStream(file, { fd: fs4.openSync(file, "w", 384) });
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
    const kubernetesVersion = config.kubernetesVersion ?? releaseOf((await live.serverVersion()).gitVersion);
    const recordedEtcd = snap.metadata?.etcdVersion;
    const etcdVersion = config.etcdVersion ?? (recordedEtcd ? `v${recordedEtcd.replace(/^v/, "")}` : void 0);
    if (!etcdVersion && !config.binariesDir)
      throw new ConfigurationError(
        `input 'etcd-version': ${snap.key} has no metadata recording its etcd version; give etcd-version (e.g. v3.6.16) or binaries-dir`
      );
    outcome.kubernetesVersion = kubernetesVersion;
    outcome.etcdVersion = etcdVersion ?? "(from binaries-dir)";
    const bins = await logger.group("binaries", async () => {
      if (config.binariesDir) {
        outcome.binaries = `from ${config.binariesDir} (as given, not fetched)`;
        return binariesFromDir(config.binariesDir);
      }
      const b = await fetchBinaries(
        {
          kubernetesVersion,
          etcdVersion,
          kubernetesReleaseUrl: config.kubernetesReleaseUrl,
          etcdReleaseUrl: config.etcdReleaseUrl,
          cacheDir: config.cacheDir ?? defaultCacheDir(),
          timeoutMs: config.downloadTimeoutMs,
          ...signal ? { signal } : {}
        },
        logger
      );
      outcome.binaries = `fetched from ${config.kubernetesReleaseUrl} and ${config.etcdReleaseUrl}, sha256 verified`;
      return b;
    });
    const lifetimeMs = 2 * config.startTimeoutMs + 2 * config.listTimeoutMs + 6e4;
    const ports = await etcdPorts();
    const dataDir = path3.join(phase.dir, "data");
    await logger.group("etcdutl snapshot restore", async () => {
      const t = Date.now();
      await restore(bins.etcdutl, file, dataDir, peerUrl(ports), config, signal);
      outcome.restoreMs = Date.now() - t;
      logger.info(`restored revision ${v.revision} in ${formatDuration(outcome.restoreMs)}`);
    });
    fs4.rmSync(file, { force: true });
    const pki = createPki(path3.join(phase.dir, "pki"));
    const startedAt = Date.now();
    const etcd = await startEtcd(bins.etcd, dataDir, ports, config.startTimeoutMs, lifetimeMs, signal);
    phase.servers.push(etcd.server);
    let encryptionConfigFile;
    if (config.encryptionConfig) {
      encryptionConfigFile = path3.join(phase.dir, "encryption-config.yaml");
      fs4.writeFileSync(encryptionConfigFile, config.encryptionConfig, { mode: 384 });
    }
    const api = await logger.group(
      "throwaway kube-apiserver",
      () => startApiserver({
        binary: bins["kube-apiserver"],
        etcdEndpoint: etcd.endpoint,
        etcdPrefix: config.etcdPrefix,
        pki,
        dir: phase.dir,
        ...encryptionConfigFile ? { encryptionConfigFile } : {},
        serviceClusterIpRange: config.serviceClusterIpRange,
        timeoutMs: config.startTimeoutMs,
        lifetimeMs,
        ...signal ? { signal } : {}
      })
    );
    phase.servers.push(api.server);
    const kubeconfig = path3.join(phase.dir, "kubeconfig");
    const { writeKubeconfig } = await import("./kubeconfig-YRYUU3S7.js");
    writeKubeconfig(kubeconfig, {
      name: "kubekeep-drill",
      server: api.url,
      caFile: pki.ca.cert,
      certFile: pki.admin.cert,
      keyFile: pki.admin.key
    });
    const { KubeClient } = await import("./client-HF2O6FZK.js");
    const { countCluster, countExport } = await import("./count-LUFU65CR.js");
    const restoredClient = await KubeClient.fromFile(kubeconfig, void 0, config.cluster.stallTimeoutMs);
    phase.clients.push(() => restoredClient.close());
    await firstList(restoredClient, config.startTimeoutMs, signal);
    outcome.firstListMs = Date.now() - startedAt;
    logger.info(
      `the restored apiserver answered its first list ${formatDuration(outcome.firstListMs)} after etcd started`
    );
    const recorded = snap.metadata?.hashKV;
    if (recorded) {
      const got = await etcdGateway(etcd.endpoint, "/v3/maintenance/hashkv", {
        revision: recorded.revision
      });
      const hash = Number(got.hash ?? 0);
      if (hash !== recorded.hash) {
        outcome.hashKV = `mismatch: the restored member hashes revision ${recorded.revision} to ${hash}, the live member hashed it to ${recorded.hash} when the snapshot was taken`;
        throw new OperationalError(`HashKV ${outcome.hashKV}`);
      }
      outcome.hashKV = `match: the restored member hashes revision ${recorded.revision} to ${hash}, as the live member did when the snapshot was taken`;
    } else {
      outcome.notChecked.push(
        "HashKV: the snapshot's metadata records no HashKV of the live member (snapshots taken with verify-hashkv: true record one)"
      );
    }
    const t1 = Date.now();
    const restored = await logger.group(
      "count objects per kind (restored)",
      () => timed(
        config.listTimeoutMs,
        "listing the restored apiserver",
        (s) => countCluster(restoredClient, { signal: s }),
        signal
      )
    );
    outcome.listMs = Date.now() - t1;
    const restoredUid = await namespaceUid(restoredClient, "kube-system");
    if (!restoredUid)
      throw new OperationalError(
        `the restored data holds no kube-system namespace: not a Kubernetes cluster's etcd, or its objects are not under etcd-prefix ${config.etcdPrefix}`
      );
    let reference;
    let notListed;
    if (config.compareWith === "live") {
      const client = live;
      const liveUid = await namespaceUid(client, "kube-system");
      if (liveUid && liveUid !== restoredUid) {
        outcome.identity = `DIFFERENT: the snapshot's kube-system namespace has UID ${restoredUid}, the live cluster's ${liveUid}`;
        throw new OperationalError(
          `the snapshot is of another cluster: its kube-system namespace has UID ${restoredUid}, the live cluster's has ${liveUid} (check cluster-name and s3-prefix, or the kubeconfig)`
        );
      }
      outcome.identity = liveUid ? `same cluster (kube-system namespace UID ${restoredUid})` : "not checked: the live kube-system namespace could not be read";
      const counted = await logger.group(
        "count objects per kind (live)",
        () => timed(
          config.listTimeoutMs,
          "listing the live cluster",
          (s) => countCluster(client, { signal: s }),
          signal
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
    if (comparison.failures.length) {
      throw new OperationalError(
        `${comparison.failures.length} kind(s) differ beyond the tolerance (${comparison.failures.slice(0, 5).join("; ")}${comparison.failures.length > 5 ? "; ..." : ""})`
      );
    }
    const report = drillReport(outcome);
    logger.info(
      `drill passed: ${outputs().objects} objects restored, counts agree with ${outcome.reference}`
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
var etcdDrill = defineCapability({
  name: "etcd-drill",
  summary: "prove a stored etcd snapshot restores: restore it into throwaway etcd + kube-apiserver and compare counts",
  description: "Prove a stored etcd snapshot restores: download and verify it, restore it with etcdutl into a throwaway etcd, start a throwaway kube-apiserver of the cluster's version on it, list every kind and compare per-kind counts (and the cluster's identity) with the live cluster or an export tree. Fails when the snapshot does not restore or the counts differ beyond the tolerance.",
  inputs: drillInputs,
  outputs: {
    key: "Object key drilled",
    passed: "true when the drill passed",
    "restore-seconds": "Seconds etcdutl snapshot restore took",
    "first-list-seconds": "Seconds from the throwaway etcd's start to the first list the restored kube-apiserver answered",
    objects: "Objects the restored kube-apiserver listed",
    differences: "Kinds whose counts differ beyond the tolerance",
    hashkv: "match or mismatch when the snapshot's metadata records a HashKV, empty otherwise"
  },
  parse: parseDrillConfig,
  run: runDrill
});
export {
  etcdDrill,
  reasonOf,
  releaseOf,
  runDrill
};
