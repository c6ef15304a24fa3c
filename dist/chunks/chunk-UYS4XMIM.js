import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-MZU5ALSC.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-7YRICWQG.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-RYXZWNLZ.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-XEW2CFE7.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-PZFHGE46.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-IOMQY5LR.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-5TZBCZYN.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-QO5FOZZI.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-NQ6PXTBN.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-YKKSKE5H.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-Q2YTCMN6.js")).uncordon }
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
