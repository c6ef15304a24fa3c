/**
 * `kubeadm init` and `kubeadm reset` for the real node, with one config file:
 * images from IMAGE_REPOSITORY and never pulled, the node on NODE_IP, the
 * kubelet set for this machine (cgroupfs on cgroup v1, oomScoreAdj 0: see
 * /work/shared/REAL-NODE.md), and the kube-proxy and CoreDNS addons skipped
 * (Services have no data path here; nothing needs cluster DNS).
 */
import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import {
  API_SERVER,
  CONTAINERD_SOCKET,
  IMAGE_REPOSITORY,
  NODE_IP,
  NODE_NAME,
  POD_SUBNET,
  SERVICE_SUBNET,
  STATE_DIR,
} from "./config.ts";
import { ETCD_TAG } from "./images.ts";
import { run, type RunResult } from "./run.ts";

/**
 * Preflight checks this machine fails for known reasons: cgroup v1
 * (SystemVerification), and IP forwarding, which the harness leaves off
 * because pods only talk on their bridge.
 */
export const IGNORED_PREFLIGHT = ["SystemVerification", "FileContent--proc-sys-net-ipv4-ip_forward"];

export const CRI_SOCKET = `unix://${CONTAINERD_SOCKET}`;

export function kubeadmConfig(version: string): string {
  const init = {
    apiVersion: "kubeadm.k8s.io/v1beta4",
    kind: "InitConfiguration",
    localAPIEndpoint: { advertiseAddress: NODE_IP, bindPort: 6443 },
    nodeRegistration: {
      name: NODE_NAME,
      criSocket: CRI_SOCKET,
      imagePullPolicy: "Never",
      ignorePreflightErrors: IGNORED_PREFLIGHT,
      // Without it the kubelet would pick eth0's address, which must not be used.
      kubeletExtraArgs: [{ name: "node-ip", value: NODE_IP }],
    },
    skipPhases: ["addon/kube-proxy", "addon/coredns"],
  };
  const cluster = {
    apiVersion: "kubeadm.k8s.io/v1beta4",
    kind: "ClusterConfiguration",
    clusterName: "kubekeep-real",
    kubernetesVersion: version,
    imageRepository: IMAGE_REPOSITORY,
    controlPlaneEndpoint: `${NODE_IP}:6443`,
    networking: { podSubnet: POD_SUBNET, serviceSubnet: SERVICE_SUBNET, dnsDomain: "cluster.local" },
    etcd: { local: { imageRepository: IMAGE_REPOSITORY, imageTag: ETCD_TAG, dataDir: "/var/lib/etcd" } },
    // Listen on the node's own address only, never on every interface (eth0).
    apiServer: { extraArgs: [{ name: "bind-address", value: NODE_IP }] },
  };
  const kubelet = {
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    kind: "KubeletConfiguration",
    cgroupDriver: "cgroupfs",
    failCgroupV1: false,
    oomScoreAdj: 0,
    address: NODE_IP,
    containerRuntimeEndpoint: CRI_SOCKET,
    // The host's disk is shared and busy; do not evict test pods for it.
    evictionHard: { "nodefs.available": "1%", "imagefs.available": "1%", "memory.available": "100Mi" },
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
  };
  return [init, cluster, kubelet].map((d) => stringify(d)).join("---\n");
}

export function kubeadmConfigPath(): string {
  return path.join(STATE_DIR, "kubeadm.yaml");
}

export async function kubeadmInit(version: string, logFile: string): Promise<RunResult> {
  fs.writeFileSync(kubeadmConfigPath(), kubeadmConfig(version));
  const result = await run("/usr/bin/kubeadm", ["init", "--config", kubeadmConfigPath(), "--v=1"], {
    timeoutMs: 6 * 60_000,
    allowFailure: true,
  });
  fs.writeFileSync(logFile, result.stdout + result.stderr);
  if (result.code !== 0) {
    throw new Error(
      `kubeadm init failed (exit ${result.code}); full output in ${logFile}:\n` +
        (result.stdout + result.stderr).trimEnd().split("\n").slice(-40).join("\n"),
    );
  }
  return result;
}

/** `kubeadm reset -f`: stops the kubelet (through systemctl), removes the containers, the static pods and the PKI. */
export async function kubeadmReset(logFile: string): Promise<void> {
  if (!fs.existsSync("/usr/bin/kubeadm")) return;
  const result = await run("/usr/bin/kubeadm", ["reset", "-f", "--cri-socket", CRI_SOCKET], {
    timeoutMs: 3 * 60_000,
    allowFailure: true,
  });
  fs.writeFileSync(logFile, result.stdout + result.stderr);
}

export { API_SERVER };
