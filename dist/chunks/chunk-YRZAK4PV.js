import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-OJLU6OON.js")).clusterInfo
  },
  {
    name: "export",
    load: async () => (await import("./capability-ABAOO7RQ.js")).exportCapability
  },
  { name: "apply", load: async () => (await import("./capability-DURWGAVV.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-DEPKXIQL.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-VWZS7ZIS.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-RRZLJUY7.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-LKHICH43.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-X4TGW5IF.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-7SWK7YPQ.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-OTODDRSV.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-JEP7NVYQ.js")).fleetReport
  },
  {
    name: "upgrade-plan",
    load: async () => (await import("./capability-BCJZY3LF.js")).upgradePlan
  },
  { name: "drain", load: async () => (await import("./capability-7BIYGR5S.js")).drain },
  {
    name: "upgrade-node",
    load: async () => (await import("./capability-FEPLK3FT.js")).upgradeNode
  },
  { name: "uncordon", load: async () => (await import("./capability-YASNJAUC.js")).uncordon }
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
