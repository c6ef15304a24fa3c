import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-HXRS2CR3.js")).clusterInfo
  },
  {
    name: "export",
    load: async () => (await import("./capability-GR2SVK6F.js")).exportCapability
  },
  { name: "apply", load: async () => (await import("./capability-5EHO3ETM.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-QRI4KW6H.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-H4L2XGEG.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-Y4P7PRTB.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-L34R5Q6A.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-C3425OIV.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-QAWPYXHG.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-5B2LOSQ6.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-NAHKFR7Y.js")).fleetReport
  },
  {
    name: "upgrade-plan",
    load: async () => (await import("./capability-OH6YK22O.js")).upgradePlan
  },
  { name: "drain", load: async () => (await import("./capability-5KC5VTDG.js")).drain },
  {
    name: "upgrade-node",
    load: async () => (await import("./capability-BLDIGXBD.js")).upgradeNode
  },
  { name: "uncordon", load: async () => (await import("./capability-JV2YYLGL.js")).uncordon }
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
