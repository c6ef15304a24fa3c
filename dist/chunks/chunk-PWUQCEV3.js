import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-CNFWIDEC.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-ZBCYWABF.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-3I24FSCO.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-QYETSTF6.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-XHCYEIB3.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-AI7R5WOZ.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-MLCFNFQJ.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-7JSO5VP7.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-EQ6N5AXS.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-EN4XGYR5.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-ORSWRO2I.js")).uncordon }
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
