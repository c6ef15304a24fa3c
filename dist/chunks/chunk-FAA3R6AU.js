import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-BBLD7WIA.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-2V3RLC52.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-HWFYYIPG.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-FSN5XCBV.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-HENF2GEU.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-XC6WFMEH.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-I5QXMR2P.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-N3C325XY.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-2XC6YNU2.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-QWCFELLC.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-AV6FUWYU.js")).uncordon }
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
