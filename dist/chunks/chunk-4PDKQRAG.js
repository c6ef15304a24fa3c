import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-S36RCH32.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-OIMSVMWC.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-V7ZLK3WB.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-QLXGJ633.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-WBAZYQDF.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-7RDJ45DM.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-SVXDZ7Y5.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-USE7KBWV.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-OWUCO6JJ.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-ANCTZIQV.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-YMPMQTLH.js")).uncordon }
];
var CAPABILITY_NAMES = CAPABILITIES.map((c) => c.name);
async function findCapability(name) {
  return CAPABILITIES.find((c) => c.name === name)?.load();
}

export {
  CAPABILITIES,
  CAPABILITY_NAMES,
  findCapability
};
