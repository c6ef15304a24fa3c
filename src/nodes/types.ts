/**
 * The few fields of Nodes, Pods and PodDisruptionBudgets that drains and
 * upgrades read, as the API server sends them (raw JSON, see cluster/client.ts).
 */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  deletionTimestamp?: string;
  creationTimestamp?: string;
}

export interface Pod {
  metadata: ObjectMeta;
  spec?: {
    nodeName?: string;
    volumes?: { name: string; emptyDir?: unknown }[];
    containers?: { name: string; resources?: { requests?: Record<string, string> } }[];
    terminationGracePeriodSeconds?: number;
  };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}

export interface Node {
  metadata: ObjectMeta;
  spec?: { unschedulable?: boolean; taints?: { key: string; effect: string; value?: string }[] };
  status?: {
    conditions?: { type: string; status: string }[];
    nodeInfo?: { kubeletVersion?: string };
    allocatable?: Record<string, string>;
    addresses?: { type: string; address: string }[];
  };
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

export interface PodDisruptionBudget {
  metadata: ObjectMeta;
  spec?: { selector?: LabelSelector; minAvailable?: number | string; maxUnavailable?: number | string };
  status?: {
    disruptionsAllowed?: number;
    currentHealthy?: number;
    desiredHealthy?: number;
    expectedPods?: number;
  };
}

export interface List<T> {
  metadata?: { resourceVersion?: string };
  items: T[];
}

export const CONTROL_PLANE_LABEL = "node-role.kubernetes.io/control-plane";
export const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

export function isNodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

/** The kubelet's version as the node reports it, or "unknown". */
export function kubeletVersion(node: Node): string {
  return node.status?.nodeInfo?.kubeletVersion ?? "unknown";
}

export function isControlPlane(node: Node): boolean {
  return CONTROL_PLANE_LABEL in (node.metadata.labels ?? {});
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
}

export function podKey(pod: Pod): string {
  return `${pod.metadata.namespace ?? "default"}/${pod.metadata.name}`;
}

export function controllerOf(pod: Pod): OwnerReference | undefined {
  return pod.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** Does `selector` select an object with `labels`? (An empty selector selects everything, as for PDBs.) */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string> = {}): boolean {
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

export const nodePath = (name: string) => `/api/v1/nodes/${encodeURIComponent(name)}`;
export const podPath = (pod: Pod) =>
  `/api/v1/namespaces/${encodeURIComponent(pod.metadata.namespace ?? "default")}/pods/${encodeURIComponent(pod.metadata.name)}`;
