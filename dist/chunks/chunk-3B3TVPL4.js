import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-ASNRHNGB.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-TESCOJXX.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-ELW6KJ5L.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-V3JSZN5A.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-NDNFSG77.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-OUX5LNHB.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-SWX3NVXT.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-6MY7AVA4.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-AREKYFAO.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-ZA4PAPJD.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-SJDNB45X.js")).uncordon }
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
