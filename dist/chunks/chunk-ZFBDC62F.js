import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-BBLD7WIA.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-DEGEI5V6.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-LFD5Y3XY.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-OEOW7JBC.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-WXAN2ORQ.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-WKQWEMNS.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-I3E65UGN.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-YNSFBKZY.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-K5Z573UA.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-SC5RR5IA.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-C2SHVALW.js")).uncordon }
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
