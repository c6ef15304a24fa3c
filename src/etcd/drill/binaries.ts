/**
 * The drill's binaries (etcd, etcdutl, kube-apiserver): taken as they are
 * from a folder the user gives, or fetched from the release URLs, verified
 * and cached by src/core/binaries/releases.ts.
 */
import fs from "node:fs";
import path from "node:path";
import {
  defaultReleaseCacheDir,
  fetchReleaseBinaries,
  type ReleaseBinaries,
} from "../../core/binaries/releases.ts";
import { ConfigurationError } from "../../core/errors.ts";
import type { Logger } from "../../core/logger.ts";

export type DrillBinaries = ReleaseBinaries;

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

/** "v1.35.4+k3s1" -> "v1.35.4": the upstream release a distribution's build is based on. */
export function releaseOf(gitVersion: string): string {
  return gitVersion.replace(/\+.*$/, "");
}

/** Where the binaries come from: a folder as it is, or the release URLs. */
export interface BinarySource {
  binariesDir?: string;
  kubernetesReleaseUrl: string;
  etcdReleaseUrl: string;
  allowInsecureDownloads: boolean;
  cacheDir?: string;
  downloadTimeoutMs: number;
}

/** The binaries of these versions, and how they were obtained (for the report). */
export async function drillBinaries(
  config: BinarySource,
  versions: { kubernetes: string; etcd?: string },
  logger: Logger,
  signal?: AbortSignal,
): Promise<{ binaries: DrillBinaries; how: string }> {
  if (config.binariesDir)
    return {
      binaries: binariesFromDir(config.binariesDir),
      how: `from ${config.binariesDir} (as given, not fetched)`,
    };
  const binaries = await fetchReleaseBinaries(
    {
      kubernetesVersion: versions.kubernetes,
      etcdVersion: versions.etcd as string,
      kubernetesReleaseUrl: config.kubernetesReleaseUrl,
      etcdReleaseUrl: config.etcdReleaseUrl,
      allowHttp: config.allowInsecureDownloads,
      cacheDir: config.cacheDir ?? defaultReleaseCacheDir(),
      timeoutMs: config.downloadTimeoutMs,
      ...(signal ? { signal } : {}),
    },
    logger,
  );
  return {
    binaries,
    how: `fetched from ${config.kubernetesReleaseUrl} and ${config.etcdReleaseUrl}, sha256 verified`,
  };
}
