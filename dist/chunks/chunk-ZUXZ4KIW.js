import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-34DSJMUK.js")).clusterInfo
  },
  {
    name: "export",
    load: async () => (await import("./capability-FVPWMBXR.js")).exportCapability
  },
  { name: "apply", load: async () => (await import("./capability-WL3QSTWF.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-6VWZQ45F.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-5CAGDUCE.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-4LUYOCUC.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-24ITWWMN.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-CU4GFHJD.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-RTSYUL57.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-YDQJCUPA.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-VRTJWRD2.js")).fleetReport
  },
  {
    name: "upgrade-plan",
    load: async () => (await import("./capability-XSXBQTPV.js")).upgradePlan
  },
  { name: "drain", load: async () => (await import("./capability-WH2QTG6S.js")).drain },
  {
    name: "upgrade-node",
    load: async () => (await import("./capability-6IMM26NO.js")).upgradeNode
  },
  { name: "uncordon", load: async () => (await import("./capability-UV3NC6CG.js")).uncordon }
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
