/**
 * What the real node changes on the host, recorded before `up` and put back
 * by `down`: the sysctls the kubelet and the CNI plugin set, the iptables
 * rules the kubelet adds, which host paths existed (the rest are removed),
 * and any kube binaries in /usr/bin the harness replaced. The record is a
 * file under STATE_DIR, so a crashed run is still restored by the next
 * `down` (or `up`, which first cleans up leftovers).
 */
import fs from "node:fs";
import path from "node:path";
import { HOST_RECORD, STATE_DIR } from "./config.ts";
import { run } from "./run.ts";

/** Sysctls a kubeadm node changes: the kubelet's kernel defaults, forwarding, bridge netfilter. */
export const SYSCTLS = [
  "vm.overcommit_memory",
  "vm.panic_on_oom",
  "kernel.panic",
  "kernel.panic_on_oops",
  "kernel.keys.root_maxkeys",
  "kernel.keys.root_maxbytes",
  "net.ipv4.ip_forward",
  "net.ipv6.conf.all.forwarding",
  "net.bridge.bridge-nf-call-iptables",
  "net.bridge.bridge-nf-call-ip6tables",
  "net.ipv4.conf.all.route_localnet",
];

/** Host paths the node creates; any that did not exist before `up` is removed by `down`. */
export const OWNED_PATHS = [
  "/etc/kubernetes",
  "/var/lib/kubelet",
  "/var/lib/etcd",
  "/var/lib/cni",
  "/etc/cni",
  "/etc/cni/net.d",
  "/var/log/pods",
  "/var/log/containers",
  "/run/containerd",
  "/run/netns",
  "/var/run/netns",
  "/run/kubeadm",
  "/opt/cni",
  "/opt/containerd",
  "/usr/libexec/kubernetes",
  // The pod executor's run records (KUBEKEEP_RUN_DIR's default) on the node.
  "/var/lib/kubekeep",
];

/** Binaries the harness puts in /usr/bin; ones that existed are saved and put back. */
export const NODE_BINARIES = ["kubelet", "kubeadm", "kubectl"];

export interface HostRecord {
  sysctls: Record<string, string>;
  iptables: { v4: string; v6: string };
  existingPaths: string[];
  /** Binaries that were in /usr/bin before, saved under STATE_DIR/saved-bin. */
  savedBinaries: string[];
  /** Those that were symbolic links (a cloud SDK's kubectl): name -> target. */
  savedLinks?: Record<string, string>;
}

const SAVED_BIN = path.join(STATE_DIR, "saved-bin");

export function readSysctl(name: string): string | undefined {
  try {
    return fs.readFileSync(path.join("/proc/sys", name.replace(/\./g, "/")), "utf8").trim();
  } catch {
    return undefined;
  }
}

function writeSysctl(name: string, value: string): void {
  try {
    fs.writeFileSync(path.join("/proc/sys", name.replace(/\./g, "/")), value);
  } catch {
    // a sysctl that cannot be written was not changed either
  }
}

/** Records the host before `up` (only once: an existing record is the true "before"). */
export async function recordHost(): Promise<HostRecord> {
  const existing = readRecord();
  if (existing) return existing;
  const sysctls: Record<string, string> = {};
  for (const s of SYSCTLS) {
    const v = readSysctl(s);
    if (v !== undefined) sysctls[s] = v;
  }
  const record: HostRecord = {
    sysctls,
    iptables: {
      v4: (await run("iptables-save", [])).stdout,
      v6: (await run("ip6tables-save", [])).stdout,
    },
    existingPaths: OWNED_PATHS.filter((p) => fs.existsSync(p)),
    savedBinaries: [],
    savedLinks: {},
  };
  fs.mkdirSync(SAVED_BIN, { recursive: true });
  for (const b of NODE_BINARIES) {
    const file = path.join("/usr/bin", b);
    const link = readLink(file);
    if (link !== undefined) {
      (record.savedLinks ??= {})[b] = link;
    } else if (fs.existsSync(file)) {
      fs.copyFileSync(file, path.join(SAVED_BIN, b));
      record.savedBinaries.push(b);
    }
  }
  fs.mkdirSync(STATE_DIR, { recursive: true });
  fs.writeFileSync(HOST_RECORD, JSON.stringify(record, null, 2));
  return record;
}

function readLink(file: string): string | undefined {
  try {
    return fs.readlinkSync(file);
  } catch {
    return undefined;
  }
}

export function readRecord(): HostRecord | undefined {
  try {
    return JSON.parse(fs.readFileSync(HOST_RECORD, "utf8")) as HostRecord;
  } catch {
    return undefined;
  }
}

export function restoreSysctls(record: HostRecord): void {
  for (const [name, value] of Object.entries(record.sysctls)) {
    if (readSysctl(name) !== value) writeSysctl(name, value);
  }
}

/** Puts back the kube binaries that were in /usr/bin and removes the ones the harness added. */
export function restoreBinaries(record: HostRecord): void {
  for (const b of NODE_BINARIES) {
    const file = path.join("/usr/bin", b);
    const link = record.savedLinks?.[b];
    if (link !== undefined) {
      fs.rmSync(file + ".kubekeep-restore", { force: true });
      fs.symlinkSync(link, file + ".kubekeep-restore");
      fs.renameSync(file + ".kubekeep-restore", file);
    } else if (record.savedBinaries.includes(b)) {
      fs.copyFileSync(path.join(SAVED_BIN, b), file + ".kubekeep-restore");
      fs.renameSync(file + ".kubekeep-restore", file);
    } else {
      fs.rmSync(file, { force: true });
    }
  }
}

/** Tables and chains in iptables-save output, by table, in order. */
export function iptablesTables(save: string): Map<string, string[]> {
  const tables = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of save.split("\n")) {
    if (line.startsWith("*")) tables.set(line.slice(1), (current = []));
    else if (line.startsWith(":") && current) current.push(line.slice(1).split(" ")[0] ?? "");
  }
  return tables;
}

/**
 * Puts iptables back as recorded: tables that existed get their saved rules
 * back (iptables-restore replaces a whole table); chains and rules in tables
 * that did not exist are flushed and deleted, and with the nf_tables backend
 * the table itself is deleted so `iptables-save` prints what it printed before.
 */
export async function restoreIptables(record: HostRecord): Promise<void> {
  for (const [family, saved] of [
    ["v4", record.iptables.v4],
    ["v6", record.iptables.v6],
  ] as const) {
    const cmd = family === "v4" ? "iptables" : "ip6tables";
    const now = (await run(`${cmd}-save`, [])).stdout;
    const before = iptablesTables(saved);
    if (before.size > 0) await run(`${cmd}-restore`, [], { input: saved });
    for (const table of iptablesTables(now).keys()) {
      if (before.has(table)) continue;
      await run(cmd, ["-t", table, "-F"], { allowFailure: true });
      await run(cmd, ["-t", table, "-X"], { allowFailure: true });
      await run("nft", ["delete", "table", family === "v4" ? "ip" : "ip6", table], { allowFailure: true });
    }
  }
}
