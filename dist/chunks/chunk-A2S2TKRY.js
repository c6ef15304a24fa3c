import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-GII46XIC.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-ZKUWOJRS.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-T2I5A4ZV.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-OAZFHFSG.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-56JRIDVM.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-SQ564J5D.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-YJD5BU5J.js")).etcdRestore },
  { name: "etcd-drill", load: async () => (await import("./drill-DXZNL3XU.js")).etcdDrill },
  { name: "upgrade-plan", load: async () => (await import("./plan-capability-YXPGSLS6.js")).upgradePlan },
  { name: "drain", load: async () => (await import("./drain-capability-S3TNHSUS.js")).drain },
  { name: "upgrade-node", load: async () => (await import("./upgrade-capability-XLJ46PA2.js")).upgradeNode },
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
