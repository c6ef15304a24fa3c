/**
 * Which pods a drain evicts, with kubectl drain's filters, order and
 * messages (k8s.io/kubectl/pkg/drain/filters.go): only pods `pod-selector`
 * picks are considered; pods terminating for longer than
 * `skip-wait-for-delete-timeout` and mirror pods are skipped; finished pods
 * (Succeeded or Failed) are removed whatever owns them, since they run
 * nothing and only clutter the node; DaemonSet pods need
 * `ignore-daemonsets`, pods with emptyDir volumes need
 * `delete-emptydir-data`, pods without a controller need `force`. Pure.
 */
import { matchesLabels, type LabelSelectorText } from "../cluster/label-selector.ts";
import { formatDuration } from "../core/units.ts";
import { controllerOf, MIRROR_ANNOTATION, podKey, type Pod } from "./types.ts";

export interface FilterOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
  /** Only pods with matching labels are drained (kubectl's --pod-selector). */
  podSelector?: LabelSelectorText;
  /** Pods terminating for longer than this are not waited for (0: always wait). */
  skipWaitForDeleteTimeoutMs?: number;
}

/** True when `pod` has been terminating for longer than the skip-wait timeout (kubectl's shouldSkipPod). */
export function terminatingTooLong(pod: Pod, skipAfterMs: number | undefined, now = Date.now()): boolean {
  if (!skipAfterMs || !pod.metadata.deletionTimestamp) return false;
  return now - Date.parse(pod.metadata.deletionTimestamp) > skipAfterMs;
}

export interface PodVerdict {
  pod: Pod;
  reason: string;
}

export interface PodSelection {
  evict: Pod[];
  /** Evicted, but worth a line in the log (kubectl's warnings). */
  warnings: PodVerdict[];
  skipped: PodVerdict[];
  /** Any refusal stops the drain before anything is evicted. */
  refused: PodVerdict[];
}

export const REFUSAL = {
  daemonSet: "DaemonSet-managed Pods (use ignore-daemonsets to ignore)",
  localStorage: "Pods with local storage (use delete-emptydir-data to override)",
  unmanaged: "Pods that declare no controller (use force to override)",
} as const;

const isFinished = (pod: Pod) => pod.status?.phase === "Succeeded" || pod.status?.phase === "Failed";

/**
 * Sorts a node's pods. `daemonSetExists(namespace, name)` tells whether a
 * DaemonSet owner still exists: orphans of a deleted DaemonSet are evicted
 * with `force`, as kubectl does.
 */
export function selectPods(
  pods: Pod[],
  options: FilterOptions,
  daemonSetExists: (namespace: string, name: string) => boolean,
  now = Date.now(),
): PodSelection {
  const out: PodSelection = { evict: [], warnings: [], skipped: [], refused: [] };
  for (const pod of pods) {
    if (!matchesLabels(options.podSelector, pod.metadata.labels)) continue;
    if (terminatingTooLong(pod, options.skipWaitForDeleteTimeoutMs, now)) {
      out.skipped.push({
        pod,
        reason: `terminating for more than ${formatDuration(options.skipWaitForDeleteTimeoutMs ?? 0)} (skip-wait-for-delete-timeout)`,
      });
      continue;
    }
    if (MIRROR_ANNOTATION in (pod.metadata.annotations ?? {})) {
      out.skipped.push({ pod, reason: "mirror (static) pod" });
      continue;
    }
    // As kubectl: a finished pod is removed without force or
    // delete-emptydir-data (its data and controller no longer matter), and
    // even when a DaemonSet owns it (the DaemonSet does not recreate it).
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
            reason: `its DaemonSet ${controller.name} no longer exists (use force to evict it)`,
          });
        }
      } else if (!options.ignoreDaemonSets) {
        out.refused.push({ pod, reason: REFUSAL.daemonSet });
      } else {
        out.skipped.push({ pod, reason: "DaemonSet-managed" });
      }
      continue;
    }
    const warnings: string[] = [];
    let refusal: string | undefined;
    if (pod.spec?.volumes?.some((v) => v.emptyDir !== undefined && v.emptyDir !== null)) {
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

/** kubectl's refusal text: "cannot delete <reason>: ns/a, ns/b" per reason. */
export function describeRefusals(refused: PodVerdict[]): string {
  const byReason = new Map<string, string[]>();
  for (const r of refused) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), podKey(r.pod)]);
  return [...byReason].map(([reason, pods]) => `cannot delete ${reason}: ${pods.join(", ")}`).join("; ");
}
