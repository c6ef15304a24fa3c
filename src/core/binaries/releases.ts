/**
 * Release binaries of Kubernetes and etcd, fetched from their official
 * layouts (or a mirror in the same layout), checked against the checksums
 * published next to them, then cached and re-hashed on every use. Nothing is
 * run that was not verified: a file whose sha256 differs from the published
 * one is refused and never enters the cache.
 *
 *     <kubernetes-release-url>/<v1.x.y>/bin/linux/<arch>/kube-apiserver(.sha256)
 *     <etcd-release-url>/<v3.x.y>/etcd-<v3.x.y>-linux-<arch>.tar.gz + SHA256SUMS
 *
 * Versions may come from untrusted places (a snapshot's sidecar in the
 * bucket), so each is checked against a strict pattern before it becomes part
 * of a URL or a cache path: `3.6.16/../../evil` never reaches a server.
 */
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { ConfigurationError, errorMessage, OperationalError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import { formatBytes } from "../units.ts";
import { cacheRoot } from "./cache.ts";
import {
  cached,
  cacheFile,
  checksumMismatch,
  download,
  inside,
  requireHttps,
  sha256,
  untar,
  type DownloadOptions,
} from "./download.ts";

export const DEFAULT_KUBERNETES_RELEASE_URL = "https://dl.k8s.io/release";
export const DEFAULT_ETCD_RELEASE_URL = "https://github.com/etcd-io/etcd/releases/download";

/**
 * A release version: v1.35.4, 3.6.16, v1.36.0-rc.1. Dot-separated
 * identifiers of letters, digits and hyphens only: no slash, no `..`.
 */
export const RELEASE_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** `version` with its leading v, or an error naming where it came from when it is not a release version. */
export function releaseVersion(version: string, what: string): string {
  if (!RELEASE_VERSION.test(version))
    throw new OperationalError(
      `refusing ${what} ${JSON.stringify(version.slice(0, 200))}: not a release version (expected e.g. v3.6.16); it would become part of a download URL and a cache path`,
    );
  return version.startsWith("v") ? version : `v${version}`;
}

export interface ReleaseBinaries {
  etcd: string;
  etcdutl: string;
  "kube-apiserver": string;
}

export interface FetchOptions extends DownloadOptions {
  kubernetesVersion: string;
  etcdVersion: string;
  kubernetesReleaseUrl: string;
  etcdReleaseUrl: string;
  cacheDir: string;
  arch?: string;
}

/** Where fetched release binaries are cached unless told otherwise. */
export function defaultReleaseCacheDir(): string {
  return path.join(cacheRoot(), "drill");
}

/** Go's name for the runner's architecture, as release file names use it. */
export function goArch(arch = process.arch): string {
  const m: Record<string, string> = { x64: "amd64", arm64: "arm64", ppc64: "ppc64le", s390x: "s390x" };
  const a = m[arch];
  if (!a)
    throw new ConfigurationError(
      `release binaries are published for amd64, arm64, ppc64le and s390x, not ${arch}`,
    );
  return a;
}

/** A release base URL without its trailing slashes, refused before any request unless https (or allowed http). */
function baseUrl(url: string, allowHttp: boolean): string {
  if (!URL.canParse(url)) throw new OperationalError(`release URL ${JSON.stringify(url)} is not a URL`);
  requireHttps(new URL(url), allowHttp, "release URL");
  return url.replace(/\/+$/, "");
}

async function fetchApiserver(opts: FetchOptions, version: string, arch: string, logger: Logger) {
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

async function fetchEtcd(opts: FetchOptions, version: string, arch: string, logger: Logger) {
  const dir = inside(opts.cacheDir, "etcd", version, arch);
  const etcd = path.join(dir, "etcd");
  const etcdutl = path.join(dir, "etcdutl");
  if (cached(etcd) && cached(etcdutl)) return { etcd, etcdutl };
  const name = `etcd-${version}-linux-${arch}`;
  const base = `${baseUrl(opts.etcdReleaseUrl, opts.allowHttp ?? false)}/${version}`;
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
  logger.info(`fetched etcd ${version} (${formatBytes(tgz.length)}), sha256 verified against SHA256SUMS`);
  return { etcd, etcdutl };
}

/**
 * Fetches (or finds in the cache) etcd, etcdutl and kube-apiserver of the
 * given versions. Every version and URL is checked before the first request.
 */
export async function fetchReleaseBinaries(opts: FetchOptions, logger: Logger): Promise<ReleaseBinaries> {
  const kubernetesVersion = releaseVersion(opts.kubernetesVersion, "Kubernetes version");
  const etcdVersion = releaseVersion(opts.etcdVersion, "etcd version");
  const arch = opts.arch ?? goArch();
  if (!/^[a-z0-9]+$/.test(arch)) throw new OperationalError(`refusing architecture ${JSON.stringify(arch)}`);
  baseUrl(opts.kubernetesReleaseUrl, opts.allowHttp ?? false);
  baseUrl(opts.etcdReleaseUrl, opts.allowHttp ?? false);
  const [apiserver, etcd] = await Promise.all([
    fetchApiserver(opts, kubernetesVersion, arch, logger),
    fetchEtcd(opts, etcdVersion, arch, logger),
  ]);
  return { ...etcd, "kube-apiserver": apiserver };
}
