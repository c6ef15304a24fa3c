import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  compareCounts
} from "./chunk-24ZJOIQM.js";
import {
  errorMessage
} from "./chunk-YBANDQLS.js";
import "./chunk-DY6RLOVI.js";

// src/recovery/objects.ts
var REPORTED_ONLY = {
  events: "Events are written all the time (the restart itself writes some) and expire",
  leases: "Leases: node heartbeats, leader election, API server identities (new after a restart), kubekeep's lock",
  masterleases: "the API servers' endpoints, with a TTL: rewritten by each API server that starts",
  pods: "Pods: controllers replace the ones whose containers are gone, Jobs and CronJobs start new ones",
  jobs: "CronJobs start Jobs on their schedule, also in the minutes after a restore",
  endpoints: "rebuilt from the Pods by the endpoints controller",
  endpointslices: "rebuilt from the Pods by the EndpointSlice controllers"
};
var OBJECTS_CHECK = "objects match the snapshot (kind by kind)";
function compareWithSnapshot(snapshot, live) {
  const c = compareCounts(snapshot, live, {
    tolerance: { count: 0, percent: 0 },
    ignored: (id) => id in REPORTED_ONLY,
    ignoredWhy: (id) => `reported only: ${REPORTED_ONLY[id] ?? ""}`,
    referenceName: "the live cluster",
    restoredName: "in the snapshot",
    since: "the restore",
    encryptionConfigGiven: true
  });
  const differing = c.rows.filter((r) => (r.restored ?? 0) !== (r.reference ?? 0));
  const total = (m) => [...m.values()].reduce((a, k) => a + (k.count ?? 0), 0);
  const reported = differing.filter((r) => r.verdict === "ignored");
  const name = OBJECTS_CHECK;
  if (snapshot.size === 0)
    return {
      name,
      ok: false,
      detail: "the snapshot holds no keys under /registry (an API server with another --etcd-prefix?)",
      differing
    };
  if (c.failures.length)
    return {
      name,
      ok: false,
      detail: `${c.failures.length} ${c.failures.length === 1 ? "kind differs" : "kinds differ"}: ${c.failures.join("; ")}`,
      differing
    };
  return {
    name,
    ok: true,
    detail: `${snapshot.size} kinds, ${total(snapshot)} objects in the snapshot, ${total(live)} live${reported.length ? `; reported only (the control plane rewrites them): ${reported.map((r) => `${r.id} ${r.restored ?? 0} vs ${r.reference ?? 0}`).join(", ")}` : ""}`,
    differing
  };
}
async function objectsMatch(count) {
  try {
    const { snapshot, live } = await count();
    return compareWithSnapshot(snapshot, live);
  } catch (err) {
    return {
      name: OBJECTS_CHECK,
      ok: false,
      detail: `cannot count them: ${errorMessage(err)}`,
      differing: []
    };
  }
}
export {
  REPORTED_ONLY,
  compareWithSnapshot,
  objectsMatch
};
