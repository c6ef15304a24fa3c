import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-CXKZXSWQ.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-6ZTWGEV4.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-IRGBPUS7.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-ZP4V7JEZ.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-NEWGCFQN.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-ZRR2ETAL.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-W5IIKV3L.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-DDZICJIZ.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-R4M2WOMA.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-SZUIAZWY.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-TBBKPEKD.js")).uncordon }
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
