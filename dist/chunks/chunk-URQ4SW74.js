import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/capabilities.ts
var CAPABILITIES = [
  { name: "cluster-info", load: async () => (await import("./info-GII46XIC.js")).clusterInfo },
  { name: "export", load: async () => (await import("./export-ZKUWOJRS.js")).exportCapability },
  { name: "etcd-snapshot", load: async () => (await import("./snapshot-IJMM7KME.js")).etcdSnapshot },
  { name: "etcd-verify", load: async () => (await import("./verify-WXR3KW3U.js")).etcdVerify },
  { name: "etcd-list", load: async () => (await import("./list-E7PTCQHR.js")).etcdList },
  { name: "etcd-prune", load: async () => (await import("./prune-SOOAB2PH.js")).etcdPrune },
  { name: "etcd-restore", load: async () => (await import("./restore-VASQ2IHE.js")).etcdRestore },
  { name: "etcd-drill", load: async () => (await import("./drill-L4GN6256.js")).etcdDrill },
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
