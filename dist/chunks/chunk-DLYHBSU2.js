import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ListWatch
} from "./chunk-22GEO3ZJ.js";
import {
  cordon
} from "./chunk-QI6TILGO.js";
import {
  deletePod,
  describeRefusals,
  evictPod,
  selectPods,
  terminatingTooLong
} from "./chunk-MUG56ED2.js";
import {
  isControlPlane,
  isNodeReady,
  podKey
} from "./chunk-TY2O5Y2Q.js";
import {
  eachLimited
} from "./chunk-PCGCJCUD.js";
import {
  apiFailure
} from "./chunk-MEXL324I.js";
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import {
  formatDuration
} from "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  OperationalError,
  UserFacingError,
  errorMessage
} from "./chunk-YBANDQLS.js";

// src/nodes/wait.ts
var NodePodTracker = class {
  watch;
  client;
  selectors;
  /** `labelSelector`: only pods with these labels (a drain's pod-selector), as the API server filters them. */
  constructor(client, node, labelSelector) {
    this.client = client;
    this.selectors = { fieldSelector: `spec.nodeName=${node}`, ...labelSelector ? { labelSelector } : {} };
    this.watch = new ListWatch(client, {
      path: "/api/v1/pods",
      ...this.selectors,
      key: (p) => p.metadata.uid,
      what: `pod list or watch answer about node ${node}`
    });
  }
  /** Lists the node's pods and starts watching; returns the listed pods. */
  start() {
    return this.watch.start();
  }
  stop() {
    return this.watch.stop();
  }
  pods() {
    return this.watch.items();
  }
  has(uid) {
    return this.watch.get(uid) !== void 0;
  }
  /**
   * The node's pods as the cluster has them now: a list without a
   * resourceVersion, which the API server answers with a consistent read
   * (never from a cache that may lag), unlike the watch, whose events may
   * still be on their way.
   */
  async listNow() {
    return (await this.client.get("/api/v1/pods", this.selectors)).items;
  }
  /** True when the pod with this UID, known to exist at `existedAt`, is gone (see ListWatch.gone). */
  gone(uid, existedAt = 0) {
    return this.watch.gone(uid, existedAt);
  }
  /** The pod with this UID as last seen, if it is still there. */
  get(uid) {
    return this.watch.get(uid);
  }
  /**
   * Resolves true when `done()` holds, false at the deadline (or when
   * `signal` aborts); throws when the API server has gone quiet (see
   * ListWatch.until).
   */
  async waitFor(done, deadline, signal) {
    return await this.watch.until(() => done() ? true : void 0, deadline, signal) ?? false;
  }
};

// src/nodes/drain.ts
var DrainError = class extends OperationalError {
  name = "DrainError";
  result;
  constructor(message, result) {
    super(message);
    this.result = result;
  }
};
async function daemonSetChecker(client, pods) {
  const wanted = /* @__PURE__ */ new Set();
  for (const p of pods) {
    for (const r of p.metadata.ownerReferences ?? []) {
      if (r.controller && r.kind === "DaemonSet")
        wanted.add(`${p.metadata.namespace ?? "default"}/${r.name}`);
    }
  }
  const existing = /* @__PURE__ */ new Set();
  await Promise.all(
    [...wanted].map(async (key) => {
      const [ns, name] = key.split("/");
      try {
        await client.get(`/apis/apps/v1/namespaces/${ns}/daemonsets/${name}`);
        existing.add(key);
      } catch (err) {
        if (!isApiError(err, 404)) throw err;
      }
    })
  );
  return (ns, name) => existing.has(`${ns}/${name}`);
}
var NotStarted = class extends Error {
  name = "NotStarted";
  constructor(cause) {
    super(`drain not started: ${errorMessage(cause)}`, { cause });
  }
};
async function podsToEvict(client, pods, options, node) {
  const selection = selectPods(pods, options, await daemonSetChecker(client, pods));
  if (selection.refused.length) {
    throw new ConfigurationError(`cannot drain node ${node}: ${describeRefusals(selection.refused)}`);
  }
  return selection;
}
async function drainNode(client, name, options, logger, signal, beforeCordon) {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const tracker = new NodePodTracker(client, name, options.podSelector?.text);
  const result = {
    node: name,
    cordonedByOthers: false,
    evicted: [],
    deleted: [],
    skipped: [],
    warnings: [],
    blockers: [],
    durationMs: 0
  };
  const blockers = /* @__PURE__ */ new Map();
  let cordoned = false;
  try {
    const before = await tracker.start();
    await podsToEvict(client, before, options, name);
    let known;
    if (beforeCordon) {
      try {
        known = (await beforeCordon).get(name);
      } catch (err) {
        throw new NotStarted(err);
      }
    }
    const c = await cordon(client, name, known);
    cordoned = true;
    result.cordonedByOthers = c.cordonedByOthers;
    logger.info(
      c.cordonedByOthers ? `node ${name} was already cordoned by someone else; it stays cordoned afterwards` : `node ${name} cordoned`
    );
    const selection = await podsToEvict(client, tracker.pods(), options, name);
    result.skipped = selection.skipped.map((v) => ({ pod: podKey(v.pod), reason: v.reason }));
    result.warnings = selection.warnings.map((v) => ({ pod: podKey(v.pod), reason: v.reason }));
    for (const w of result.warnings) logger.warning(`${w.pod}: ${w.reason}`);
    const pods = selection.evict;
    logger.info(`evicting ${pods.length} pods from ${name} (${result.skipped.length} skipped)`);
    const pending = /* @__PURE__ */ new Map();
    const foundAt = /* @__PURE__ */ new Map();
    const evictedUids = /* @__PURE__ */ new Set();
    const isGone = (uid) => tracker.gone(uid, foundAt.get(uid) ?? 0);
    const skipWait = (uid) => {
      const now = tracker.get(uid) ?? pending.get(uid);
      return now !== void 0 && terminatingTooLong(now, options.skipWaitForDeleteTimeoutMs);
    };
    const stillThere = () => new Set([...pending.keys()].filter((uid) => !isGone(uid) && !skipWait(uid)));
    const noneLeft = () => {
      for (const uid of pending.keys()) {
        if (isGone(uid)) pending.delete(uid);
        else if (!skipWait(uid)) return false;
      }
      return true;
    };
    const waitFor = (uid, pod) => {
      if (!uid) return;
      pending.set(uid, pod);
      evictedUids.add(uid);
    };
    const blocked = /* @__PURE__ */ new Map();
    let total = pods.length;
    const report = setInterval(() => {
      const held = [...blocked.keys()].map((k) => {
        const b = blockers.get(k);
        return `${k} (budget ${b?.budgets.join(", ") || "?"})`;
      });
      logger.info(
        `${name}: ${result.evicted.length} of ${total} evicted, ${pending.size} terminating` + (held.length ? `, blocked by disruption budgets: ${held.join("; ")}` : "")
      );
    }, 5e3);
    let lateLeft = [];
    try {
      const evictAll = (batch2) => eachLimited(batch2, options.parallelism, async (pod) => {
        const key = podKey(pod);
        if (options.disableEviction) {
          if (signal?.aborted) return;
          await deletePod(client, pod, options.gracePeriodSeconds);
          result.deleted.push(key);
          waitFor(pod.metadata.uid, pod);
          return;
        }
        const outcome = await evictPod(client, pod, {
          ...options.gracePeriodSeconds !== void 0 ? { gracePeriodSeconds: options.gracePeriodSeconds } : {},
          deadline,
          ...signal ? { signal } : {},
          onBlocked: (p, budgets, message) => {
            if (!blocked.has(key))
              logger.info(`${key}: eviction refused by budget ${budgets.join(", ") || "?"}; retrying`);
            blocked.set(key, p);
            blockers.set(key, { pod: key, budgets, message });
          }
        });
        if (outcome.kind === "blocked") {
          blocked.set(key, pod);
          if (!blockers.has(key))
            blockers.set(key, { pod: key, budgets: outcome.budgets, message: outcome.message });
          return;
        }
        blocked.delete(key);
        result.evicted.push(key);
        if (outcome.kind === "evicted") waitFor(pod.metadata.uid, pod);
      });
      let waitUntil = deadline;
      let batch = pods;
      let pause = 250;
      for (; ; ) {
        await evictAll(batch);
        const escalate = blocked.size > 0 && options.onTimeout === "delete" && !signal?.aborted;
        if (escalate) {
          for (const [key, pod] of blocked) {
            logger.warning(`${key}: still blocked at the timeout; deleting it (on-timeout: delete)`);
            await deletePod(client, pod, options.gracePeriodSeconds);
            result.deleted.push(key);
            waitFor(pod.metadata.uid, pod);
          }
          blocked.clear();
          waitUntil = Date.now() + 3e4 + maxGrace(pods, options) * 1e3;
        }
        const empty = await tracker.waitFor(() => noneLeft(), waitUntil, signal);
        if (!empty || blocked.size || signal?.aborted) break;
        const listed = Date.now();
        const fresh = await podsToEvict(client, await tracker.listNow(), options, name);
        const late = fresh.evict.filter((p) => p.metadata.uid && !evictedUids.has(p.metadata.uid));
        const again = fresh.evict.filter((p) => p.metadata.uid && evictedUids.has(p.metadata.uid));
        for (const p of again) if (p.metadata.uid) pending.set(p.metadata.uid, p);
        if (!late.length && !again.length) break;
        if (Date.now() >= waitUntil) {
          lateLeft = [...late, ...again].map(podKey);
          break;
        }
        if (late.length) {
          logger.warning(
            `${name}: ${late.length} pods the watch had not reported were found on the node after the cordon; evicting them: ${late.map(podKey).join(", ")}`
          );
          for (const v of fresh.warnings)
            if (late.includes(v.pod)) result.warnings.push({ pod: podKey(v.pod), reason: v.reason });
        }
        for (const p of late) foundAt.set(p.metadata.uid, listed);
        total += late.length;
        batch = late;
        if (!late.length) {
          await sleep(Math.min(pause, Math.max(0, waitUntil - Date.now())), signal);
          pause = Math.min(pause * 2, 2e3);
        }
      }
      for (const uid of pending.keys()) {
        const p = tracker.get(uid) ?? pending.get(uid);
        if (p && skipWait(uid))
          logger.warning(
            `${podKey(p)}: still terminating after ${formatDuration(options.skipWaitForDeleteTimeoutMs ?? 0)}; not waiting for it (skip-wait-for-delete-timeout)`
          );
      }
    } finally {
      clearInterval(report);
    }
    result.blockers = [...blockers.values()];
    result.durationMs = Date.now() - started;
    const stuck = stillThere();
    const left = [...pending.values()].filter((p) => p.metadata.uid && stuck.has(p.metadata.uid)).map(podKey);
    if (signal?.aborted)
      throw new DrainError(
        `drain of ${name} stopped: ${errorMessage(signal.reason ?? "cancelled")}; the node stays cordoned`,
        result
      );
    if (blocked.size || left.length || lateLeft.length) {
      const parts = [];
      if (blocked.size) {
        parts.push(
          `evictions refused by disruption budgets: ${[...blocked.keys()].map(
            (k) => `${k} (${blockers.get(k)?.budgets.join(", ") || "unknown budget"}: ${blockers.get(k)?.message ?? ""})`
          ).join("; ")}`
        );
      }
      if (left.length) parts.push(`pods still terminating: ${left.join(", ")}`);
      if (lateLeft.length)
        parts.push(`pods a fresh list still showed on the node at the deadline: ${lateLeft.join(", ")}`);
      const check = [
        ...blocked.size ? [
          "check why those budgets' pods are not all healthy (kubectl get pdb), or raise 'timeout', or set on-timeout: delete to bypass the budgets"
        ] : [],
        ...left.length || lateLeft.length ? [
          "check the node's kubelet and the pods' finalizers; skip-wait-for-delete-timeout stops waiting for pods stuck terminating"
        ] : []
      ];
      throw new DrainError(
        `drain of ${name} timed out after ${formatDuration(options.timeoutMs)}: ${parts.join("; ")}. ${check.join("; ")}. The node stays cordoned.`,
        result
      );
    }
    logger.info(
      `node ${name} drained in ${formatDuration(result.durationMs)}: ${result.evicted.length} pods evicted`
    );
    return result;
  } catch (err) {
    result.durationMs = Date.now() - started;
    result.blockers = [...blockers.values()];
    if (err instanceof DrainError || err instanceof NotStarted) throw err;
    const failure = apiFailure(err, `drain of ${name} failed`);
    if (failure instanceof OperationalError && cordoned) {
      throw new DrainError(
        `drain of ${name} stopped: ${failure.message}. The node stays cordoned (the safe state: nothing new is scheduled on it); run the drain again, or uncordon it, once the API server is healthy`,
        result
      );
    }
    if (failure instanceof UserFacingError) throw new DrainError(failure.message, result);
    throw new Error(`drain of ${name} failed: ${errorMessage(err)}`, { cause: err });
  } finally {
    await tracker.stop();
  }
}
function maxGrace(pods, options) {
  if (options.gracePeriodSeconds !== void 0) return options.gracePeriodSeconds;
  return Math.max(30, ...pods.map((p) => p.spec?.terminationGracePeriodSeconds ?? 30));
}

// src/nodes/drain-batch.ts
async function drainAll(client, nodes, options, logger, signal, beforeCordon) {
  const settled = await Promise.allSettled(
    nodes.map(async (node) => {
      try {
        return { node, result: await drainNode(client, node, options, logger, signal, beforeCordon) };
      } catch (err) {
        if (err instanceof NotStarted) throw err.cause;
        logger.error(errorMessage(err));
        return {
          node,
          error: errorMessage(err),
          ...err instanceof DrainError ? { result: err.result } : {}
        };
      }
    })
  );
  const notStarted = settled.find((s) => s.status === "rejected");
  if (notStarted) throw notStarted.reason;
  return settled.map((s) => s.value);
}
function blockerSummary(r) {
  if (!r?.blockers.length) return "";
  return r.blockers.map((b) => `${b.pod} (${b.budgets.join(", ") || "budget"})`).join("; ");
}

// src/nodes/safety.ts
async function checkDrainable(client, nodes, allowLastControlPlane) {
  const all = (await client.get("/api/v1/nodes")).items;
  const byName = new Map(all.map((n) => [n.metadata.name, n]));
  const missing = nodes.filter((n) => !byName.has(n));
  if (missing.length) {
    throw new ConfigurationError(
      `input 'node': no such node ${missing.map((m) => JSON.stringify(m)).join(", ")}; the cluster has: ${[...byName.keys()].join(", ")}`
    );
  }
  const targets = nodes.map((n) => byName.get(n));
  if (targets.some(isControlPlane) && !allowLastControlPlane) {
    const others = all.filter((n) => isControlPlane(n) && isNodeReady(n) && !nodes.includes(n.metadata.name));
    if (others.length === 0) {
      throw new ConfigurationError(
        `refusing to drain ${targets.filter(isControlPlane).map((n) => n.metadata.name).join(
          ", "
        )}: no other Ready control-plane node would remain (set allow-draining-last-control-plane to override, e.g. for a single control-plane cluster)`
      );
    }
  }
  return targets;
}

// src/nodes/termination.ts
function terminationSignal(parent) {
  const controller = new AbortController();
  const onSignal = (name) => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(`received ${name}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const onParent = () => controller.abort(parent?.reason);
  parent?.addEventListener("abort", onParent, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      parent?.removeEventListener("abort", onParent);
    }
  };
}

export {
  drainAll,
  blockerSummary,
  checkDrainable,
  terminationSignal
};
