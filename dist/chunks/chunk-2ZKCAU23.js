import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-GII46XIC.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-2NO7BEHB.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-K5JKRPIC.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-GDJMWVXD.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-PQZZY3FU.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-5PWTZEZJ.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-2CK5VSNY.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-YXPGSLS6.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-JTWAL5ZU.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-PIOFBURF.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-ODCPNW5C.js")).uncordon }
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
