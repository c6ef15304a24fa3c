import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-UP6OQS5I.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-53LPVMUG.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-MJMU5RYE.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-PD7KE5NI.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-NXQMU4SZ.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-VDFNJAII.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-HOGNRMQE.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-JH2HP6VJ.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-326C7WRD.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-FBTC2PLQ.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-NUNWOKOQ.js")).uncordon }
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
