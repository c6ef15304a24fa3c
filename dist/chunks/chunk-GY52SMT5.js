import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-R3GBLEXD.js")).clusterInfo
  },
  {
    name: "export",
    load: async () => (await import("./capability-CZNJ2ENY.js")).exportCapability
  },
  { name: "apply", load: async () => (await import("./capability-H4IG2DIV.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-5KFQBGL4.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-WZVWYPJF.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-GL64XYGR.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-XX5JFCRS.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-JMNHAERP.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-XJXFHRK2.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-MRLK7UG6.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-KA2UMB7U.js")).fleetReport
  },
  {
    name: "upgrade-plan",
    load: async () => (await import("./capability-OFBJBJB2.js")).upgradePlan
  },
  { name: "drain", load: async () => (await import("./capability-J6VXGLQD.js")).drain },
  {
    name: "upgrade-node",
    load: async () => (await import("./capability-2JL56SEW.js")).upgradeNode
  },
  { name: "uncordon", load: async () => (await import("./capability-PBWKHGTP.js")).uncordon }
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
