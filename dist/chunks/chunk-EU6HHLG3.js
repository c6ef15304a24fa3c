import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-2MHYK7DV.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-I64EX7N6.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-UZHAIYNQ.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-7EXY7JJL.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-6L44GSIO.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-WATVLEJM.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-RV76NGLK.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-DIAUV6QL.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-ZDGJSFZD.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-BAKQ7RWF.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-EUADK25F.js")).uncordon }
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
