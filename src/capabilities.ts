/**
 * Every capability, by name: the root action's `command` input and the CLI
 * dispatch through this table.
 */
import type { AnyCapability } from "./core/capability.ts";
import { clusterInfo } from "./cluster/info.ts";
import { etcdList, etcdPrune, etcdRestore, etcdSnapshot, etcdVerify } from "./etcd/index.ts";
import { exportCapability } from "./export/export.ts";
import { drain } from "./nodes/drain-capability.ts";
import { upgradePlan } from "./nodes/plan-capability.ts";
import { uncordon } from "./nodes/uncordon-capability.ts";
import { upgradeNode } from "./nodes/upgrade-capability.ts";

export const CAPABILITIES: readonly AnyCapability[] = [
  clusterInfo,
  exportCapability,
  etcdSnapshot,
  etcdVerify,
  etcdList,
  etcdPrune,
  etcdRestore,
  upgradePlan,
  drain,
  upgradeNode,
  uncordon,
];

export function findCapability(name: string): AnyCapability | undefined {
  return CAPABILITIES.find((c) => c.name === name);
}
