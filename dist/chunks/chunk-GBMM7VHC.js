import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-PXCL27OT.js")).clusterInfo
  },
  { name: "export", load: async () => (await import("./export-Z7KPD5VL.js")).exportCapability },
  { name: "apply", load: async () => (await import("./apply-capability-BQVZA6HO.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-DR27SYXC.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-MRKISUSA.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-7FORAAOG.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-JD4ZXRKI.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-WBEKS3LI.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-KRGN6BQK.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-ANX5VRSP.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-6XSOGQRS.js")).fleetReport
  },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-GE3K7OFV.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-BZAC7QIT.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-YMKWJO63.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-RHDL4IQM.js")).uncordon }
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
