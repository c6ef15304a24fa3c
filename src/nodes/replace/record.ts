/**
 * Where a replaced node's progress lives. While the old Node exists its
 * progress is on it (progress.ts), as for every executor; but the replace
 * executor's command makes that Node go away, and its replacement joins
 * later under another name. So from just before the command until the end,
 * the replacement's progress is also kept in a ConfigMap named after the old
 * node (`kubekeep-replace-<node>`, in the lock's namespace): a run killed
 * after the command finds it there, waits for the replacement and finishes;
 * a re-run of a node already replaced skips it. Once it has joined, the
 * replacement carries `kubekeep.dev/replaces: <old node>` (its claim: no
 * other node's rotation takes it) and, when done, the progress annotation.
 *
 * The ConfigMap is read back from the cluster, so it is validated as
 * untrusted input before anything is done with it.
 */
import { createHash } from "node:crypto";
import type { KubeClient } from "../../cluster/client.ts";
import { isApiError } from "../../cluster/client.ts";
import { OperationalError } from "../../core/errors.ts";

/** On a replacement Node: the name of the node it replaced (its claim). */
export const REPLACES_ANNOTATION = "kubekeep.dev/replaces";

export const REPLACE_STATES = ["replacing", "done", "failed"] as const;
export type ReplaceState = (typeof REPLACE_STATES)[number];

export interface ReplaceRecord {
  /** The node being replaced. */
  node: string;
  target: string;
  state: ReplaceState;
  /** For `failed`: what happened. */
  detail?: string;
  /** The old node's kubelet version, UID and provider ID. */
  from: string;
  uid: string;
  providerID?: string;
  /** The pool's replace-selector: a rollout is one pool's. */
  selector?: string;
  /** UIDs of the nodes the replace-selector matched before the command: none of them is the replacement. */
  pool: string[];
  /** The old node's own NoSchedule/NoExecute taints (`key:effect`): the pool's, which its replacement may carry too. */
  taints?: string[];
  /** replace-command exited 0 (its replace step, or with replace-surge its add step): a re-run does not run it again. */
  commanded?: boolean;
  /** With replace-surge: the remove step's command exited 0. */
  removed?: boolean;
  replacement?: string;
  by?: string;
  at: string;
  evicted?: number;
  drainSeconds?: number;
  notReadyBefore?: string[];
}

const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const PREFIX = "kubekeep-replace-";

/** The ConfigMap's name: the prefix and the node, or a hash of a node name too long for that. */
export function recordName(node: string): string {
  const name = PREFIX + node;
  if (name.length <= 253) return name;
  return `${PREFIX}${node.slice(0, 200).replace(/[-.]+$/, "")}-${createHash("sha256").update(node).digest("hex").slice(0, 16)}`;
}

const recordPath = (namespace: string, node: string) =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(recordName(node))}`;

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string");

/**
 * Parses a record as stored, or says what is wrong with it: a record that
 * does not name `node`, or whose fields have the wrong form, is not used.
 */
export function parseRecord(node: string, raw: string | undefined): ReplaceRecord | string {
  if (!raw) return "it holds no record";
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return "its record is not JSON";
  }
  if (typeof v !== "object" || v === null) return "its record is not an object";
  if (v.node !== node) return `its record is about node ${JSON.stringify(v.node)}, not ${node}`;
  const str = (k: string) => typeof v[k] === "string";
  const optStr = (k: string) => v[k] === undefined || str(k);
  const optNum = (k: string) => v[k] === undefined || (typeof v[k] === "number" && Number.isFinite(v[k]));
  if (!str("target") || !str("from") || !str("uid") || !str("at"))
    return "its record lacks target, from, uid or at";
  if (!REPLACE_STATES.includes(v.state as ReplaceState))
    return `its state ${JSON.stringify(v.state)} is not one of ${REPLACE_STATES.join(", ")}`;
  if (!isStringArray(v.pool)) return "its pool is not a list of UIDs";
  if (v.replacement !== undefined && !(typeof v.replacement === "string" && NAME.test(v.replacement)))
    return `its replacement ${JSON.stringify(v.replacement)} is not a node name`;
  if (
    !optStr("detail") ||
    !optStr("providerID") ||
    !optStr("by") ||
    !optNum("evicted") ||
    !optNum("drainSeconds")
  )
    return "a field has the wrong type";
  for (const k of ["commanded", "removed"])
    if (v[k] !== undefined && typeof v[k] !== "boolean") return `${k} is not true/false`;
  if (v.notReadyBefore !== undefined && !isStringArray(v.notReadyBefore))
    return "notReadyBefore is not a list";
  if (v.taints !== undefined && !isStringArray(v.taints)) return "taints is not a list";
  return v as unknown as ReplaceRecord;
}

/** The record of `node`'s replacement, undefined when there is none; throws on one that cannot be used. */
export async function readRecord(
  client: KubeClient,
  namespace: string,
  node: string,
): Promise<ReplaceRecord | undefined> {
  let cm: { data?: Record<string, string> };
  try {
    cm = await client.get(recordPath(namespace, node));
  } catch (err) {
    if (isApiError(err, 404)) return undefined;
    throw err;
  }
  const r = parseRecord(node, cm.data?.record);
  if (typeof r === "string")
    throw new OperationalError(
      `the replacement record of node ${node} (ConfigMap ${namespace}/${recordName(node)}) cannot be used: ${r}; inspect it, and delete it to start that node's replacement over`,
    );
  return r;
}

/** Writes (creates or updates) the record; returns it with its time. */
export async function writeRecord(
  client: KubeClient,
  namespace: string,
  record: Omit<ReplaceRecord, "at">,
): Promise<ReplaceRecord> {
  const full: ReplaceRecord = { ...record, at: new Date().toISOString() };
  await client.apply(
    recordPath(namespace, record.node),
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: recordName(record.node),
        namespace,
        labels: { "app.kubernetes.io/managed-by": "kubekeep" },
        annotations: { "kubekeep.dev/replaced-node": record.node },
      },
      data: { record: JSON.stringify(full) },
    },
    "kubekeep",
  );
  return full;
}

/** Every replacement record in `namespace` (those that parse; others are skipped). */
export async function listRecords(client: KubeClient, namespace: string): Promise<ReplaceRecord[]> {
  const list = await client.get<{
    items: { metadata: { annotations?: Record<string, string> }; data?: Record<string, string> }[];
  }>(`/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`, {
    labelSelector: "app.kubernetes.io/managed-by=kubekeep",
  });
  const out: ReplaceRecord[] = [];
  for (const cm of list.items) {
    const node = cm.metadata.annotations?.["kubekeep.dev/replaced-node"];
    if (!node || !NAME.test(node)) continue;
    const r = parseRecord(node, cm.data?.record);
    if (typeof r !== "string") out.push(r);
  }
  return out;
}
