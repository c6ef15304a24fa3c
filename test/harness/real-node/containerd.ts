/**
 * The real node's container runtime: Debian's containerd with the harness's
 * own configuration, run as a background process with its own log (no
 * systemd here). Its image store lives in the cache (config.ts), so images
 * imported once survive `down`; its state (/run/containerd) does not.
 *
 * Settings forced by this machine (see /work/shared/REAL-NODE.md):
 * `restrict_oom_score_adj`, because root lacks CAP_SYS_RESOURCE and runc
 * cannot set a negative oom_score_adj; cgroupfs, because there is no systemd.
 */
import fs from "node:fs";
import path from "node:path";
import { pollUntil } from "../../../src/core/sleep.ts";
import { startProcess, stopPid, tail } from "../../../src/controlplane/supervisor.ts";
import {
  CNI_CONF_DIR,
  CONTAINERD_SOCKET,
  CONTAINERD_STATE,
  containerdRoot,
  IMAGES,
  logDir,
  RUN_DIR,
  STATE_DIR,
} from "./config.ts";
import { readPid, run } from "./run.ts";

const PID_FILE = path.join(RUN_DIR, "containerd.pid");

export function containerdConfig(): string {
  const root = containerdRoot();
  return `version = 2
root = "${root}"
state = "${CONTAINERD_STATE}"
[grpc]
  address = "${CONTAINERD_SOCKET}"
[plugins]
  [plugins."io.containerd.internal.v1.opt"]
    path = "${path.join(root, "opt")}"
  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "${IMAGES.pause}"
    restrict_oom_score_adj = true
    stream_server_address = "127.0.0.1"
    enable_selinux = false
    [plugins."io.containerd.grpc.v1.cri".containerd]
      snapshotter = "overlayfs"
      default_runtime_name = "runc"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
        runtime_type = "io.containerd.runc.v2"
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
          SystemdCgroup = false
    [plugins."io.containerd.grpc.v1.cri".cni]
      bin_dir = "/usr/lib/cni"
      conf_dir = "${CNI_CONF_DIR}"
`;
}

export function containerdPid(): number | undefined {
  return readPid(PID_FILE);
}

export async function startContainerd(): Promise<number> {
  const running = containerdPid();
  if (running) return running;
  fs.mkdirSync(containerdRoot(), { recursive: true });
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.mkdirSync(RUN_DIR, { recursive: true });
  fs.mkdirSync(logDir(), { recursive: true });
  const config = path.join(STATE_DIR, "containerd.toml");
  fs.writeFileSync(config, containerdConfig());
  const logFile = path.join(logDir(), "containerd.log");
  fs.writeFileSync(logFile, "");
  const proc = startProcess({
    name: "containerd",
    command: "containerd",
    args: ["--config", config],
    logFile,
    keepAfterExit: true,
  });
  fs.writeFileSync(PID_FILE, String(proc.pid));
  await pollUntil(
    async () => {
      if (proc.hasExited())
        throw new Error(`containerd exited at start; its log (${logFile}):\n${tail(logFile)}`);
      return (
        (
          await run("ctr", ["--address", CONTAINERD_SOCKET, "version"], {
            allowFailure: true,
            timeoutMs: 5000,
          })
        ).code === 0
      );
    },
    {
      timeoutMs: 30_000,
      intervalMs: 200,
      timedOut: () => `containerd not ready in 30 s; log:\n${tail(logFile)}`,
    },
  );
  return proc.pid;
}

export async function stopContainerd(): Promise<void> {
  const pid = containerdPid();
  if (pid) await stopPid(pid, 10_000);
  fs.rmSync(PID_FILE, { force: true });
  // Shims of containers that outlived the kubelet (kubeadm reset removes
  // them, a crash may not) belong to this containerd: end them by pid.
  for (const shim of shimPids()) {
    try {
      process.kill(shim, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** containerd-shim processes serving this node's socket (address in their command line). */
export function shimPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmdline[0]?.includes("containerd-shim") && cmdline.includes(CONTAINERD_SOCKET))
        pids.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}
