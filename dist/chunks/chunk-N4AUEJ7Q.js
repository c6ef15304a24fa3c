import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-3PFFOO4G.js")).clusterInfo
  },
  {
    name: "export",
    load: async () => (await import("./capability-DC5WMEZC.js")).exportCapability
  },
  { name: "apply", load: async () => (await import("./capability-YU6WPOXD.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-LQRBUDMV.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-ABMSJWJZ.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-7USR2V76.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-ZW5QN6LN.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-BBYTHP4F.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-R4AFM3V5.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-5B2LOSQ6.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-D32TSZVH.js")).fleetReport
  },
  {
    name: "upgrade-plan",
    load: async () => (await import("./capability-NDPRDYZ2.js")).upgradePlan
  },
  { name: "drain", load: async () => (await import("./capability-CECOWMYX.js")).drain },
  {
    name: "upgrade-node",
    load: async () => (await import("./capability-4XG7PDVT.js")).upgradeNode
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
