/**
 * Which kinds and namespaces an export covers. Kind lists take what kubectl
 * takes: `Deployment`, `deployments`, `deployments.apps`, `Deployment.apps`,
 * case-insensitively.
 */
import type { ExportConfig } from "./config.ts";
import { resourceId, type ResourceType } from "./resource-type.ts";

// Here, not in config.ts: the export's worker thread loads this module, and config.ts
// brings the kubeconfig reader (and the YAML library) with it.
/** Kinds left out unless `include-kinds` names them: noise, or owned by the control plane. */
export const DEFAULT_EXCLUDED_KINDS = [
  "events",
  "events.events.k8s.io",
  "leases.coordination.k8s.io",
  "endpointslices.discovery.k8s.io",
  "controllerrevisions.apps",
  "nodes",
  "componentstatuses",
  "csinodes.storage.k8s.io",
  "ipaddresses.networking.k8s.io",
  // A kubelet's request for a certificate of this cluster's CA: transient (the API server
  // deletes issued ones within the hour) and bound to the cluster; applied elsewhere it
  // would be a new request whose requester the API server rewrites (spec.username).
  "certificatesigningrequests.certificates.k8s.io",
] as const;

export function kindMatches(entry: string, rt: Pick<ResourceType, "group" | "resource" | "kind">): boolean {
  const e = entry.toLowerCase();
  const dot = e.indexOf(".");
  const name = dot < 0 ? e : e.slice(0, dot);
  const group = dot < 0 ? undefined : e.slice(dot + 1);
  if (group !== undefined && group !== rt.group.toLowerCase() && !(group === "core" && rt.group === ""))
    return false;
  return name === rt.resource.toLowerCase() || name === rt.kind.toLowerCase();
}

export type KindVerdict = { export: true } | { export: false; reason: string };

export function selectKind(rt: ResourceType, config: ExportConfig): KindVerdict {
  if (config.includeKinds.length && !config.includeKinds.some((k) => kindMatches(k, rt)))
    return { export: false, reason: "not in include-kinds" };
  if (config.excludeKinds.some((k) => kindMatches(k, rt)))
    return { export: false, reason: "in exclude-kinds" };
  const named = config.includeKinds.some((k) => kindMatches(k, rt));
  if (!named && (DEFAULT_EXCLUDED_KINDS as readonly string[]).includes(resourceId(rt)))
    return { export: false, reason: "excluded by default (name it in include-kinds to export it)" };
  if (config.includeNamespaces.length && !rt.namespaced && resourceId(rt) !== "namespaces")
    return { export: false, reason: "cluster-scoped, and include-namespaces is set" };
  return { export: true };
}

export function selectNamespace(
  ns: string,
  config: Pick<ExportConfig, "includeNamespaces" | "excludeNamespaces">,
): boolean {
  if (config.includeNamespaces.length && !config.includeNamespaces.includes(ns)) return false;
  return !config.excludeNamespaces.includes(ns);
}
