import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-UPELLKRP.js")).clusterInfo
  },
  { name: "export", load: async () => (await import("./export-3BCVWQF7.js")).exportCapability },
  { name: "apply", load: async () => (await import("./apply-capability-LWEXDFXK.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-SQ4LZDLK.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-PJ4XMEIC.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-TM3VDDYZ.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-AR2Z2R57.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-DVACORMY.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-A2CPJPQP.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-OTODDRSV.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-52PXVCDN.js")).fleetReport
  },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-FO6PH32E.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-ZZKL2MT6.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-NH7SYYHF.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-HTR6BN6Y.js")).uncordon }
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
