/**
 * A picture of the host for the teardown test: every sysctl (minus counters
 * that move on their own), iptables and ip6tables rules, mount points,
 * network devices and routes, and the file tree where a node leaves things.
 * `down` must bring it back exactly.
 */
import fs from "node:fs";
import path from "node:path";
import { run } from "./run.ts";

/** Sysctls that change by themselves (counters, random values, pids). */
const VOLATILE_SYSCTL =
  /^(fs\.(dentry-state|file-nr|inode-nr|inode-state|quota\.)|kernel\.(ns_last_pid|random\.|pty\.nr)|net\.netfilter\.nf_conntrack_count)/;

/** Folders where a kubeadm node, containerd or the CNI plugins write, with what to skip in them. */
const TREES = ["/etc", "/var/lib", "/var/log", "/run", "/opt", "/usr/local", "/usr/bin", "/usr/libexec"];
const SKIP = /^\/(var\/lib\/(apt|dpkg)|var\/log\/(journal|apt|dpkg\.log)|run\/user)/;

export interface HostSnapshot {
  sysctls: string[];
  iptables: string[];
  ip6tables: string[];
  mounts: string[];
  links: string[];
  routes: string[];
  paths: string[];
}

function iptablesRules(save: string): string[] {
  // Comments carry timestamps; counters move.
  return save
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.replace(/\[\d+:\d+\]/, ""));
}

function walk(dir: string, depth: number, out: string[]): void {
  if (SKIP.test(dir)) return;
  out.push(dir);
  if (depth === 0) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, depth - 1, out);
    // A link is recorded with its target: putting a file back where a link
    // was (say /usr/bin/kubectl of a cloud SDK) is a change too.
    else if (e.isSymbolicLink()) out.push(`${full} -> ${fs.readlinkSync(full)}`);
    else if (!SKIP.test(full)) out.push(full);
  }
}

export async function snapshotHost(): Promise<HostSnapshot> {
  const sysctls = (await run("sysctl", ["-a"], { allowFailure: true })).stdout
    .split("\n")
    .filter((l) => l && !VOLATILE_SYSCTL.test(l));
  const paths: string[] = [];
  for (const t of TREES) walk(t, 3, paths);
  return {
    sysctls,
    iptables: iptablesRules((await run("iptables-save", [])).stdout),
    ip6tables: iptablesRules((await run("ip6tables-save", [])).stdout),
    mounts: fs
      .readFileSync("/proc/self/mountinfo", "utf8")
      .split("\n")
      .map((l) => l.split(" ")[4] ?? "")
      .filter(Boolean)
      .sort(),
    // Device names and flags; counters and the kernel's own ifindex numbering aside.
    links: (await run("ip", ["-br", "link"])).stdout.split("\n").filter(Boolean).sort(),
    routes: [
      ...(await run("ip", ["route", "show", "table", "all"])).stdout.split("\n"),
      ...(await run("ip", ["-6", "route", "show", "table", "all"])).stdout.split("\n"),
    ]
      .filter(Boolean)
      .sort(),
    paths: paths.sort(),
  };
}
