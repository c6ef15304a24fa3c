import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  {
    name: "cluster-info",
    load: async () => (await import("./capability-UEIJOBHK.js")).clusterInfo
  },
  { name: "export", load: async () => (await import("./export-SKBEGADM.js")).exportCapability },
  { name: "apply", load: async () => (await import("./apply-capability-ZF3JVXZX.js")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capability-P5MODDBD.js")).etcdSnapshot
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capability-SDT4I3RZ.js")).etcdVerify
  },
  { name: "etcd-list", load: async () => (await import("./capability-MPM2VJKO.js")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capability-53CRREN7.js")).etcdPrune
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capability-326PEAQP.js")).etcdRestore
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capability-R5NO2G7W.js")).etcdDrill
  },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-BJHZSB7G.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-KS6JBYNS.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-X7ULL5NS.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-UDDDCA7Y.js")).uncordon }
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
