import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-7IYRDBQO.js")).clusterInfo
  },
  {
    name: "export",
    load: async () => (await import("./capability-OWUPOCS4.js")).exportCapability
  },
  { name: "apply", load: async () => (await import("./capability-5YOFBOIH.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-WW2HMTC2.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-LJVXBKTX.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-PPGYAYSW.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-PBPU7I4F.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-O2RR7SWX.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-FWGOGM2S.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-5B2LOSQ6.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-SLXXSIX2.js")).fleetReport
  },
  {
    name: "upgrade-plan",
    load: async () => (await import("./capability-3QRTDDB7.js")).upgradePlan
  },
  { name: "drain", load: async () => (await import("./capability-OS3Y26PN.js")).drain },
  {
    name: "upgrade-node",
    load: async () => (await import("./capability-JW2V4GY4.js")).upgradeNode
  },
  { name: "uncordon", load: async () => (await import("./capability-MBFIZH7E.js")).uncordon }
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
