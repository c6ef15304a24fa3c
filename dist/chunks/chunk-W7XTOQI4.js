import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  cacheRoot
} from "./chunk-7EMZUJSM.js";
import {
  chooseProxy,
  unreachableProxy
} from "./chunk-PU6KKUXJ.js";
import {
  require_node_http
} from "./chunk-IZKOCMEM.js";
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

// src/core/binaries/releases.ts
import path2 from "node:path";
import { gunzipSync } from "node:zlib";

// src/core/binaries/download.ts
var import_node_http = __toESM(require_node_http(), 1);
import { createHash } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
var MAX_REDIRECTS = 5;
var sha256 = (buf) => createHash("sha256").update(buf).digest("hex");
function requireHttps(url, allowHttp, what) {
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && allowHttp) return;
  throw new OperationalError(
    url.protocol === "http:" ? `${what} ${url.href} is plain http: refusing to download binaries that could be altered on the way; use https (or allow-insecure-downloads: true for a mirror on a trusted network)` : `${what} ${url.href} is not an http(s) URL; refusing it`
  );
}
async function download(url, opts) {
  const signal = AbortSignal.any([
    AbortSignal.timeout(opts.timeoutMs),
    ...opts.signal ? [opts.signal] : []
  ]);
  let at = new URL(url);
  requireHttps(at, opts.allowHttp ?? false, "GET");
  let proxy;
  try {
    for (let hop = 0; ; hop++) {
      proxy = chooseProxy(at, void 0, process.env);
      const res = await get(at, proxy, signal);
      const location = res.headers.location;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
        res.resume();
        if (hop >= MAX_REDIRECTS)
          throw new OperationalError(`GET ${url}: more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, at);
        if (at.protocol === "https:" && next.protocol !== "https:")
          throw new OperationalError(
            `GET ${at.href} redirected to ${next.href}: refusing a downgrade from https to ${next.protocol.replace(/:$/, "")} (a mirror or a proxy in the way must serve https)`
          );
        requireHttps(next, opts.allowHttp ?? false, `GET ${at.href} redirected to`);
        at = next;
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
    if (opts.signal?.aborted) throw new OperationalError(`GET ${url} cancelled`);
    if (signal.aborted)
      throw new OperationalError(`GET ${url} did not finish within ${formatDuration(opts.timeoutMs)}`);
    const atProxy = unreachableProxy(proxy, err, at.href);
    if (atProxy) throw atProxy;
    throw new OperationalError(
      `GET ${at.href} failed (${errorMessage(err)}); check the release URL input and the runner's network`
    );
  }
}
function get(url, proxy, signal) {
  const proxyEnv = proxy?.env ?? {};
  const agent = url.protocol === "https:" ? new https.Agent({ proxyEnv }) : new import_node_http.default.Agent({ proxyEnv });
  const client = url.protocol === "https:" ? https : import_node_http.default;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { agent, signal }, resolve);
    req.on("error", reject);
  });
}
function checksumMismatch(what, url, got, want) {
  return new OperationalError(
    `checksum mismatch for ${what} from ${url}: its sha256 is ${got}, the published checksum is ${want}; refusing to run it (a damaged download or a mirror serving other bytes)`
  );
}
function inside(root, ...parts) {
  const base = path.resolve(root);
  const file = path.resolve(base, ...parts);
  if (!file.startsWith(base + path.sep))
    throw new OperationalError(`refusing the cache path ${file}: it is not inside ${base}`);
  return file;
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

// src/core/binaries/releases.ts
var DEFAULT_KUBERNETES_RELEASE_URL = "https://dl.k8s.io/release";
var DEFAULT_ETCD_RELEASE_URL = "https://github.com/etcd-io/etcd/releases/download";
var RELEASE_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
function releaseVersion(version, what) {
  if (!RELEASE_VERSION.test(version))
    throw new OperationalError(
      `refusing ${what} ${JSON.stringify(version.slice(0, 200))}: not a release version (expected e.g. v3.6.16); it would become part of a download URL and a cache path`
    );
  return version.startsWith("v") ? version : `v${version}`;
}
function defaultReleaseCacheDir() {
  return path2.join(cacheRoot(), "drill");
}
function goArch(arch = process.arch) {
  const m = { x64: "amd64", arm64: "arm64", ppc64: "ppc64le", s390x: "s390x" };
  const a = m[arch];
  if (!a)
    throw new ConfigurationError(
      `release binaries are published for amd64, arm64, ppc64le and s390x, not ${arch}`
    );
  return a;
}
function baseUrl(url, allowHttp) {
  if (!URL.canParse(url)) throw new OperationalError(`release URL ${JSON.stringify(url)} is not a URL`);
  requireHttps(new URL(url), allowHttp, "release URL");
  return url.replace(/\/+$/, "");
}
async function fetchApiserver(opts, version, arch, logger) {
  const file = inside(opts.cacheDir, "kubernetes", version, arch, "kube-apiserver");
  if (cached(file)) return file;
  const url = `${baseUrl(opts.kubernetesReleaseUrl, opts.allowHttp ?? false)}/${version}/bin/linux/${arch}/kube-apiserver`;
  const want = (await download(`${url}.sha256`, opts)).toString("utf8").trim().split(/\s+/)[0] ?? "";
  if (!/^[0-9a-f]{64}$/.test(want))
    throw new OperationalError(`${url}.sha256 holds no sha256 (${JSON.stringify(want.slice(0, 80))})`);
  const bytes = await download(url, opts);
  const got = sha256(bytes);
  if (got !== want) throw checksumMismatch("kube-apiserver", url, got, want);
  logger.info(`fetched kube-apiserver ${version} (${formatBytes(bytes.length)}), sha256 verified`);
  cacheFile(file, bytes, got);
  return file;
}
async function fetchEtcd(opts, version, arch, logger) {
  const dir = inside(opts.cacheDir, "etcd", version, arch);
  const etcd = path2.join(dir, "etcd");
  const etcdutl = path2.join(dir, "etcdutl");
  if (cached(etcd) && cached(etcdutl)) return { etcd, etcdutl };
  const name = `etcd-${version}-linux-${arch}`;
  const base = `${baseUrl(opts.etcdReleaseUrl, opts.allowHttp ?? false)}/${version}`;
  const sums = (await download(`${base}/SHA256SUMS`, opts)).toString("utf8");
  const want = sums.split("\n").map((l) => l.trim().split(/\s+/)).find((f) => f[1]?.replace(/^\*/, "") === `${name}.tar.gz`)?.[0];
  if (!want || !/^[0-9a-f]{64}$/.test(want))
    throw new OperationalError(`${base}/SHA256SUMS lists no checksum for ${name}.tar.gz`);
  const url = `${base}/${name}.tar.gz`;
  const tgz = await download(url, opts);
  const got = sha256(tgz);
  if (got !== want) throw checksumMismatch(`${name}.tar.gz`, url, got, want);
  let files;
  try {
    files = untar(gunzipSync(tgz));
  } catch (err) {
    throw new OperationalError(`${url}: not a gzip tar archive (${errorMessage(err)})`);
  }
  for (const [bin, dest] of [
    ["etcd", etcd],
    ["etcdutl", etcdutl]
  ]) {
    const bytes = files.get(`${name}/${bin}`);
    if (!bytes) throw new OperationalError(`${url} holds no ${name}/${bin}`);
    cacheFile(dest, bytes, sha256(bytes));
  }
  logger.info(`fetched etcd ${version} (${formatBytes(tgz.length)}), sha256 verified against SHA256SUMS`);
  return { etcd, etcdutl };
}
async function fetchReleaseBinaries(opts, logger) {
  const kubernetesVersion = releaseVersion(opts.kubernetesVersion, "Kubernetes version");
  const etcdVersion = releaseVersion(opts.etcdVersion, "etcd version");
  const arch = opts.arch ?? goArch();
  if (!/^[a-z0-9]+$/.test(arch)) throw new OperationalError(`refusing architecture ${JSON.stringify(arch)}`);
  baseUrl(opts.kubernetesReleaseUrl, opts.allowHttp ?? false);
  baseUrl(opts.etcdReleaseUrl, opts.allowHttp ?? false);
  const [apiserver, etcd] = await Promise.all([
    fetchApiserver(opts, kubernetesVersion, arch, logger),
    fetchEtcd(opts, etcdVersion, arch, logger)
  ]);
  return { ...etcd, "kube-apiserver": apiserver };
}

export {
  DEFAULT_KUBERNETES_RELEASE_URL,
  DEFAULT_ETCD_RELEASE_URL,
  RELEASE_VERSION,
  releaseVersion,
  defaultReleaseCacheDir,
  fetchReleaseBinaries
};
