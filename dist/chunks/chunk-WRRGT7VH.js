import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-U45G4PPE.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-AZYMRYKL.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-UEUZ6WME.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-TIN4C7OJ.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-2YPUKBIT.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-DC4C2LZ3.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-V7N5EYTP.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-KL6LJ2CJ.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-46OGQ7IN.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-XX6OQHGC.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-OK5D5GWF.js")).uncordon }
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
