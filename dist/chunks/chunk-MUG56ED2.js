import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  MIRROR_ANNOTATION,
  controllerOf,
  podKey,
  podPath
} from "./chunk-TY2O5Y2Q.js";
import {
  matchesLabels
} from "./chunk-FK3ILC2B.js";
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";

// src/nodes/evict.ts
function evictionBody(pod, gracePeriodSeconds) {
  return {
    apiVersion: "policy/v1",
    kind: "Eviction",
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
    deleteOptions: {
      ...gracePeriodSeconds !== void 0 ? { gracePeriodSeconds } : {},
      // Evict exactly the pod we listed, never a replacement with the same name.
      ...pod.metadata.uid ? { preconditions: { uid: pod.metadata.uid } } : {}
    }
  };
}
function namespaceTerminating(err) {
  if (!isApiError(err, 403)) return false;
  const causes = err.details?.causes ?? [];
  return causes.some((c) => c.reason === "NamespaceTerminating");
}
function blockingBudgets(err) {
  const causes = err.details?.causes ?? [];
  const names = /* @__PURE__ */ new Set();
  for (const text of [err.serverMessage, ...causes.map((c) => c.message ?? "")]) {
    for (const m of text.matchAll(/disruption budget ([a-z0-9.-]+)/gi)) if (m[1]) names.add(m[1]);
  }
  return [...names];
}
async function evictPod(client, pod, options) {
  let backoff = options.initialBackoffMs ?? 500;
  let last = { kind: "blocked", budgets: [], message: "not tried" };
  for (; ; ) {
    try {
      await client.post(
        `${podPath(pod)}/eviction`,
        evictionBody(pod, options.gracePeriodSeconds),
        options.dryRun ? { dryRun: "All" } : void 0
      );
      return { kind: "evicted" };
    } catch (err) {
      if (isApiError(err, 404) || isApiError(err, 409) && /uid/i.test(err.serverMessage))
        return { kind: "gone" };
      if (isApiError(err, 429)) {
        const budgets = blockingBudgets(err);
        last = { kind: "blocked", budgets, message: err.serverMessage };
        options.onBlocked?.(pod, budgets, err.serverMessage);
      } else if (namespaceTerminating(err)) {
        const now = await client.get(podPath(pod)).catch((e) => {
          if (isApiError(e, 404)) return void 0;
          throw e;
        });
        if (!now || pod.metadata.uid && now.metadata.uid !== pod.metadata.uid) return { kind: "gone" };
        if (now.metadata.deletionTimestamp || options.dryRun) return { kind: "evicted" };
        last = {
          kind: "blocked",
          budgets: [],
          message: `namespace ${pod.metadata.namespace} is being deleted and has not deleted the pod yet`
        };
      } else if (isApiError(err, 409)) {
        last = { kind: "blocked", budgets: [], message: err.serverMessage };
      } else {
        throw err;
      }
      if (options.dryRun) return last;
    }
    const wait = Math.min(backoff, options.deadline - Date.now());
    if (wait <= 0 || options.signal?.aborted) return last;
    await sleep(wait * (0.8 + Math.random() * 0.4), options.signal);
    backoff = Math.min(backoff * 2, 5e3);
  }
}
async function deletePod(client, pod, gracePeriodSeconds) {
  try {
    await client.delete(podPath(pod), {
      apiVersion: "v1",
      kind: "DeleteOptions",
      ...gracePeriodSeconds !== void 0 ? { gracePeriodSeconds } : {},
      ...pod.metadata.uid ? { preconditions: { uid: pod.metadata.uid } } : {}
    });
  } catch (err) {
    if (!isApiError(err, 404) && !isApiError(err, 409)) throw err;
  }
}

// src/nodes/pods-to-evict.ts
function terminatingTooLong(pod, skipAfterMs, now = Date.now()) {
  if (!skipAfterMs || !pod.metadata.deletionTimestamp) return false;
  return now - Date.parse(pod.metadata.deletionTimestamp) > skipAfterMs;
}
var REFUSAL = {
  daemonSet: "DaemonSet-managed Pods (use ignore-daemonsets to ignore)",
  localStorage: "Pods with local storage (use delete-emptydir-data to override)",
  unmanaged: "Pods that declare no controller (use force to override)"
};
var isFinished = (pod) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";
function selectPods(pods, options, daemonSetExists, now = Date.now()) {
  const out = { evict: [], warnings: [], skipped: [], refused: [] };
  for (const pod of pods) {
    if (!matchesLabels(options.podSelector, pod.metadata.labels)) continue;
    if (terminatingTooLong(pod, options.skipWaitForDeleteTimeoutMs, now)) {
      out.skipped.push({
        pod,
        reason: `terminating for more than ${formatDuration(options.skipWaitForDeleteTimeoutMs ?? 0)} (skip-wait-for-delete-timeout)`
      });
      continue;
    }
    if (MIRROR_ANNOTATION in (pod.metadata.annotations ?? {})) {
      out.skipped.push({ pod, reason: "mirror (static) pod" });
      continue;
    }
    if (isFinished(pod)) {
      out.evict.push(pod);
      continue;
    }
    const controller = controllerOf(pod);
    if (controller?.kind === "DaemonSet" && controller.apiVersion === "apps/v1") {
      if (!daemonSetExists(pod.metadata.namespace ?? "default", controller.name)) {
        if (options.force) {
          out.evict.push(pod);
          out.warnings.push({ pod, reason: `its DaemonSet ${controller.name} no longer exists` });
        } else {
          out.refused.push({
            pod,
            reason: `its DaemonSet ${controller.name} no longer exists (use force to evict it)`
          });
        }
      } else if (!options.ignoreDaemonSets) {
        out.refused.push({ pod, reason: REFUSAL.daemonSet });
      } else {
        out.skipped.push({ pod, reason: "DaemonSet-managed" });
      }
      continue;
    }
    const warnings = [];
    let refusal;
    if (pod.spec?.volumes?.some((v) => v.emptyDir !== void 0 && v.emptyDir !== null)) {
      if (options.deleteEmptyDirData) warnings.push("deleting Pods with local storage");
      else refusal = REFUSAL.localStorage;
    }
    if (!refusal && !controller) {
      if (options.force) warnings.push("deleting Pods that declare no controller");
      else refusal = REFUSAL.unmanaged;
    }
    if (refusal) {
      out.refused.push({ pod, reason: refusal });
      continue;
    }
    out.evict.push(pod);
    for (const reason of warnings) out.warnings.push({ pod, reason });
  }
  return out;
}
function describeRefusals(refused) {
  const byReason = /* @__PURE__ */ new Map();
  for (const r of refused) byReason.set(r.reason, [...byReason.get(r.reason) ?? [], podKey(r.pod)]);
  return [...byReason].map(([reason, pods]) => `cannot delete ${reason}: ${pods.join(", ")}`).join("; ");
}

export {
  evictPod,
  deletePod,
  terminatingTooLong,
  selectPods,
  describeRefusals
};
