import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-PV2QPZHY.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-27UJBD7E.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-67QOEEXJ.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-3JPWLJQL.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-4XPGO4MN.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-XXUYEAOU.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-CACMJJFB.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-FH2HY7PV.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-NN5YUQUK.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-TNVEMR4B.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-YCDKUVOD.js")).uncordon }
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
