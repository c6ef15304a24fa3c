/**
 * The kubelet's service manager stand-ins (this host has no systemd) and the
 * node binaries in /usr/bin.
 *
 * - kubelet-supervisor.sh runs /usr/bin/kubelet with kubeadm's flags files
 *   and restarts it whenever it exits (systemd's `Restart=always`).
 * - systemctl.sh, installed as /usr/local/bin/systemctl while the node is up,
 *   answers daemon-reload, start/stop/restart/is-active/status for the
 *   kubelet by talking to the supervisor through RUN_DIR. kubeadm finds it
 *   on PATH and uses it as it would systemd; so does the default upgrade script.
 */
import fs from "node:fs";
import path from "node:path";
import type { Logger } from "../../../src/core/logger.ts";
import { KUBERNETES_VERSION } from "../../../src/sandbox/binaries.ts";
import { ensureComponents, PREVIOUS_KUBERNETES_VERSION, type ToolBinaries } from "../tools/binaries.ts";
import { startProcess, stopPid } from "../../../src/controlplane/supervisor.ts";
import { readPid } from "./run.ts";
import { HERE, logDir, RUN_DIR, SYSTEMCTL_STANDIN } from "./config.ts";

export const SUPERVISOR_SCRIPT = path.join(HERE, "kubelet-supervisor.sh");
export const SYSTEMCTL_SCRIPT = path.join(HERE, "systemctl.sh");
const SUPERVISOR_PID = path.join(RUN_DIR, "supervisor.pid");
export function kubeletLog(): string {
  return path.join(logDir(), "kubelet.log");
}

/** The kubelet, kubeadm and kubectl of `version` (v1.34.4 or v1.35.4), built or cached. */
export async function nodeBinaries(
  version: string,
  logger: Logger,
): Promise<Pick<ToolBinaries, "kubelet" | "kubeadm" | "kubectl">> {
  if (version === PREVIOUS_KUBERNETES_VERSION) return ensureComponents(["kubernetes-previous"], logger);
  if (version === KUBERNETES_VERSION) {
    const node = await ensureComponents(["kubernetes-node"], logger);
    const { kubectl } = await ensureComponents(["kubernetes"], logger);
    return { kubelet: node.kubelet, kubeadm: node.kubeadm, kubectl };
  }
  throw new Error(
    `the real node has binaries for ${PREVIOUS_KUBERNETES_VERSION} and ${KUBERNETES_VERSION}, not ${version}`,
  );
}

/**
 * Installs kubelet, kubeadm and kubectl of `version` into /usr/bin, where a
 * kubeadm node has them. Each is written beside its target and renamed over
 * it, so a running kubelet's binary is replaced, not overwritten in place.
 * (The upgrade tests replace this copy with an apt install from a local
 * package repository.)
 */
export async function installNodeBinaries(
  version: string,
  logger: Logger,
  only: readonly string[] = ["kubelet", "kubeadm", "kubectl"],
): Promise<void> {
  const bins = await nodeBinaries(version, logger);
  for (const [name, src] of Object.entries(bins)) {
    if (!only.includes(name)) continue;
    const target = path.join("/usr/bin", name);
    fs.copyFileSync(src, `${target}.kubekeep-new`);
    fs.chmodSync(`${target}.kubekeep-new`, 0o755);
    fs.renameSync(`${target}.kubekeep-new`, target);
  }
}

export function installSystemctl(): void {
  if (
    fs.existsSync(SYSTEMCTL_STANDIN) &&
    !fs.readFileSync(SYSTEMCTL_STANDIN, "utf8").includes("kubekeep stand-in")
  ) {
    throw new Error(
      `${SYSTEMCTL_STANDIN} exists and is not kubekeep's stand-in; the real node will not replace it`,
    );
  }
  fs.copyFileSync(SYSTEMCTL_SCRIPT, SYSTEMCTL_STANDIN);
  fs.chmodSync(SYSTEMCTL_STANDIN, 0o755);
}

export function removeSystemctl(): void {
  if (
    fs.existsSync(SYSTEMCTL_STANDIN) &&
    fs.readFileSync(SYSTEMCTL_STANDIN, "utf8").includes("kubekeep stand-in")
  ) {
    fs.rmSync(SYSTEMCTL_STANDIN);
  }
}

export function supervisorPid(): number | undefined {
  return readPid(SUPERVISOR_PID);
}

/** Starts the supervisor with the kubelet stopped: `kubeadm init` starts it through systemctl. */
export function startSupervisor(): number {
  const running = supervisorPid();
  if (running) return running;
  fs.mkdirSync(RUN_DIR, { recursive: true });
  fs.mkdirSync(logDir(), { recursive: true });
  fs.writeFileSync(path.join(RUN_DIR, "kubelet.want"), "stopped\n");
  fs.writeFileSync(kubeletLog(), "");
  const proc = startProcess({
    name: "kubelet-supervisor",
    command: "/bin/sh",
    args: [SUPERVISOR_SCRIPT],
    logFile: kubeletLog(),
    keepAfterExit: true,
    env: { KUBEKEEP_REAL_NODE_RUN: RUN_DIR },
  });
  fs.writeFileSync(SUPERVISOR_PID, String(proc.pid));
  return proc.pid;
}

/** Ends the supervisor and the kubelet it runs (one process group). */
export async function stopSupervisor(): Promise<void> {
  const pid = supervisorPid();
  if (pid) await stopPid(pid, 15_000);
  fs.rmSync(SUPERVISOR_PID, { force: true });
  const kubelet = readPid(path.join(RUN_DIR, "kubelet.pid"));
  if (kubelet) await stopPid(kubelet, 10_000);
}
