import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-N5VQKEA4.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-E5H4KGPU.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-O4ZSTYZR.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-GY37B6FA.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-ZW3WRGZX.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-GWRHH5ZP.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-QLZ27SAE.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-YJ5JUCXK.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-5LLQFGEV.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-IOL6ZVOG.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-LYPB2UZH.js")).uncordon }
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
