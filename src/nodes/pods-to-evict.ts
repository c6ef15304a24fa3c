/**
 * Which pods a drain evicts, with kubectl drain's filters and messages
 * (k8s.io/kubectl/pkg/drain/filters.go): mirror pods are skipped, DaemonSet
 * pods need `ignore-daemonsets`, pods with emptyDir volumes need
 * `delete-emptydir-data`, pods without a controller need `force`. Finished
 * pods are skipped too: they hold nothing and block nothing. Pure.
 */
import { controllerOf, MIRROR_ANNOTATION, podKey, type Pod } from "./types.ts";

export interface FilterOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  force: boolean;
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
): PodSelection {
  const out: PodSelection = { evict: [], warnings: [], skipped: [], refused: [] };
  for (const pod of pods) {
    if (MIRROR_ANNOTATION in (pod.metadata.annotations ?? {})) {
      out.skipped.push({ pod, reason: "mirror (static) pod" });
      continue;
    }
    if (isFinished(pod)) {
      out.skipped.push({ pod, reason: `finished (${pod.status?.phase})` });
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
