/**
 * Every capability, by name: the root action's `command` input and the CLI
 * dispatch through this table. Each is loaded only when asked for, so a run
 * of one capability does not parse the others' dependencies (the S3 SDK,
 * gRPC, ...): that keeps startup fast and memory low, which the export's
 * memory target depends on.
 */
import type { AnyCapability } from "./config/capability.ts";

export interface CapabilityEntry {
  name: string;
  load(): Promise<AnyCapability>;
}

export const CAPABILITIES: readonly CapabilityEntry[] = [
  {
    name: "cluster-info",
    load: async () => (await import("./capabilities/cluster-info/capability.ts")).clusterInfo,
  },
  { name: "export", load: async () => (await import("./export/export.ts")).exportCapability },
  { name: "apply", load: async () => (await import("./restore/apply-capability.ts")).applyCapability },
  {
    name: "etcd-snapshot",
    load: async () => (await import("./capabilities/etcd-snapshot/capability.ts")).etcdSnapshot,
  },
  {
    name: "etcd-verify",
    load: async () => (await import("./capabilities/etcd-verify/capability.ts")).etcdVerify,
  },
  { name: "etcd-list", load: async () => (await import("./capabilities/etcd-list/capability.ts")).etcdList },
  {
    name: "etcd-prune",
    load: async () => (await import("./capabilities/etcd-prune/capability.ts")).etcdPrune,
  },
  {
    name: "etcd-restore",
    load: async () => (await import("./capabilities/etcd-restore/capability.ts")).etcdRestore,
  },
  {
    name: "etcd-drill",
    load: async () => (await import("./capabilities/etcd-drill/capability.ts")).etcdDrill,
  },
  {
    name: "fleet-plan",
    load: async () => (await import("./capabilities/fleet-plan/capability.ts")).fleetPlan,
  },
  {
    name: "fleet-report",
    load: async () => (await import("./capabilities/fleet-report/capability.ts")).fleetReport,
  },
  { name: "upgrade-plan", load: async () => (await import("./nodes/plan-capability.ts")).upgradePlan },
  { name: "drain", load: async () => (await import("./nodes/drain-capability.ts")).drain },
  { name: "upgrade-node", load: async () => (await import("./nodes/upgrade-capability.ts")).upgradeNode },
  { name: "uncordon", load: async () => (await import("./nodes/uncordon-capability.ts")).uncordon },
];

export const CAPABILITY_NAMES: readonly string[] = CAPABILITIES.map((c) => c.name);

export async function findCapability(name: string): Promise<AnyCapability | undefined> {
  return CAPABILITIES.find((c) => c.name === name)?.load();
}

export function loadAllCapabilities(): Promise<AnyCapability[]> {
  return Promise.all(CAPABILITIES.map((c) => c.load()));
}
