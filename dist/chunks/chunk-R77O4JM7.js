import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-PZ7RZAN4.js")).clusterInfo
  },
  {
    name: "export",
    load: async () => (await import("./capability-SJSF4WLA.js")).exportCapability
  },
  { name: "apply", load: async () => (await import("./capability-LHQFQEUK.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-VY6VJETN.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-O73RUZTQ.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-QZCV5SY3.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-TS4GO4EV.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-7H644GCK.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-3M22KDK5.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-AVFLEHFX.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-MQRHLLNK.js")).fleetReport
  },
  {
    name: "upgrade-plan",
    load: async () => (await import("./capability-VONC2PP4.js")).upgradePlan
  },
  { name: "drain", load: async () => (await import("./capability-3DN4TDJW.js")).drain },
  {
    name: "upgrade-node",
    load: async () => (await import("./capability-MD6G7R22.js")).upgradeNode
  },
  { name: "uncordon", load: async () => (await import("./capability-W63Z7V3D.js")).uncordon }
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
