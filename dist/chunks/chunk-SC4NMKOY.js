import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-AMXAWCM7.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-URHJXBS4.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-EZL4R2AG.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-JZP5OPXP.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-444W3ZGD.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-ATCSDUFS.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-MM6YDGOU.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-7EPSLZ7E.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-FRQ5ZG2I.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-WV7OLWOS.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-MDKNUXW2.js")).uncordon }
];
var CAPABILITY_NAMES = CAPABILITIES.map((c) => c.name);
async function findCapability(name) {
  return CAPABILITIES.find((c) => c.name === name)?.load();
}
function loadAllCapabilities() {
  return Promise.all(CAPABILITIES.map((c) => c.load()));
}

export {
  CAPABILITY_NAMES,
  findCapability,
  loadAllCapabilities
};
