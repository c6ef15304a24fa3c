/**
 * The node's kubelet and kubeadm installed the way a kubeadm node on
 * Debian/Ubuntu has them: from a Kubernetes package repository (the local one,
 * apt-repo.ts), listed in /etc/apt/sources.list.d/kubernetes.list and held,
 * so the default upgrade script's apt steps meet what they meet on a real
 * node. And the way back: the packages and holds purged, the list file, the
 * downloaded indexes and packages removed, recorded before the install so a
 * crashed run is cleaned by the next `down`.
 *
 * kubectl is not installed from the repository when the host already has a
 * kubectl package (this machine's comes from the Google Cloud SDK, at a
 * version no Kubernetes package can replace without a downgrade, and that
 * could not be put back): the harness copies kubectl as before, and the
 * default script leaves a kubectl from elsewhere alone.
 */
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../../../src/core/logger.ts";
import { debVersion, minorOf } from "./apt-repo.ts";
import { STATE_DIR } from "./config.ts";
import { run } from "./run.ts";

export const APT_LIST = "/etc/apt/sources.list.d/kubernetes.list";
const APT_RECORD = path.join(STATE_DIR, "apt-record.json");
const LISTS_DIR = "/var/lib/apt/lists";
const ARCHIVES_DIR = "/var/cache/apt/archives";
const APT_ENV = { DEBIAN_FRONTEND: "noninteractive" };
/** Another apt on the machine (a helper installing prerequisites) holds dpkg's lock for a while. */
const LOCK_WAIT = ["-o", "DPkg::Lock::Timeout=300"];

/** What the host had before the install, to put back. */
interface AptRecord {
  packages: string[];
  /** The previous content of kubernetes.list, when there was one. */
  list?: string;
  lists: string[];
  archives: string[];
}

/**
 * Records apt's state before the node changes it, whether or not the harness
 * installs packages: an upgrade script run on a node whose binaries were
 * copied still writes kubernetes.list and fetches its indexes. A record
 * already there is the true "before" (a crashed run); `packages` are added to it.
 */
export function recordApt(packages: string[] = []): void {
  let record: AptRecord;
  try {
    record = JSON.parse(fs.readFileSync(APT_RECORD, "utf8")) as AptRecord;
    record.packages = [...new Set([...record.packages, ...packages])];
  } catch {
    record = {
      packages,
      ...(fs.existsSync(APT_LIST) ? { list: fs.readFileSync(APT_LIST, "utf8") } : {}),
      lists: listing(LISTS_DIR),
      archives: listing(ARCHIVES_DIR),
    };
  }
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(APT_RECORD, JSON.stringify(record, null, 2));
}

/** Where the node's packages come from: the repository line of a minor. */
export interface PackageSource {
  listLine(minor: string): string;
}

function listing(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

async function installed(pkg: string): Promise<string | undefined> {
  const r = await run("dpkg-query", ["-W", "-f=${Status} ${Version}", pkg], { allowFailure: true });
  const [, , state, version] = r.stdout.trim().split(" ");
  return r.code === 0 && state === "installed" ? version : undefined;
}

/** The packages this install would add: kubelet, kubeadm, and kubectl unless the host has one. */
export async function packagesToInstall(): Promise<string[]> {
  return (await installed("kubectl")) ? ["kubelet", "kubeadm"] : ["kubelet", "kubeadm", "kubectl"];
}

/**
 * Writes kubernetes.list for `version`'s minor, refreshes that list only,
 * installs the exact revisions and holds them, as kubeadm's install guide does.
 */
export async function aptInstallNode(
  source: PackageSource,
  version: string,
  packages: string[],
  logger: Logger,
): Promise<void> {
  recordApt(packages);
  fs.writeFileSync(APT_LIST, `${source.listLine(minorOf(version))}\n`);
  await run(
    "apt-get",
    [
      "update",
      "-q",
      "-o",
      `Dir::Etc::sourcelist=${APT_LIST}`,
      "-o",
      "Dir::Etc::sourceparts=-",
      "-o",
      "APT::Get::List-Cleanup=0",
    ],
    { env: APT_ENV, timeoutMs: 120_000 },
  );
  const rev = debVersion(version);
  await run(
    "apt-get",
    ["install", "-y", "-q", "--no-install-recommends", ...LOCK_WAIT, ...packages.map((p) => `${p}=${rev}`)],
    { env: APT_ENV, timeoutMs: 600_000 },
  );
  await run("apt-mark", ["hold", ...packages]);
  logger.info(
    `real node: ${packages.join(", ")} ${rev} installed from ${source.listLine(minorOf(version))}, held`,
  );
}

/** Purges what aptInstallNode added and puts the host's apt state back. Safe without a record. */
export async function aptPurgeNode(logger: Logger): Promise<void> {
  let record: AptRecord;
  try {
    record = JSON.parse(fs.readFileSync(APT_RECORD, "utf8")) as AptRecord;
  } catch {
    return;
  }
  const present: string[] = [];
  for (const p of record.packages) if (await installed(p)) present.push(p);
  if (present.length) {
    await run("apt-mark", ["unhold", ...present], { allowFailure: true });
    await run("apt-get", ["purge", "-y", "-q", ...LOCK_WAIT, ...present], {
      env: APT_ENV,
      timeoutMs: 400_000,
    });
  }
  if (record.list !== undefined) fs.writeFileSync(APT_LIST, record.list);
  else fs.rmSync(APT_LIST, { force: true });
  const lists = new Set(record.lists);
  for (const f of listing(LISTS_DIR))
    if (!lists.has(f) && f !== "partial" && f !== "lock") fs.rmSync(path.join(LISTS_DIR, f), { force: true });
  const archives = new Set(record.archives);
  for (const f of listing(ARCHIVES_DIR))
    if (!archives.has(f) && f.endsWith(".deb")) fs.rmSync(path.join(ARCHIVES_DIR, f), { force: true });
  fs.rmSync(APT_RECORD, { force: true });
  logger.info(`real node: purged ${present.join(", ") || "nothing"}; apt's lists and sources as before`);
}

/**
 * What apt and dpkg say about the host, for a before/after comparison: the
 * source lists, the downloaded indexes and packages, the holds, and the
 * Kubernetes packages' versions.
 */
export async function aptSnapshot(): Promise<Record<string, string[]>> {
  const versions: string[] = [];
  for (const p of ["kubelet", "kubeadm", "kubectl"]) versions.push(`${p}=${(await installed(p)) ?? "-"}`);
  return {
    sources: listing("/etc/apt/sources.list.d").sort(),
    lists: listing(LISTS_DIR).sort(),
    archives: listing(ARCHIVES_DIR).sort(),
    holds: (await run("apt-mark", ["showhold"])).stdout.split("\n").filter(Boolean).sort(),
    versions,
  };
}
