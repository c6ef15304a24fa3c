import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-LEXQYOZJ.js")).clusterInfo
  },
  {
    name: "export",
    load: async () => (await import("./capability-UC4ZF5Z2.js")).exportCapability
  },
  { name: "apply", load: async () => (await import("./capability-3CB5HJWF.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-P7WNOUPV.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-X5QFWIHM.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-JBWT3BWI.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-J7BLNZKS.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-L2CCJTKQ.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-ULRZTYDQ.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-MIHT2IFP.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-US5LC4DI.js")).fleetReport
  },
  {
    name: "upgrade-plan",
    load: async () => (await import("./capability-6HLUPJUF.js")).upgradePlan
  },
  { name: "drain", load: async () => (await import("./capability-JV7M4N7Y.js")).drain },
  {
    name: "upgrade-node",
    load: async () => (await import("./capability-QYVOVW6D.js")).upgradeNode
  },
  { name: "uncordon", load: async () => (await import("./capability-ZCT2Z2O2.js")).uncordon }
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
