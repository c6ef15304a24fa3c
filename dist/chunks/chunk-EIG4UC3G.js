import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-JJUDTNSE.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-42I4FCZ3.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-IW5WBXQE.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-XMXJRDCF.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-5PDBAW2V.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-H224AAHM.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-56KVKIPM.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-FKWHRDF6.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-5Z7VOL2C.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-SUYA5V7M.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-VA2GTCBE.js")).uncordon }
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
