import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  OperationalError,
  badInput,
  errorMessage
} from "./chunk-YBANDQLS.js";

// src/recovery/members.ts
import net from "node:net";
var NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
var NODE_RE = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;
var PEER_URL_RE = /^https?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/;
function isSafePath(p, placeholders = false) {
  const plain = placeholders ? p.replaceAll("{node}", "node") : p;
  return /^\/[A-Za-z0-9._/-]*[A-Za-z0-9._-]$/.test(plain) && !plain.split("/").some((s) => s === "." || s === "..") && !plain.includes("//");
}
var MEMBER_FORM = "name=https://peer-address:2380;node=<node>;data-dir=/var/lib/etcd[;internal-ip=<node address>]";
function formatMember(m) {
  return `${m.name}=${m.peerUrl};node=${m.node};data-dir=${m.dataDir}${m.internalIp ? `;internal-ip=${m.internalIp}` : ""}`;
}
function parseMembers(entries, defaultDataDir = "/var/lib/etcd") {
  const members = entries.map((e) => {
    const [first = "", ...attrs] = e.split(";").map((s) => s.trim());
    const eq = first.indexOf("=");
    const name = first.slice(0, eq);
    const peerUrl = first.slice(eq + 1);
    const extra = {};
    for (const a of attrs) {
      const i = a.indexOf("=");
      const k = a.slice(0, i);
      if (i < 1 || k !== "node" && k !== "data-dir" && k !== "internal-ip")
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
        ...ip !== void 0 ? { internalIp: ip } : {}
      },
      "input 'members'"
    );
  });
  return checkSet(members, "input 'members'");
}
function checkMember(m, where) {
  const bad = (field, value, form) => new OperationalError(
    `${where}: member ${JSON.stringify(m.name)} has ${field} ${JSON.stringify(value)}; expected ${form}`
  );
  if (!NAME_RE.test(m.name)) throw bad("name", m.name, "letters, digits and . _ - (etcd's --name)");
  if (!NODE_RE.test(m.node)) throw bad("node", m.node, "a node name");
  if (!PEER_URL_RE.test(m.peerUrl)) throw bad("peer URL", m.peerUrl, "http(s)://host:port");
  if (!isSafePath(m.dataDir))
    throw bad("data dir", m.dataDir, "an absolute path of letters, digits and . _ - /");
  if (m.internalIp !== void 0 && !net.isIP(m.internalIp))
    throw bad("internal-ip", m.internalIp, "an IPv4 or IPv6 address");
  return m;
}
function checkSet(members, where) {
  if (members.length === 0) throw new OperationalError(`${where}: no etcd members`);
  const seen = /* @__PURE__ */ new Set();
  for (const m of members) {
    for (const k of [`name ${m.name}`, `peer URL ${m.peerUrl}`, `place ${m.node}:${m.dataDir}`]) {
      if (seen.has(k)) throw new OperationalError(`${where}: two members have the same ${k}`);
      seen.add(k);
    }
  }
  return members.sort((a, b) => a.name.localeCompare(b.name));
}
function flagValue(args, flag) {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
    if (a === flag) return args[i + 1];
  }
  return void 0;
}
async function discoverMembers(client) {
  const pods = await client.get("/api/v1/namespaces/kube-system/pods", {
    labelSelector: "component=etcd"
  });
  const where = "the etcd static pods in kube-system";
  if (pods.items.length === 0)
    throw new OperationalError(
      `no etcd static pods in kube-system (label component=etcd): not a kubeadm stacked etcd; give the members input (${MEMBER_FORM})`
    );
  return checkSet(
    pods.items.map((p) => {
      const containers = p.spec?.containers ?? [];
      const c = containers.find((x) => x.name === "etcd") ?? containers[0];
      const args = [...c?.command ?? [], ...c?.args ?? []];
      const podName = `kube-system/${p.metadata.name}`;
      const name = flagValue(args, "--name");
      const peer = flagValue(args, "--initial-advertise-peer-urls");
      const dataDir = flagValue(args, "--data-dir");
      const node = p.spec?.nodeName;
      if (!name || !peer || !dataDir || !node)
        throw new OperationalError(
          `${podName}: its command line lacks --name, --initial-advertise-peer-urls or --data-dir, or it has no node; give the members input (${MEMBER_FORM})`
        );
      if (peer.includes(","))
        throw new OperationalError(
          `${podName}: several peer URLs (${peer}); give the members input (${MEMBER_FORM})`
        );
      return checkMember({ name, node, peerUrl: peer, dataDir }, podName);
    }),
    where
  );
}
function initialCluster(members) {
  return members.map((m) => `${m.name}=${m.peerUrl}`).join(",");
}
async function withAddresses(client, members) {
  const out = [];
  for (const m of members) {
    if (m.internalIp) {
      out.push(m);
      continue;
    }
    const fix = `give it in the members input as ${formatMember({ ...m, internalIp: "<address>" })}`;
    let node;
    try {
      node = await client.get(`/api/v1/nodes/${m.node}`);
    } catch (err) {
      throw new OperationalError(
        `ssh-host needs the InternalIP of node ${m.node} (member ${m.name}), and the API cannot say (${errorMessage(err)}); ${fix} (a run prints the members value with the addresses before it stops anything)`
      );
    }
    const ip = node.status?.addresses?.find((a) => a.type === "InternalIP")?.address;
    if (!ip)
      throw new OperationalError(`node ${m.node} (member ${m.name}) reports no InternalIP address; ${fix}`);
    out.push(checkMember({ ...m, internalIp: ip }, `node ${m.node}'s InternalIP`));
  }
  return out;
}

export {
  NAME_RE,
  NODE_RE,
  PEER_URL_RE,
  isSafePath,
  MEMBER_FORM,
  formatMember,
  parseMembers,
  checkMember,
  flagValue,
  discoverMembers,
  initialCluster,
  withAddresses
};
