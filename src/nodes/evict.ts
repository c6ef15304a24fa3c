/**
 * One pod's eviction through the Eviction API (policy/v1). A 429 means a
 * PodDisruptionBudget said no for now: we retry with backoff and tell the
 * caller which budget blocks, so the drain can report it live. Escalation to
 * a plain DELETE happens only when the caller asks for it.
 *
 * A pod in a namespace being deleted cannot be evicted (403, cause
 * NamespaceTerminating: nothing may be created there, an Eviction included).
 * As kubectl drain does: once the pod is marked deleted it is as good as
 * evicted (the drain waits for it to leave); until then the namespace
 * controller is about to delete it, so ask again.
 */
import { isApiError, type ApiError, type KubeClient } from "../cluster/client.ts";
import { podPath, type Pod } from "./types.ts";
import { sleep } from "../core/sleep.ts";

export interface EvictOptions {
  /** Overrides the pod's terminationGracePeriodSeconds when set. */
  gracePeriodSeconds?: number;
  /** Give up at this time (ms since the epoch). */
  deadline: number;
  signal?: AbortSignal;
  dryRun?: boolean;
  /** Called on each refusal with the budget(s) the API server named. */
  onBlocked?: (pod: Pod, budgets: string[], message: string) => void;
  /** Milliseconds before the first retry; doubles up to 5 s. */
  initialBackoffMs?: number;
}

export type EvictOutcome =
  { kind: "evicted" } | { kind: "gone" } | { kind: "blocked"; budgets: string[]; message: string };

export function evictionBody(pod: Pod, gracePeriodSeconds?: number): Record<string, unknown> {
  return {
    apiVersion: "policy/v1",
    kind: "Eviction",
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
    deleteOptions: {
      ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
      // Evict exactly the pod we listed, never a replacement with the same name.
      ...(pod.metadata.uid ? { preconditions: { uid: pod.metadata.uid } } : {}),
    },
  };
}

/** Is this the refusal of anything new in a namespace being deleted? */
export function namespaceTerminating(err: unknown): boolean {
  if (!isApiError(err, 403)) return false;
  const causes = (err.details as { causes?: { reason?: string }[] } | undefined)?.causes ?? [];
  return causes.some((c) => c.reason === "NamespaceTerminating");
}

/** The budgets a 429 names: "The disruption budget web-0 needs 2 healthy pods and has 2 currently". */
export function blockingBudgets(err: ApiError): string[] {
  const causes =
    (err.details as { causes?: { reason?: string; message?: string }[] } | undefined)?.causes ?? [];
  const names = new Set<string>();
  for (const text of [err.serverMessage, ...causes.map((c) => c.message ?? "")]) {
    for (const m of text.matchAll(/disruption budget ([a-z0-9.-]+)/gi)) if (m[1]) names.add(m[1]);
  }
  return [...names];
}

export async function evictPod(client: KubeClient, pod: Pod, options: EvictOptions): Promise<EvictOutcome> {
  let backoff = options.initialBackoffMs ?? 500;
  let last: EvictOutcome = { kind: "blocked", budgets: [], message: "not tried" };
  for (;;) {
    try {
      await client.post(
        `${podPath(pod)}/eviction`,
        evictionBody(pod, options.gracePeriodSeconds),
        options.dryRun ? { dryRun: "All" } : undefined,
      );
      return { kind: "evicted" };
    } catch (err) {
      // Gone already, or replaced by a pod with the same name (uid precondition).
      if (isApiError(err, 404) || (isApiError(err, 409) && /uid/i.test(err.serverMessage)))
        return { kind: "gone" };
      if (isApiError(err, 429)) {
        const budgets = blockingBudgets(err);
        last = { kind: "blocked", budgets, message: err.serverMessage };
        options.onBlocked?.(pod, budgets, err.serverMessage);
      } else if (namespaceTerminating(err)) {
        const now = await client.get<Pod>(podPath(pod)).catch((e: unknown) => {
          if (isApiError(e, 404)) return undefined;
          throw e;
        });
        if (!now || (pod.metadata.uid && now.metadata.uid !== pod.metadata.uid)) return { kind: "gone" };
        if (now.metadata.deletionTimestamp || options.dryRun) return { kind: "evicted" };
        last = {
          kind: "blocked",
          budgets: [],
          message: `namespace ${pod.metadata.namespace} is being deleted and has not deleted the pod yet`,
        };
      } else if (isApiError(err, 409)) {
        // Any other 409: the pod or its budget changed while the API server
        // processed the eviction (evictions of one budget's pods racing each
        // other). Nothing was done; ask again, like a refusal, until the deadline.
        last = { kind: "blocked", budgets: [], message: err.serverMessage };
      } else {
        throw err;
      }
      if (options.dryRun) return last;
    }
    const wait = Math.min(backoff, options.deadline - Date.now());
    if (wait <= 0 || options.signal?.aborted) return last;
    await sleep(wait * (0.8 + Math.random() * 0.4), options.signal);
    backoff = Math.min(backoff * 2, 5000);
  }
}

/** A plain DELETE, for `on-timeout: delete` (bypasses disruption budgets, as `kubectl drain --disable-eviction`). */
export async function deletePod(client: KubeClient, pod: Pod, gracePeriodSeconds?: number): Promise<void> {
  try {
    await client.delete(podPath(pod), {
      apiVersion: "v1",
      kind: "DeleteOptions",
      ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
      ...(pod.metadata.uid ? { preconditions: { uid: pod.metadata.uid } } : {}),
    });
  } catch (err) {
    if (!isApiError(err, 404) && !isApiError(err, 409)) throw err;
  }
}
