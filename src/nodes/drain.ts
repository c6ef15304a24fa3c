/**
 * Cordon + drain with kubectl drain's semantics over the Eviction API: the
 * node's pods are sorted by the same filters (any refusal stops the drain
 * before anything is evicted), evicted in parallel, refusals by disruption
 * budgets retried with backoff and reported live, and each evicted pod waited
 * for until its UID is gone. On timeout the error lists the pods still there
 * and the budgets holding them, unless asked to escalate to DELETE.
 */
import { apiFailure } from "../cluster/api-failure.ts";
import { isApiError, type KubeClient } from "../cluster/client.ts";
import { ConfigurationError, errorMessage, OperationalError, UserFacingError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { formatDuration } from "../core/units.ts";
import { eachLimited } from "../core/pool.ts";
import { sleep } from "../core/sleep.ts";
import { cordon } from "./cordon.ts";
import { deletePod, evictPod } from "./evict.ts";
import {
  describeRefusals,
  selectPods,
  terminatingTooLong,
  type FilterOptions,
  type PodSelection,
} from "./pods-to-evict.ts";
import { podKey, type Node, type Pod } from "./types.ts";
import { NodePodTracker } from "./wait.ts";

export interface DrainOptions extends FilterOptions {
  /** Seconds each pod gets to stop; undefined keeps the pod's own terminationGracePeriodSeconds. */
  gracePeriodSeconds?: number;
  /** The whole drain's budget, in milliseconds. */
  timeoutMs: number;
  /** What to do with pods still blocked at the timeout. */
  onTimeout: "fail" | "delete";
  /** Evictions in flight at once. */
  parallelism: number;
  /** DELETE the pods instead of evicting them: disruption budgets are not asked (kubectl's --disable-eviction). */
  disableEviction?: boolean;
}

export interface Blocker {
  pod: string;
  budgets: string[];
  message: string;
}

export interface DrainResult {
  node: string;
  cordonedByOthers: boolean;
  evicted: string[];
  deleted: string[];
  skipped: { pod: string; reason: string }[];
  warnings: { pod: string; reason: string }[];
  /** Budgets that refused at least once, with the pods they held. */
  blockers: Blocker[];
  durationMs: number;
}

/** A drain that did not finish: carries what it did so far and who blocked it. */
export class DrainError extends OperationalError {
  override name = "DrainError";
  readonly result: DrainResult;
  constructor(message: string, result: DrainResult) {
    super(message);
    this.result = result;
  }
}

async function daemonSetChecker(
  client: KubeClient,
  pods: Pod[],
): Promise<(namespace: string, name: string) => boolean> {
  const wanted = new Set<string>();
  for (const p of pods) {
    for (const r of p.metadata.ownerReferences ?? []) {
      if (r.controller && r.kind === "DaemonSet")
        wanted.add(`${p.metadata.namespace ?? "default"}/${r.name}`);
    }
  }
  const existing = new Set<string>();
  await Promise.all(
    [...wanted].map(async (key) => {
      const [ns, name] = key.split("/") as [string, string];
      try {
        await client.get(`/apis/apps/v1/namespaces/${ns}/daemonsets/${name}`);
        existing.add(key);
      } catch (err) {
        if (!isApiError(err, 404)) throw err;
      }
    }),
  );
  return (ns, name) => existing.has(`${ns}/${name}`);
}

/**
 * What a drain waits for before its first write, the cordon: the caller's
 * safety checks and maintenance lock, run while the drain lists the node's
 * pods. Resolves with the nodes as the checks read them (the cordon's first
 * guess, saving a read); rejects to stop the drain before it touches
 * anything (drainNode then throws NotStarted carrying the reason).
 */
export type BeforeCordon = Promise<ReadonlyMap<string, Node>>;

/** The drain never started: what it waited for (BeforeCordon) failed with `cause`. */
export class NotStarted extends Error {
  override name = "NotStarted";
  constructor(cause: unknown) {
    super(`drain not started: ${errorMessage(cause)}`, { cause });
  }
}

/** Sorts the node's current pods; throws (naming the pods) on any refusal. */
export async function podsToEvict(
  client: KubeClient,
  pods: Pod[],
  options: FilterOptions,
  node: string,
): Promise<PodSelection> {
  const selection = selectPods(pods, options, await daemonSetChecker(client, pods));
  if (selection.refused.length) {
    throw new ConfigurationError(`cannot drain node ${node}: ${describeRefusals(selection.refused)}`);
  }
  return selection;
}

export async function drainNode(
  client: KubeClient,
  name: string,
  options: DrainOptions,
  logger: Logger,
  signal?: AbortSignal,
  beforeCordon?: BeforeCordon,
): Promise<DrainResult> {
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const tracker = new NodePodTracker(client, name, options.podSelector?.text);
  const result: DrainResult = {
    node: name,
    cordonedByOthers: false,
    evicted: [],
    deleted: [],
    skipped: [],
    warnings: [],
    blockers: [],
    durationMs: 0,
  };
  const blockers = new Map<string, Blocker>();
  let cordoned = false;
  try {
    // Refuse before touching the node when some pod may not be evicted. The list (and
    // the watch that follows it) goes out while the caller's checks and lock are under
    // way: all reads, so their order does not matter; the cordon, our first write,
    // waits for both.
    const before = await tracker.start();
    await podsToEvict(client, before, options, name);
    let known: Node | undefined;
    if (beforeCordon) {
      try {
        known = (await beforeCordon).get(name);
      } catch (err) {
        throw new NotStarted(err);
      }
    }
    // Until the cordon lands, the scheduler may still bind pods here (the list above
    // may be older still, with the lock taken since). The watch started with the list
    // sees most of them: the pods are sorted again below from its view, after the
    // cordon. One bound just before the cordon whose event has not arrived yet is
    // found by the fresh list the drain makes before it calls the node empty.
    const c = await cordon(client, name, known);
    cordoned = true;
    result.cordonedByOthers = c.cordonedByOthers;
    logger.info(
      c.cordonedByOthers
        ? `node ${name} was already cordoned by someone else; it stays cordoned afterwards`
        : `node ${name} cordoned`,
    );
    // Pods may have landed between the first look and the cordon: sort again.
    const selection = await podsToEvict(client, tracker.pods(), options, name);
    result.skipped = selection.skipped.map((v) => ({ pod: podKey(v.pod), reason: v.reason }));
    result.warnings = selection.warnings.map((v) => ({ pod: podKey(v.pod), reason: v.reason }));
    for (const w of result.warnings) logger.warning(`${w.pod}: ${w.reason}`);
    const pods = selection.evict;
    logger.info(`evicting ${pods.length} pods from ${name} (${result.skipped.length} skipped)`);

    const pending = new Map<string, Pod>(); // uid -> pod, evicted and not gone yet
    // uid -> when a fresh list (below) showed the pod, for pods the watch may not have
    // reported yet: such a pod counts as gone only once the watch saw it leave.
    const foundAt = new Map<string, number>();
    const evictedUids = new Set<string>();
    const isGone = (uid: string) => tracker.gone(uid, foundAt.get(uid) ?? 0);
    const skipWait = (uid: string) => {
      const now = tracker.get(uid) ?? pending.get(uid);
      return now !== undefined && terminatingTooLong(now, options.skipWaitForDeleteTimeoutMs);
    };
    // The pending pods still to wait for: not gone, and not terminating for
    // longer than skip-wait-for-delete-timeout (on a node whose kubelet is
    // dead, pods never finish terminating).
    const stillThere = () => new Set([...pending.keys()].filter((uid) => !isGone(uid) && !skipWait(uid)));
    // The same question, asked on every watch event while the drain waits: stops at the
    // first pod still there and drops the pods seen gone (a node's pods leave in about the
    // order they were evicted), so a thousand-pod drain does not go over every pending
    // pod on each of its thousands of events.
    const noneLeft = () => {
      for (const uid of pending.keys()) {
        if (isGone(uid)) pending.delete(uid);
        else if (!skipWait(uid)) return false;
      }
      return true;
    };
    const waitFor = (uid: string | undefined, pod: Pod) => {
      if (!uid) return;
      pending.set(uid, pod);
      evictedUids.add(uid);
    };
    const blocked = new Map<string, Pod>(); // key -> pod still refused
    let total = pods.length;
    const report = setInterval(() => {
      const held = [...blocked.keys()].map((k) => {
        const b = blockers.get(k);
        return `${k} (budget ${b?.budgets.join(", ") || "?"})`;
      });
      logger.info(
        `${name}: ${result.evicted.length} of ${total} evicted, ${pending.size} terminating` +
          (held.length ? `, blocked by disruption budgets: ${held.join("; ")}` : ""),
      );
    }, 5000);
    /** Pods a fresh list still showed on the node at the deadline. */
    let lateLeft: string[] = [];
    try {
      const evictAll = (batch: Pod[]) =>
        eachLimited(batch, options.parallelism, async (pod) => {
          const key = podKey(pod);
          if (options.disableEviction) {
            if (signal?.aborted) return;
            await deletePod(client, pod, options.gracePeriodSeconds);
            result.deleted.push(key);
            waitFor(pod.metadata.uid, pod);
            return;
          }
          const outcome = await evictPod(client, pod, {
            ...(options.gracePeriodSeconds !== undefined
              ? { gracePeriodSeconds: options.gracePeriodSeconds }
              : {}),
            deadline,
            ...(signal ? { signal } : {}),
            onBlocked: (p, budgets, message) => {
              if (!blocked.has(key))
                logger.info(`${key}: eviction refused by budget ${budgets.join(", ") || "?"}; retrying`);
              blocked.set(key, p);
              blockers.set(key, { pod: key, budgets, message });
            },
          });
          if (outcome.kind === "blocked") {
            // Refused until the deadline (a budget; a namespace that has not deleted it yet;
            // evictions racing): the drain fails naming it, never counts it as gone.
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
      for (;;) {
        await evictAll(batch);
        // Escalate what budgets still hold, when asked to.
        const escalate = blocked.size > 0 && options.onTimeout === "delete" && !signal?.aborted;
        if (escalate) {
          for (const [key, pod] of blocked) {
            logger.warning(`${key}: still blocked at the timeout; deleting it (on-timeout: delete)`);
            await deletePod(client, pod, options.gracePeriodSeconds);
            result.deleted.push(key);
            waitFor(pod.metadata.uid, pod);
          }
          blocked.clear();
          // Past the deadline already: give the pods just deleted their grace period.
          waitUntil = Date.now() + 30_000 + maxGrace(pods, options) * 1000;
        }
        const empty = await tracker.waitFor(() => noneLeft(), waitUntil, signal);
        if (!empty || blocked.size || signal?.aborted) break;
        // The node looks empty from the watch, which may lag the cordon: a pod bound
        // just before it (by a scheduler that had not seen it yet) may not have been
        // reported when the pods were sorted. As kubectl drain lists after its cordon,
        // the node is called empty only once a fresh, consistent list says so.
        const listed = Date.now();
        const fresh = await podsToEvict(client, await tracker.listNow(), options, name);
        const late = fresh.evict.filter((p) => p.metadata.uid && !evictedUids.has(p.metadata.uid));
        // Evicted already but still listed (the watch reported them gone first): wait again.
        const again = fresh.evict.filter((p) => p.metadata.uid && evictedUids.has(p.metadata.uid));
        for (const p of again) if (p.metadata.uid) pending.set(p.metadata.uid, p);
        if (!late.length && !again.length) break;
        if (Date.now() >= waitUntil) {
          lateLeft = [...late, ...again].map(podKey);
          break;
        }
        if (late.length) {
          logger.warning(
            `${name}: ${late.length} pods the watch had not reported were found on the node after the cordon; evicting them: ${late.map(podKey).join(", ")}`,
          );
          for (const v of fresh.warnings)
            if (late.includes(v.pod)) result.warnings.push({ pod: podKey(v.pod), reason: v.reason });
        }
        for (const p of late) foundAt.set(p.metadata.uid as string, listed);
        total += late.length;
        batch = late;
        // Not a busy loop of lists when the watch keeps reporting pods gone that the list still has.
        if (!late.length) {
          await sleep(Math.min(pause, Math.max(0, waitUntil - Date.now())), signal);
          pause = Math.min(pause * 2, 2000);
        }
      }
      for (const uid of pending.keys()) {
        const p = tracker.get(uid) ?? pending.get(uid);
        if (p && skipWait(uid))
          logger.warning(
            `${podKey(p)}: still terminating after ${formatDuration(options.skipWaitForDeleteTimeoutMs ?? 0)}; not waiting for it (skip-wait-for-delete-timeout)`,
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
        result,
      );
    if (blocked.size || left.length || lateLeft.length) {
      const parts: string[] = [];
      if (blocked.size) {
        parts.push(
          `evictions refused by disruption budgets: ${[...blocked.keys()]
            .map(
              (k) =>
                `${k} (${blockers.get(k)?.budgets.join(", ") || "unknown budget"}: ${blockers.get(k)?.message ?? ""})`,
            )
            .join("; ")}`,
        );
      }
      if (left.length) parts.push(`pods still terminating: ${left.join(", ")}`);
      if (lateLeft.length)
        parts.push(`pods a fresh list still showed on the node at the deadline: ${lateLeft.join(", ")}`);
      const check = [
        ...(blocked.size
          ? [
              "check why those budgets' pods are not all healthy (kubectl get pdb), or raise 'timeout', or set on-timeout: delete to bypass the budgets",
            ]
          : []),
        ...(left.length || lateLeft.length
          ? [
              "check the node's kubelet and the pods' finalizers; skip-wait-for-delete-timeout stops waiting for pods stuck terminating",
            ]
          : []),
      ];
      throw new DrainError(
        `drain of ${name} timed out after ${formatDuration(options.timeoutMs)}: ${parts.join("; ")}. ${check.join("; ")}. The node stays cordoned.`,
        result,
      );
    }
    logger.info(
      `node ${name} drained in ${formatDuration(result.durationMs)}: ${result.evicted.length} pods evicted`,
    );
    return result;
  } catch (err) {
    result.durationMs = Date.now() - started;
    result.blockers = [...blockers.values()];
    if (err instanceof DrainError || err instanceof NotStarted) throw err;
    const failure = apiFailure(err, `drain of ${name} failed`);
    // The cluster failed us half-way (the API server stalled or went away):
    // say where the node was left. Cordoned is the safe state to stop in.
    if (failure instanceof OperationalError && cordoned) {
      throw new DrainError(
        `drain of ${name} stopped: ${failure.message}. The node stays cordoned (the safe state: nothing new is scheduled on it); run the drain again, or uncordon it, once the API server is healthy`,
        result,
      );
    }
    if (failure instanceof UserFacingError) throw new DrainError(failure.message, result);
    throw new Error(`drain of ${name} failed: ${errorMessage(err)}`, { cause: err });
  } finally {
    await tracker.stop();
  }
}

function maxGrace(pods: Pod[], options: DrainOptions): number {
  if (options.gracePeriodSeconds !== undefined) return options.gracePeriodSeconds;
  return Math.max(30, ...pods.map((p) => p.spec?.terminationGracePeriodSeconds ?? 30));
}
