import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-AJEPG6FE.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-GOS6IHUV.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-XSRR44E3.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-N6LGIVUR.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-5PD23IB7.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-7G7VAP6Z.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-XCTLFWVS.js")).etcdRestore },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-S7GI5WIT.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-WWURJJSJ.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-VCB7HYWQ.js")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./uncordon-capability-JWHTDU46.js")).uncordon }
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
