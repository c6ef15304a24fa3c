import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-NTW4TPLW.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-ES4N4UWC.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-BAXYGSXY.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-3EAGQHY4.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-3ELVWYER.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-5F4RUZOT.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-VJ2CK773.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-7UWAX6FM.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-VFGB7GTP.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-CAHA5J6X.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-R7VC32SR.js")).uncordon }
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
