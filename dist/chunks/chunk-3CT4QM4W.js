import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-F7JGWRIH.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-IHP7H6KL.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-L424GEDW.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-3FQ6SBQN.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-7BD2CEP3.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-THJSZULZ.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-BEAIIJTG.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-WCU2QDAC.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-WV3X3AGU.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-5P7BL5AH.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-7W5HTS22.js")).uncordon }
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
