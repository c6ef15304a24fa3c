import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-34DSJMUK.js")).clusterInfo
  },
  {
    name: "export",
    load: async () => (await import("./capability-MMK4EIZJ.js")).exportCapability
  },
  { name: "apply", load: async () => (await import("./capability-FNMV7HSC.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-ZGLLZHPC.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-AGLQRKI3.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-X3PPFJP4.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-TCT7JYJ4.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-D2T5XEKW.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-JQIDP2V5.js")).etcdDrill
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capability-YDQJCUPA.js")).fleetPlan
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capability-X6CIU6Q6.js")).fleetReport
  },
  {
    name: "upgrade-plan",
    load: async () => (await import("./capability-3TVETWS7.js")).upgradePlan
  },
  { name: "drain", load: async () => (await import("./capability-ZFBMJ6A7.js")).drain },
  {
    name: "upgrade-node",
    load: async () => (await import("./capability-WYRLOXD7.js")).upgradeNode
  },
  { name: "uncordon", load: async () => (await import("./capability-P5RZRLV3.js")).uncordon }
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
