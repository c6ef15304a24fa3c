import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-HOCMPISE.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-XLXWZWQF.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-4K4BSCFH.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-TU6GTTFD.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-XNJ7NBDT.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-FNGLAECZ.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-7CVML5WX.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-LJ3A24JZ.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-RLP2Q375.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-6LXVKR2H.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-PUN4BJZ7.js")).uncordon }
];
var CAPABILITY_NAMES = CAPABILITIES.map((c) => c.name);
async function findCapability(name) {
  return CAPABILITIES.find((c) => c.name === name)?.load();
}
function loadAllCapabilities() {
  return Promise.all(CAPABILITIES.map((c) => c.load()));
}

export {
  CAPABILITY_NAMES,
  findCapability,
  loadAllCapabilities
};
