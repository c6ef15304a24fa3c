import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-S7QVXTVJ.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-BPVYOVZ7.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-ZMJKF5QI.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-OW4EDPNT.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-QCFLL6LY.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-T2CDPXPL.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-LNOOUFP3.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-WEE7RJYO.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-7SSBNXSP.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-ATDHG3F5.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-NCTIDTPL.js")).uncordon }
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
