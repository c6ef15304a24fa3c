import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-MZU5ALSC.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-DKTDP55U.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-EUVQ7ZFW.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-AR5A5SNN.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-QGNHM53A.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-U3DQ3QWM.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-JQ72WSJM.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-C54LPCCA.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-MSLTZJRX.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-N5KYUSA4.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-AIW75PON.js")).uncordon }
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
