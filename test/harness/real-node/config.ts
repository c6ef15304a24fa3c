/**
 * The real node's fixed facts: names, addresses, paths. A kubeadm node uses
 * fixed ports and host paths, so there is one per machine (see lock.ts).
 *
 * Addresses: everything lives in 198.18.0.0/15, the range RFC 2544 sets
 * aside for benchmarking, which nothing on this machine uses (eth0 is in
 * 192.0.2.0/24) and which is not routed on the internet. The harness adds an
 * `unreachable` route for the whole /15, so an address in it that is not on
 * one of the harness's own devices fails at once instead of following the
 * default route off the machine; the node address (a /32 on a port-less bridge)
 * and the pods' bridge subnet are more specific and win over it.
 */
import os from "node:os";
import path from "node:path";
import { cacheRoot } from "../../../src/core/binaries/cache.ts";

export const NODE_NAME = "kubekeep-real";
/** The harness's own address range: blocked as a whole, carved below. */
export const HARNESS_RANGE = "198.18.0.0/15";
/** The node's address (advertise address, kubelet node IP): a /32 on DUMMY_DEVICE, a bridge with no ports. */
export const NODE_IP = "198.18.0.2";
export const DUMMY_DEVICE = "kknode0";
/** The pods' bridge and subnet (bridge CNI plugin, host-local IPAM). */
export const BRIDGE_DEVICE = "kkcni0";
export const POD_SUBNET = "198.18.1.0/24";
export const BRIDGE_IP = "198.18.1.1";
/** Services have no data path here (no kube-proxy): the range only has to be unique. */
export const SERVICE_SUBNET = "198.19.0.0/24";
export const API_SERVER = `https://${NODE_IP}:6443`;
/** The ports a kubeadm control-plane node binds, all fixed. */
export const FIXED_PORTS = [6443, 2379, 2380, 2381, 10248, 10250, 10257, 10259];

/** The local name the node's images carry; nothing ever pulls from it. */
export const IMAGE_REPOSITORY = "registry.kubekeep.local";
export const PAUSE_TAG = "3.10.1";
export const IMAGES = {
  pause: `${IMAGE_REPOSITORY}/pause:${PAUSE_TAG}`,
  /** SIGTERM takes TERM_DELAY (a Go duration) before it exits: real grace periods. */
  workload: `${IMAGE_REPOSITORY}/kubekeep-workload:v1`,
  /** nsenter and its libraries only: the pod executor enters the host's namespaces with it. */
  executor: `${IMAGE_REPOSITORY}/kubekeep-executor:v1`,
};

/** The harness's state on the host (host record, configs, pid files); removed by `down`. */
export const STATE_DIR = "/var/lib/kubekeep-real-node";
/** Pid files and the kubelet's wanted state, read by the systemctl stand-in. */
export const RUN_DIR = "/run/kubekeep-real-node";
export const HOST_RECORD = path.join(STATE_DIR, "host-record.json");
export const CNI_CONF_DIR = "/etc/cni/net.d";
export const CNI_CONF_FILE = path.join(CNI_CONF_DIR, "10-kubekeep-bridge.conflist");
export const CNI_NETWORK = "kubekeep-bridge";
export const CNI_STATE_DIR = "/var/lib/cni/networks/" + CNI_NETWORK;
export const SYSTEMCTL_STANDIN = "/usr/local/bin/systemctl";
export const ADMIN_KUBECONFIG = "/etc/kubernetes/admin.conf";

/** Cached across runs (like the Go binaries): image tarballs, containerd's image store, logs. */
export function realNodeCache(): string {
  return path.join(cacheRoot(), "real-node");
}
/** containerd's root lives in the cache, so imported images survive `down` and `up` skips the import. */
export function containerdRoot(): string {
  return path.join(realNodeCache(), "containerd");
}
export const CONTAINERD_STATE = "/run/containerd";
export const CONTAINERD_SOCKET = "/run/containerd/containerd.sock";
export function logDir(): string {
  return path.join(realNodeCache(), "logs");
}
/** A copy of admin.conf readable by the harness's user, kept while the node is up. */
export function kubeconfigPath(): string {
  return path.join(STATE_DIR, "admin.conf");
}

export const HERE = path.dirname(new URL(import.meta.url).pathname);
export const HOSTNAME = os.hostname();
