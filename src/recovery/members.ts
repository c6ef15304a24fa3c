/**
 * The etcd members a restore acts on: found in the cluster (the etcd static
 * pods kubeadm runs in kube-system, one per control-plane node, their
 * command lines naming the member, its peer URL and data dir), or given as
 * the `members` input when the API cannot answer (a restore that stopped etcd
 * and was interrupted). Everything read here ends up in a shell line on a
 * node, so every value is checked against a strict form first.
 */
import net from "node:net";
import type { KubeClient } from "../cluster/client.ts";
import { badInput, errorMessage, OperationalError } from "../core/errors.ts";
import type { List, Node, Pod } from "../nodes/types.ts";

export interface Member {
  /** etcd's --name. */
  name: string;
  /** The node it runs on (where the restore-command acts). */
  node: string;
  /** --initial-advertise-peer-urls (one URL). */
  peerUrl: string;
  /** --data-dir as the node sees it. */
  dataDir: string;
  /**
   * The node's InternalIP, for ssh-host's {internal-ip}: read from its Node
   * while the API answers, and carried in the members value a re-run takes
   * (with etcd stopped there is no API to read it from).
   */
  internalIp?: string;
}

export const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
export const NODE_RE = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
export const PEER_URL_RE = /^https?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;

/** An absolute path of plain characters, without . or .. segments: safe in a shell word and a mv. */
export function isSafePath(p: string, placeholders = false): boolean {
  const plain = placeholders ? p.replaceAll("{node}", "node") : p;
  return (
    /^\/[A-Za-z0-9._/-]*[A-Za-z0-9._-]$/.test(plain) &&
    !plain.split("/").some((s) => s === "." || s === "..") &&
    !plain.includes("//")
  );
}

/** `name=peer-url;node=<node>;data-dir=<path>`: the form of one `members` entry, also printed by the plan. */
export const MEMBER_FORM =
  "name=https://peer-address:2380;node=<node>;data-dir=/var/lib/etcd[;internal-ip=<node address>]";

export function formatMember(m: Member): string {
  return `${m.name}=${m.peerUrl};node=${m.node};data-dir=${m.dataDir}${m.internalIp ? `;internal-ip=${m.internalIp}` : ""}`;
}

/** Parses the `members` input (one entry a line or comma-separated). */
export function parseMembers(entries: string[], defaultDataDir = "/var/lib/etcd"): Member[] {
  const members = entries.map((e) => {
    const [first = "", ...attrs] = e.split(";").map((s) => s.trim());
    const eq = first.indexOf("=");
    const name = first.slice(0, eq);
    const peerUrl = first.slice(eq + 1);
    const extra: Record<string, string> = {};
    for (const a of attrs) {
      const i = a.indexOf("=");
      const k = a.slice(0, i);
      if (i < 1 || (k !== "node" && k !== "data-dir" && k !== "internal-ip"))
        throw badInput("members", e, MEMBER_FORM);
      extra[k] = a.slice(i + 1);
    }
    if (eq < 1) throw badInput("members", e, MEMBER_FORM);
    const ip = extra["internal-ip"];
    return checkMember(
      {
        name,
        peerUrl,
        node: extra.node ?? name,
        dataDir: extra["data-dir"] ?? defaultDataDir,
        ...(ip !== undefined ? { internalIp: ip } : {}),
      },
      "input 'members'",
    );
  });
  return checkSet(members, "input 'members'");
}

/** Checks every field of a member against its form; `where` says where it came from. */
export function checkMember(m: Member, where: string): Member {
  const bad = (field: string, value: string, form: string) =>
    new OperationalError(
      `${where}: member ${JSON.stringify(m.name)} has ${field} ${JSON.stringify(value)}; expected ${form}`,
    );
  if (!NAME_RE.test(m.name)) throw bad("name", m.name, "letters, digits and . _ - (etcd's --name)");
  if (!NODE_RE.test(m.node)) throw bad("node", m.node, "a node name");
  if (!PEER_URL_RE.test(m.peerUrl)) throw bad("peer URL", m.peerUrl, "http(s)://host:port");
  if (!isSafePath(m.dataDir))
    throw bad("data dir", m.dataDir, "an absolute path of letters, digits and . _ - /");
  if (m.internalIp !== undefined && !net.isIP(m.internalIp))
    throw bad("internal-ip", m.internalIp, "an IPv4 or IPv6 address");
  return m;
}

function checkSet(members: Member[], where: string): Member[] {
  if (members.length === 0) throw new OperationalError(`${where}: no etcd members`);
  const seen = new Set<string>();
  for (const m of members) {
    for (const k of [`name ${m.name}`, `peer URL ${m.peerUrl}`, `place ${m.node}:${m.dataDir}`]) {
      if (seen.has(k)) throw new OperationalError(`${where}: two members have the same ${k}`);
      seen.add(k);
    }
  }
  return members.sort((a, b) => a.name.localeCompare(b.name));
}

/** The value of `--flag=value` (or `--flag value`) in a command line. */
export function flagValue(args: string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
    if (a === flag) return args[i + 1];
  }
  return undefined;
}

interface StaticPodSpec {
  containers?: { name?: string; command?: string[]; args?: string[] }[];
}

/** The members from the etcd static pods of kube-system (label component=etcd), their values checked. */
export async function discoverMembers(client: KubeClient): Promise<Member[]> {
  const pods = await client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods", {
    labelSelector: "component=etcd",
  });
  const where = "the etcd static pods in kube-system";
  if (pods.items.length === 0)
    throw new OperationalError(
      `no etcd static pods in kube-system (label component=etcd): not a kubeadm stacked etcd; give the members input (${MEMBER_FORM})`,
    );
  return checkSet(
    pods.items.map((p) => {
      const containers = (p.spec as StaticPodSpec | undefined)?.containers ?? [];
      const c = containers.find((x) => x.name === "etcd") ?? containers[0];
      const args = [...(c?.command ?? []), ...(c?.args ?? [])];
      const podName = `kube-system/${p.metadata.name}`;
      const name = flagValue(args, "--name");
      const peer = flagValue(args, "--initial-advertise-peer-urls");
      const dataDir = flagValue(args, "--data-dir");
      const node = p.spec?.nodeName;
      if (!name || !peer || !dataDir || !node)
        throw new OperationalError(
          `${podName}: its command line lacks --name, --initial-advertise-peer-urls or --data-dir, or it has no node; give the members input (${MEMBER_FORM})`,
        );
      if (peer.includes(","))
        throw new OperationalError(
          `${podName}: several peer URLs (${peer}); give the members input (${MEMBER_FORM})`,
        );
      return checkMember({ name, node, peerUrl: peer, dataDir }, podName);
    }),
    where,
  );
}

/** etcd's --initial-cluster for the restored members: every member's name and peer URL. */
export function initialCluster(members: Member[]): string {
  return members.map((m) => `${m.name}=${m.peerUrl}`).join(",");
}

/**
 * The members with each node's InternalIP filled in from its Node (for
 * ssh-host's {internal-ip}); an address the members input gave is kept. Read
 * before anything stops: with etcd stopped the API cannot say. Fails naming
 * the node when the API cannot answer or the Node reports no InternalIP.
 */
export async function withAddresses(client: KubeClient, members: Member[]): Promise<Member[]> {
  const out: Member[] = [];
  for (const m of members) {
    if (m.internalIp) {
      out.push(m);
      continue;
    }
    const fix = `give it in the members input as ${formatMember({ ...m, internalIp: "<address>" })}`;
    let node: Node;
    try {
      node = await client.get<Node>(`/api/v1/nodes/${m.node}`);
    } catch (err) {
      throw new OperationalError(
        `ssh-host needs the InternalIP of node ${m.node} (member ${m.name}), and the API cannot say (${errorMessage(err)}); ${fix} (a run prints the members value with the addresses before it stops anything)`,
      );
    }
    const ip = node.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
    if (!ip)
      throw new OperationalError(`node ${m.node} (member ${m.name}) reports no InternalIP address; ${fix}`);
    out.push(checkMember({ ...m, internalIp: ip }, `node ${m.node}'s InternalIP`));
  }
  return out;
}
