import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);

// src/nodes/types.ts
var CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";
var MIRROR_ANNOTATION = "kubernetes.io/config.mirror";
function isNodeReady(node) {
  return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}
function kubeletVersion(node) {
  return node.status?.nodeInfo?.kubeletVersion ?? "unknown";
}
function isControlPlane(node) {
  return CONTROL_PLANE_LABEL in (node.metadata.labels ?? {});
}
function isPodReady(pod) {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}
function podKey(pod) {
  return `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;
}
function controllerOf(pod) {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true);
}
function selects(selector, labels = {}) {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const value = labels[e.key] ?? "";
    const values = e.values ?? [];
    if (e.operator === "In" && !(has && values.includes(value))) return false;
    if (e.operator === "NotIn" && has && values.includes(value)) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}
var nodePath = (name) => `/api/v1/nodes/${encodeURIComponent(name)}`;
var podPath = (pod) => `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace ?? "default")}/pods/${encodeURIComponent(pod.metadata.name)}`;

export {
  MIRROR_ANNOTATION,
  isNodeReady,
  kubeletVersion,
  isControlPlane,
  isPodReady,
  podKey,
  controllerOf,
  selects,
  nodePath,
  podPath
};
