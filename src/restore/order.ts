/**
 * The order objects go in, so each finds what it needs: Namespaces, then
 * CustomResourceDefinitions (waited for until Established), other
 * cluster-scoped objects, ServiceAccounts (token Secrets and pods name
 * them), the rest of the namespaced objects, and admission webhooks and
 * APIServices last: a webhook whose service is not there yet would refuse
 * (or slow down) everything applied after it.
 */
import type { TreeObject } from "./read-tree.ts";

export const PHASES = ["namespaces", "crds", "cluster", "service-accounts", "namespaced", "last"] as const;
export type Phase = (typeof PHASES)[number];

const LAST = new Set([
  "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
  "admissionregistration.k8s.io/MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
  "admissionregistration.k8s.io/MutatingAdmissionPolicy",
  "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding",
  "apiregistration.k8s.io/APIService",
]);

export function phaseOf(t: Pick<TreeObject, "kindKey" | "namespace">): Phase {
  if (t.kindKey === "core/Namespace") return "namespaces";
  if (t.kindKey === "apiextensions.k8s.io/CustomResourceDefinition") return "crds";
  if (LAST.has(t.kindKey)) return "last";
  if (t.namespace === undefined) return "cluster";
  if (t.kindKey === "core/ServiceAccount") return "service-accounts";
  return "namespaced";
}

/** The objects by phase, each phase in the tree's (file) order. */
export function byPhase<T extends Pick<TreeObject, "kindKey" | "namespace">>(items: T[]): Map<Phase, T[]> {
  const out = new Map<Phase, T[]>(PHASES.map((p) => [p, []]));
  for (const t of items) out.get(phaseOf(t))?.push(t);
  return out;
}
