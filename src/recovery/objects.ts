/**
 * After a restore: do the cluster's objects match the snapshot's? The keys
 * per resource in the snapshot file and in the live etcd (../etcd/key-counts.ts),
 * judged with the drill's per-kind comparison (../etcd/drill/compare.ts), with
 * no tolerance: right after a restore the live etcd holds exactly what the
 * snapshot holds, except what the control plane itself rewrites as soon as it
 * runs again. Those kinds are reported with their counts, never judged.
 */
import { errorMessage } from "../core/errors.ts";
import { compareCounts, type KindComparison } from "../etcd/drill/compare.ts";
import type { KindCount } from "../etcd/drill/count.ts";
import type { Check } from "./verify.ts";

/**
 * Kinds the running control plane changes on its own after a restore, and why
 * a difference in their counts says nothing about the restore. Everything else
 * (namespaces, ConfigMaps, Secrets, Deployments, RBAC, CRDs and custom
 * resources, ...) is only created or deleted by a user or by a controller
 * acting on a user's change, so a difference there means the cluster is not
 * the snapshot: a failure.
 */
export const REPORTED_ONLY: Record<string, string> = {
  events: "Events are written all the time (the restart itself writes some) and expire",
  leases:
    "Leases: node heartbeats, leader election, API server identities (new after a restart), kubekeep's lock",
  masterleases: "the API servers' endpoints, with a TTL: rewritten by each API server that starts",
  pods: "Pods: controllers replace the ones whose containers are gone, Jobs and CronJobs start new ones",
  jobs: "CronJobs start Jobs on their schedule, also in the minutes after a restore",
  endpoints: "rebuilt from the Pods by the endpoints controller",
  endpointslices: "rebuilt from the Pods by the EndpointSlice controllers",
};

const OBJECTS_CHECK = "objects match the snapshot (kind by kind)";

export interface ObjectsCheck extends Check {
  /** Every kind whose counts differ, judged or reported only. */
  differing: KindComparison[];
}

/** The snapshot's counts against the live etcd's, each difference named with its counts. */
export function compareWithSnapshot(
  snapshot: Map<string, KindCount>,
  live: Map<string, KindCount>,
): ObjectsCheck {
  const c = compareCounts(snapshot, live, {
    tolerance: { count: 0, percent: 0 },
    ignored: (id) => id in REPORTED_ONLY,
    ignoredWhy: (id) => `reported only: ${REPORTED_ONLY[id] ?? ""}`,
    referenceName: "the live cluster",
    restoredName: "in the snapshot",
    since: "the restore",
    encryptionConfigGiven: true,
  });
  const differing = c.rows.filter((r) => (r.restored ?? 0) !== (r.reference ?? 0));
  const total = (m: Map<string, KindCount>) => [...m.values()].reduce((a, k) => a + (k.count ?? 0), 0);
  const reported = differing.filter((r) => r.verdict === "ignored");
  const name = OBJECTS_CHECK;
  if (snapshot.size === 0)
    return {
      name,
      ok: false,
      detail: "the snapshot holds no keys under /registry (an API server with another --etcd-prefix?)",
      differing,
    };
  if (c.failures.length)
    return {
      name,
      ok: false,
      detail: `${c.failures.length} ${c.failures.length === 1 ? "kind differs" : "kinds differ"}: ${c.failures.join("; ")}`,
      differing,
    };
  return {
    name,
    ok: true,
    detail: `${snapshot.size} kinds, ${total(snapshot)} objects in the snapshot, ${total(live)} live${reported.length ? `; reported only (the control plane rewrites them): ${reported.map((r) => `${r.id} ${r.restored ?? 0} vs ${r.reference ?? 0}`).join(", ")}` : ""}`,
    differing,
  };
}

/** The check, counts read by `count`; an error reading them fails it, saying why. */
export async function objectsMatch(
  count: () => Promise<{ snapshot: Map<string, KindCount>; live: Map<string, KindCount> }>,
): Promise<ObjectsCheck> {
  try {
    const { snapshot, live } = await count();
    return compareWithSnapshot(snapshot, live);
  } catch (err) {
    return {
      name: OBJECTS_CHECK,
      ok: false,
      detail: `cannot count them: ${errorMessage(err)}`,
      differing: [],
    };
  }
}
