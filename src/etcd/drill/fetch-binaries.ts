/**
 * The drill's binaries (etcd, etcdutl, kube-apiserver): taken from a folder
 * the user gives, or fetched from the official release locations and checked
 * against the checksums published next to them, then cached. Nothing is run
 * that was not verified: a file whose sha256 differs from the published one
 * is refused and never enters the cache.
 *
 *     <kubernetes-release-url>/<v1.x.y>/bin/linux/<arch>/kube-apiserver(.sha256)
 *     <etcd-release-url>/<v3.x.y>/etcd-<v3.x.y>-linux-<arch>.tar.gz + SHA256SUMS
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { ConfigurationError, errorMessage, OperationalError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";
import { chooseProxy, unreachableProxy, type NetworkError, type ProxyChoice } from "../../core/proxy.ts";
import { formatBytes, formatDuration } from "../../core/units.ts";

export interface DrillBinaries {
  etcd: string;
  etcdutl: string;
  "kube-apiserver": string;
}

export const DEFAULT_KUBERNETES_RELEASE_URL = "https://dl.k8s.io/release";
export const DEFAULT_ETCD_RELEASE_URL = "https://github.com/etcd-io/etcd/releases/download";

export interface FetchOptions {
  kubernetesVersion: string;
  etcdVersion: string;
  kubernetesReleaseUrl: string;
  etcdReleaseUrl: string;
  cacheDir: string;
  /** Deadline of each download (bytes flowing or not). */
  timeoutMs: number;
  arch?: string;
  signal?: AbortSignal;
}

export function defaultCacheDir(): string {
  return path.join(process.env.KUBEKEEP_CACHE ?? path.join(os.homedir(), ".cache", "kubekeep"), "drill");
}

/** Go's name for the runner's architecture, as release file names use it. */
export function goArch(arch = process.arch): string {
  const m: Record<string, string> = { x64: "amd64", arm64: "arm64", ppc64: "ppc64le", s390x: "s390x" };
  const a = m[arch];
  if (!a)
    throw new ConfigurationError(
      `the drill's binaries are published for amd64, arm64, ppc64le and s390x, not ${arch}`,
    );
  return a;
}

/** A folder of binaries: each must be there and executable. */
export function binariesFromDir(dir: string): DrillBinaries {
  const out = {} as DrillBinaries;
  for (const name of ["etcd", "etcdutl", "kube-apiserver"] as const) {
    const file = path.resolve(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
    } catch {
      throw new ConfigurationError(
        `input 'binaries-dir': ${JSON.stringify(dir)} holds no executable ${name}; expected etcd, etcdutl and kube-apiserver in it`,
      );
    }
    out[name] = file;
  }
  return out;
}

const sha256 = (buf: Buffer) => createHash("sha256").update(buf).digest("hex");

/** dl.k8s.io and GitHub answer with redirects to their CDNs; more than this is a loop. */
const MAX_REDIRECTS = 5;

/**
 * GET with the runner's proxy (HTTPS_PROXY/HTTP_PROXY/NO_PROXY, decided as
 * for the API and S3: src/core/proxy.ts), following redirects, bounded by the
 * download deadline. Not `fetch`: Node's fetch ignores those variables, and a
 * self-hosted runner behind a corporate proxy reaches dl.k8s.io only through it.
 */
async function download(url: string, opts: FetchOptions): Promise<Buffer> {
  const signal = AbortSignal.any([
    AbortSignal.timeout(opts.timeoutMs),
    ...(opts.signal ? [opts.signal] : []),
  ]);
  let at = new URL(url);
  let proxy: ProxyChoice | undefined;
  try {
    for (let hop = 0; ; hop++) {
      proxy = chooseProxy(at, undefined, process.env);
      const res = await get(at, proxy, signal);
      const location = res.headers.location;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
        res.resume();
        if (hop >= MAX_REDIRECTS)
          throw new OperationalError(`GET ${url}: more than ${MAX_REDIRECTS} redirects`);
        at = new URL(location, at);
        continue;
      }
      if (res.statusCode !== 200) {
        res.resume();
        throw new OperationalError(
          `GET ${at.href} answered ${res.statusCode} ${res.statusMessage ?? ""}; check the version and the release URL input`,
        );
      }
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    }
  } catch (err) {
    if (err instanceof OperationalError) throw err;
    if (opts.signal?.aborted) throw new OperationalError(`GET ${url} cancelled`);
    if (signal.aborted)
      throw new OperationalError(`GET ${url} did not finish within ${formatDuration(opts.timeoutMs)}`);
    const atProxy = unreachableProxy(proxy, err as NetworkError, at.href);
    if (atProxy) throw atProxy;
    throw new OperationalError(
      `GET ${at.href} failed (${errorMessage(err)}); check the release URL input and the runner's network`,
    );
  }
}

function get(url: URL, proxy: ProxyChoice | undefined, signal: AbortSignal): Promise<http.IncomingMessage> {
  // An explicit proxyEnv ({} for none), so Node's own NODE_USE_ENV_PROXY handling never decides instead.
  const proxyEnv = proxy?.env ?? {};
  const agent = url.protocol === "https:" ? new https.Agent({ proxyEnv }) : new http.Agent({ proxyEnv });
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { agent, signal }, resolve);
    req.on("error", reject);
  });
}

function checksumMismatch(what: string, url: string, got: string, want: string): OperationalError {
  return new OperationalError(
    `checksum mismatch for ${what} from ${url}: its sha256 is ${got}, the published checksum is ${want}; refusing to run it (a damaged download or a mirror serving other bytes)`,
  );
}

/** Writes verified bytes into the cache atomically, with their sha256 beside them for the next use. */
function cacheFile(file: string, bytes: Buffer, sum: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  fs.writeFileSync(partial, bytes, { mode: 0o755 });
  fs.renameSync(partial, file);
  fs.writeFileSync(`${file}.sha256`, sum + "\n");
}

/** A cached binary whose bytes still hash to what was verified when it was fetched. */
function cached(file: string): boolean {
  try {
    const want = fs.readFileSync(`${file}.sha256`, "utf8").trim();
    return sha256(fs.readFileSync(file)) === want;
  } catch {
    return false;
  }
}

/** The regular files of a tar archive (ustar/GNU), by path. */
export function untar(tar: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let off = 0;
  let longName: string | undefined;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a: number, b: number) => header.subarray(a, b).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(str(124, 136).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = str(345, 500);
    const name = longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    longName = undefined;
    const body = tar.subarray(off + 512, off + 512 + size);
    if (type === "L") longName = body.toString("utf8").replace(/\0.*$/s, "");
    else if (type === "0" || type === "\0") out.set(name, Buffer.from(body));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

async function fetchApiserver(opts: FetchOptions, arch: string, logger: Logger): Promise<string> {
  const file = path.join(opts.cacheDir, "kubernetes", opts.kubernetesVersion, arch, "kube-apiserver");
  if (cached(file)) return file;
  const url = `${opts.kubernetesReleaseUrl.replace(/\/+$/, "")}/${opts.kubernetesVersion}/bin/linux/${arch}/kube-apiserver`;
  const want = (await download(`${url}.sha256`, opts)).toString("utf8").trim().split(/\s+/)[0] ?? "";
  if (!/^[0-9a-f]{64}$/.test(want))
    throw new OperationalError(`${url}.sha256 holds no sha256 (${JSON.stringify(want.slice(0, 80))})`);
  const bytes = await download(url, opts);
  const got = sha256(bytes);
  if (got !== want) throw checksumMismatch("kube-apiserver", url, got, want);
  logger.info(
    `fetched kube-apiserver ${opts.kubernetesVersion} (${formatBytes(bytes.length)}), sha256 verified`,
  );
  cacheFile(file, bytes, got);
  return file;
}

async function fetchEtcd(
  opts: FetchOptions,
  arch: string,
  logger: Logger,
): Promise<{ etcd: string; etcdutl: string }> {
  const dir = path.join(opts.cacheDir, "etcd", opts.etcdVersion, arch);
  const etcd = path.join(dir, "etcd");
  const etcdutl = path.join(dir, "etcdutl");
  if (cached(etcd) && cached(etcdutl)) return { etcd, etcdutl };
  const name = `etcd-${opts.etcdVersion}-linux-${arch}`;
  const base = `${opts.etcdReleaseUrl.replace(/\/+$/, "")}/${opts.etcdVersion}`;
  const sums = (await download(`${base}/SHA256SUMS`, opts)).toString("utf8");
  const want = sums
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1]?.replace(/^\*/, "") === `${name}.tar.gz`)?.[0];
  if (!want || !/^[0-9a-f]{64}$/.test(want))
    throw new OperationalError(`${base}/SHA256SUMS lists no checksum for ${name}.tar.gz`);
  const url = `${base}/${name}.tar.gz`;
  const tgz = await download(url, opts);
  const got = sha256(tgz);
  if (got !== want) throw checksumMismatch(`${name}.tar.gz`, url, got, want);
  let files: Map<string, Buffer>;
  try {
    files = untar(gunzipSync(tgz));
  } catch (err) {
    throw new OperationalError(`${url}: not a gzip tar archive (${errorMessage(err)})`);
  }
  for (const [bin, dest] of [
    ["etcd", etcd],
    ["etcdutl", etcdutl],
  ] as const) {
    const bytes = files.get(`${name}/${bin}`);
    if (!bytes) throw new OperationalError(`${url} holds no ${name}/${bin}`);
    cacheFile(dest, bytes, sha256(bytes));
  }
  logger.info(
    `fetched etcd ${opts.etcdVersion} (${formatBytes(tgz.length)}), sha256 verified against SHA256SUMS`,
  );
  return { etcd, etcdutl };
}

/** Fetches (or finds in the cache) etcd, etcdutl and kube-apiserver of the given versions. */
export async function fetchBinaries(opts: FetchOptions, logger: Logger): Promise<DrillBinaries> {
  const arch = opts.arch ?? goArch();
  const [apiserver, etcd] = await Promise.all([
    fetchApiserver(opts, arch, logger),
    fetchEtcd(opts, arch, logger),
  ]);
  return { ...etcd, "kube-apiserver": apiserver };
}
