import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-JJVASMIZ.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-6D3M7FS3.js")).exportCapability },
  { name: "apply", load: async () => (await import("./apply-capability-JNJUAEW7.js")).applyCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-UO5KFRZB.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-UP7V7NY4.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-XPVRIKVJ.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-X45ZNQQN.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-2O2VBM5M.js")).etcdRestore },
  { name: "etcd-drill", load: async () => (await import("./drill-E4ZMTVLH.js")).etcdDrill },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-DBAIMFMW.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-7D2XNIUY.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-A6GGXBHX.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-7NV2D2SO.js")).uncordon }
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
