import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-XZDXKLUA.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-CMWYVGT7.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-NN2SQ6DS.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-DDN7PXQP.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-JTIQDRUC.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-KGRZPPGD.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-YTWTIR2L.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-GFVPT2BT.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-ROCCQ4PR.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-WA4Z25IS.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-FOGCYLLV.js")).uncordon }
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
