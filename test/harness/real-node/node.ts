/**
 * Brings the real node up and down: a kubeadm-installed control-plane node
 * on this machine (containerd + runc, the bridge CNI, the kubelet under its
 * supervisor), and a teardown that puts the host back as it was. Callers
 * hold the host-wide lock (lock.ts); `npm run real-node` and `useRealNode()`
 * do that.
 */
import fs from "node:fs";
import path from "node:path";
import { KubeClient } from "../../../src/cluster/client.ts";
import type { Logger } from "../../../src/core/logger.ts";
import { pollUntil } from "../../../src/core/sleep.ts";
import { formatDuration } from "../../../src/core/units.ts";
import { PREVIOUS_KUBERNETES_VERSION } from "../tools/binaries.ts";
import {
  ADMIN_KUBECONFIG,
  API_SERVER,
  CONTAINERD_STATE,
  containerdRoot,
  HOST_RECORD,
  IMAGES,
  logDir,
  NODE_IP,
  NODE_NAME,
  RUN_DIR,
  STATE_DIR,
  SYSTEMCTL_STANDIN,
} from "./config.ts";
import { containerdPid, startContainerd, stopContainerd } from "./containerd.ts";
import {
  OWNED_PATHS,
  readRecord,
  recordHost,
  restoreBinaries,
  restoreIptables,
  restoreSysctls,
} from "./host-state.ts";
import { ensureImageTarballs, importImages, type ImageSet } from "./images.ts";
import { kubeadmInit, kubeadmReset } from "./kubeadm.ts";
import {
  installNodeBinaries,
  installSystemctl,
  kubeletLog,
  nodeBinaries,
  removeSystemctl,
  startSupervisor,
  stopSupervisor,
  supervisorPid,
} from "./kubelet.ts";
import { unmountUnder } from "./mounts.ts";
import { createNetwork, removeNetwork } from "./network.ts";
import { checkPrerequisites } from "./prereqs.ts";
import {
  aptInstallNode,
  aptPurgeNode,
  packagesToInstall,
  recordApt,
  type PackageSource,
} from "./apt-install.ts";
import { run } from "./run.ts";
import { tail } from "../../../src/controlplane/supervisor.ts";

export interface RealNodeInfo {
  kubeconfig: string;
  server: string;
  nodeName: string;
  nodeIP: string;
  /** The version `kubeadm init` installed. */
  version: string;
  images: typeof IMAGES;
  /** Kubectl of the installed version (/usr/bin/kubectl). */
  kubectl: string;
  supervisorPid: number;
  containerdPid: number;
  logDir: string;
  /** Measured: from the first host change to the node Ready, binaries and images cached or not. */
  startMs: number;
  /** Whether anything had to be built or imported during this start. */
  cached: boolean;
}

const INFO_FILE = path.join(STATE_DIR, "node.json");

export function readNodeInfo(): RealNodeInfo | undefined {
  try {
    return JSON.parse(fs.readFileSync(INFO_FILE, "utf8")) as RealNodeInfo;
  } catch {
    return undefined;
  }
}

/** Builds or finds every binary and image tarball the node needs (the part a warm cache skips). */
export async function prepareRealNode(
  logger: Logger,
  version = PREVIOUS_KUBERNETES_VERSION,
): Promise<ImageSet[]> {
  await nodeBinaries(version, logger);
  return ensureImageTarballs(logger);
}

export async function realNodeUp(options: {
  logger: Logger;
  version?: string;
  /** Install kubelet and kubeadm (and kubectl if the host has none) with apt from this repository, held. */
  packages?: PackageSource;
}): Promise<RealNodeInfo> {
  const { logger } = options;
  const version = options.version ?? PREVIOUS_KUBERNETES_VERSION;
  await checkPrerequisites();
  if (readRecord()) {
    logger.info("real node: cleaning up what an earlier run left on this host");
    await realNodeDown({ logger });
  }
  const prepared = Date.now();
  const sets = await prepareRealNode(logger, version);
  const prepareMs = Date.now() - prepared;
  const started = Date.now();
  const step = async <T>(what: string, fn: () => Promise<T> | T): Promise<T> => {
    const t = Date.now();
    const out = await fn();
    logger.info(`real node: ${what} (${formatDuration(Date.now() - t)})`);
    return out;
  };
  fs.rmSync(logDir(), { recursive: true, force: true });
  fs.mkdirSync(logDir(), { recursive: true });
  try {
    await step("recorded the host's state", () => recordHost());
    await step(`network on ${NODE_IP} (port-less bridge) and the pods' bridge`, () => createNetwork());
    // Before anything touches apt (the harness or an upgrade script), so `down` puts it back.
    recordApt();
    const packages = options.packages;
    if (packages) {
      await step(`installed kubelet, kubeadm ${version} with apt (held), systemctl stand-in`, async () => {
        const names = await packagesToInstall();
        // A kubectl the host already has from another package stays; ours is copied as without apt.
        if (!names.includes("kubectl")) await installNodeBinaries(version, logger, ["kubectl"]);
        await aptInstallNode(packages, version, names, logger);
        installSystemctl();
      });
    } else {
      await step(
        `installed kubelet, kubeadm, kubectl ${version} in /usr/bin, systemctl stand-in`,
        async () => {
          await installNodeBinaries(version, logger);
          installSystemctl();
        },
      );
    }
    const containerd = await step("containerd started", () => startContainerd());
    const importStarted = Date.now();
    await step("images imported (or already in containerd)", () => importImages(sets, logger));
    const importMs = Date.now() - importStarted;
    const supervisor = await step("kubelet supervisor started", () => startSupervisor());
    await step(`kubeadm init ${version}`, () =>
      kubeadmInit(version, path.join(logDir(), "kubeadm-init.log")),
    );
    const client = await KubeClient.fromFile(ADMIN_KUBECONFIG);
    try {
      await step("control-plane taint removed, node Ready", async () => {
        await run("/usr/bin/kubectl", [
          "--kubeconfig",
          ADMIN_KUBECONFIG,
          "taint",
          "nodes",
          NODE_NAME,
          "node-role.kubernetes.io/control-plane:NoSchedule-",
        ]);
        await waitNodeReady(client, 120_000);
      });
      await step("controllers working (default ServiceAccount), control-plane pods Ready", () =>
        waitControlPlane(client, 180_000),
      );
    } finally {
      client.close();
    }
    const startMs = Date.now() - started;
    const info: RealNodeInfo = {
      kubeconfig: ADMIN_KUBECONFIG,
      server: API_SERVER,
      nodeName: NODE_NAME,
      nodeIP: NODE_IP,
      version,
      images: IMAGES,
      kubectl: "/usr/bin/kubectl",
      supervisorPid: supervisor,
      containerdPid: containerd,
      logDir: logDir(),
      startMs,
      cached: prepareMs < 5000 && importMs < 5000,
    };
    fs.writeFileSync(INFO_FILE, JSON.stringify(info, null, 2));
    logger.info(
      `real node: ${NODE_NAME} ${version} Ready in ${formatDuration(startMs)} ` +
        `(binaries and images ${info.cached ? "cached" : `prepared in ${formatDuration(prepareMs + importMs)}`}); ` +
        `kubeconfig ${ADMIN_KUBECONFIG}`,
    );
    return info;
  } catch (err) {
    logger.error(`real node: start failed; logs in ${logDir()} (kubelet: ${kubeletLog()})`);
    logger.info(`kubelet log tail:\n${tail(kubeletLog(), 20)}`);
    throw err;
  }
}

export async function waitNodeReady(client: KubeClient, timeoutMs: number): Promise<void> {
  let last = "not registered";
  await pollUntil(
    async () => {
      try {
        const node = await client.get<{
          status?: { conditions?: { type: string; status: string; message?: string }[] };
        }>(`/api/v1/nodes/${NODE_NAME}`);
        const ready = node.status?.conditions?.find((c) => c.type === "Ready");
        last = ready ? `Ready=${ready.status}: ${ready.message ?? ""}` : "no Ready condition";
        return ready?.status === "True";
      } catch (err) {
        last = (err as Error).message;
        return false;
      }
    },
    {
      timeoutMs,
      intervalMs: 500,
      timedOut: () => `node ${NODE_NAME} not Ready in ${timeoutMs / 1000}s (${last})`,
    },
  );
}

/**
 * The cluster is usable when the controller-manager has made the default
 * ServiceAccount (pods need it) and the four static pods report Ready.
 */
export async function waitControlPlane(client: KubeClient, timeoutMs: number): Promise<void> {
  let missing = "";
  await pollUntil(
    async () => {
      try {
        await client.get("/api/v1/namespaces/default/serviceaccounts/default");
      } catch {
        missing = "the default ServiceAccount";
        return false;
      }
      const pods = await client
        .get<{
          items: {
            metadata: { name: string };
            status?: { conditions?: { type: string; status: string }[] };
          }[];
        }>("/api/v1/namespaces/kube-system/pods")
        .catch(() => ({ items: [] }));
      const notReady = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"].filter((c) => {
        const pod = pods.items.find((p) => p.metadata.name === `${c}-${NODE_NAME}`);
        return pod?.status?.conditions?.find((x) => x.type === "Ready")?.status !== "True";
      });
      missing = notReady.join(", ");
      return notReady.length === 0;
    },
    {
      timeoutMs,
      intervalMs: 500,
      timedOut: () => `control plane not ready in ${timeoutMs / 1000}s: ${missing}`,
    },
  );
}

/**
 * Tears the node down and restores the host: `kubeadm reset`, the kubelet
 * and containerd stopped, their mounts unmounted, the paths the node created
 * removed, the network devices and route deleted, iptables, sysctls and
 * /usr/bin put back, the systemctl stand-in removed. Safe to run twice, and
 * after a crash (it works from the record on disk).
 */
export async function realNodeDown(options: { logger: Logger }): Promise<{ ms: number }> {
  const { logger } = options;
  const started = Date.now();
  const record = readRecord();
  fs.mkdirSync(logDir(), { recursive: true });
  if (record || fs.existsSync("/etc/kubernetes")) {
    // kubeadm reset removes the containers through the CRI: containerd must run.
    if (!containerdPid() && fs.existsSync(SYSTEMCTL_STANDIN)) await startContainerd().catch(() => undefined);
    // ... and stops the kubelet through systemctl: the stand-in needs its supervisor.
    if (!supervisorPid() && fs.existsSync(SYSTEMCTL_STANDIN)) startSupervisor();
    await kubeadmReset(path.join(logDir(), "kubeadm-reset.log"));
  }
  await stopSupervisor();
  await stopContainerd();
  await unmountUnder([
    "/var/lib/kubelet",
    CONTAINERD_STATE,
    containerdRoot(),
    "/run/netns",
    "/var/run/netns",
  ]);
  await removeNetwork();
  // After kubeadm reset (it needs kubeadm), before the binaries are put back.
  await aptPurgeNode(logger);
  const existed = new Set(record?.existingPaths ?? []);
  // Deepest first, so /etc/cni/net.d goes before /etc/cni is considered.
  for (const p of [...OWNED_PATHS].sort((a, b) => b.length - a.length)) {
    if (!existed.has(p)) fs.rmSync(p, { recursive: true, force: true });
  }
  if (record) {
    await restoreIptables(record);
    restoreSysctls(record);
    restoreBinaries(record);
  }
  removeSystemctl();
  fs.rmSync(RUN_DIR, { recursive: true, force: true });
  fs.rmSync(HOST_RECORD, { force: true });
  fs.rmSync(STATE_DIR, { recursive: true, force: true });
  const ms = Date.now() - started;
  logger.info(`real node: down, host restored in ${formatDuration(ms)}`);
  return { ms };
}

export interface RealNodeStatus {
  up: boolean;
  info?: RealNodeInfo;
  supervisor?: number;
  containerd?: number;
  leftovers: boolean;
}

export function realNodeStatus(): RealNodeStatus {
  const info = readNodeInfo();
  const supervisor = supervisorPid();
  const containerd = containerdPid();
  return {
    up: !!info && !!supervisor && !!containerd,
    info,
    supervisor,
    containerd,
    leftovers: !!readRecord(),
  };
}
