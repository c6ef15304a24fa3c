import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-UEIJOBHK.js")).clusterInfo
  },
  { name: "export", load: async () => (await import("./export-SKBEGADM.js")).exportCapability },
  { name: "apply", load: async () => (await import("./apply-capability-2KURB6DL.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-TFH7EOI2.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-H5O3HLZW.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-4Z2UAK5O.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-DPHNMDEP.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-55X7AF4H.js")).etcdRestore
  },
  { name: "etcd-drill", load: async () => (await import("./drill-2ECJHXYA.js")).etcdDrill },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-HVD2ZJYL.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-EBYCNIVZ.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-USI4P2SL.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-Y52U6OL5.js")).uncordon }
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
