/**
 * The plan: what applying the tree would do to the cluster, found by asking
 * the API server (a server-side apply with dryRun=All, the same patch the
 * apply sends) rather than guessing defaults. Each selected object becomes a
 * create, an update (with the fields that change), unchanged, a conflict
 * (another field manager's value, an immutable field, an admission or quota
 * refusal), skipped (a redacted Secret without its values) or an error.
 * Objects the live cluster already holds exactly are unchanged without a
 * dry run (unchanged.ts): on a live cluster that is most of them.
 */
import { isApiError, readText, toApiError, type ApiError, type KubeClient } from "../cluster/client.ts";
import { matchesLabels, parseLabelSelector } from "../cluster/label-selector.ts";
import { credentialsRefused } from "../cluster/api-failure.ts";
import { errorMessage } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { listPaged } from "../export/fetch.ts";
import { asObject, parseJson, str, type JsonObject } from "../export/json.ts";
import type { ResourceType } from "../export/resource-type.ts";
import { selectKind, selectNamespace } from "../export/select.ts";
import type { ExportConfig } from "../export/config.ts";
import type { Selection } from "./config.ts";
import { diffObjects, hideRefusedValues, type FieldChange } from "./diff.ts";
import { objectPath, type Kinds } from "./kinds.ts";
import { phaseOf, type Phase } from "./order.ts";
import { eachLimited } from "../core/pool.ts";
import { appliedFieldsInTree, holdsTree } from "./unchanged.ts";
import type { TreeObject } from "./read-tree.ts";
import { fillSecret, markedPaths, type SecretValues } from "./secrets-source.ts";

export type Action = "create" | "update" | "unchanged" | "conflict" | "skipped" | "error";

export interface PlanItem {
  t: TreeObject;
  phase: Phase;
  rt?: ResourceType;
  action: Action;
  /** Why (conflicts, skips, errors), or what the create waits for. */
  reason?: string;
  changes?: FieldChange[];
  /** The live object's resourceVersion when planned (undefined: absent). */
  liveVersion?: string;
}

export interface Plan {
  items: PlanItem[];
  /** Tree objects left out by the selection. */
  unselected: number;
  prune: PruneCandidate[];
}

export interface PruneCandidate {
  rt: ResourceType;
  name: string;
  namespace?: string;
}

export interface PlanContext {
  client: KubeClient;
  kinds: Kinds;
  selection: Selection;
  secrets: SecretValues;
  fieldManager: string;
  force: boolean;
  parallelism: number;
  logger: Logger;
}

/** Keys of objects, the same for a tree object and a live one. */
export const objectKey = (kindKey: string, namespace: string | undefined, name: string) =>
  `${kindKey}/${namespace ?? ""}/${name}`;

export function selectionConfig(s: Selection): ExportConfig {
  return { ...s } as unknown as ExportConfig;
}

/** Does the selection (the export's filters) take this tree object? */
export function selected(t: TreeObject, rt: ResourceType, s: Selection): boolean {
  if (!selectKind(rt, selectionConfig(s)).export) return false;
  const ns = t.kindKey === "core/Namespace" ? t.name : t.namespace;
  if (ns !== undefined && !selectNamespace(ns, s)) return false;
  const selector = parseLabelSelector("label-selector", s.labelSelector);
  const labels = asObject(asObject(t.object.metadata)?.labels) as Record<string, string> | undefined;
  return matchesLabels(selector, labels);
}

export async function makePlan(tree: TreeObject[], ctx: PlanContext): Promise<Plan> {
  const { kinds, logger } = ctx;
  const items: PlanItem[] = [];
  let unselected = 0;
  for (const t of tree) {
    const rt = kinds.served.get(t.kindKey) ?? kinds.fromTree.get(t.kindKey);
    const phase = phaseOf(t);
    if (!rt) {
      items.push({
        t,
        phase,
        action: "error",
        reason: `the cluster serves no kind ${t.kindKey} and the tree has no CRD for it`,
      });
      continue;
    }
    if (!selected(t, rt, ctx.selection)) {
      unselected++;
      continue;
    }
    const item: PlanItem = { t, phase, rt, action: "create" };
    if (t.kindKey === "core/Secret") {
      const fill = fillSecret(t, ctx.secrets);
      if (!fill.ok) {
        item.action = "skipped";
        item.reason = `redacted; no value given for ${fill.missing.join(", ")} (secret-values or secret-values-dir)`;
      }
    } else {
      const marked = markedPaths(t.object);
      if (marked.length) {
        item.action = "skipped";
        item.reason = `holds redacted values (${marked.slice(0, 3).join(", ")}${marked.length > 3 ? ", ..." : ""}); put the real values in the file to apply it`;
      }
    }
    items.push(item);
  }

  // The live objects, one LIST per kind: a GET per object would cost a request each.
  const live = new Map<string, JsonObject>();
  const kindsToList = new Map<string, ResourceType>();
  for (const i of items) if (i.rt && kinds.served.has(i.t.kindKey)) kindsToList.set(i.t.kindKey, i.rt);
  kindsToList.set("core/Namespace", kinds.served.get("core/Namespace") as ResourceType);
  await eachLimited([...kindsToList], 4, async ([key, rt]) => {
    for (const o of await listAll(ctx.client, rt, ctx.selection.includeNamespaces)) {
      const meta = asObject(o.metadata);
      live.set(objectKey(key, meta?.namespace as string | undefined, str(meta?.name)), o);
    }
  });
  const namespaces = new Set(
    [...live.keys()]
      .filter((k) => k.startsWith("core/Namespace/"))
      .map((k) => k.slice("core/Namespace//".length)),
  );

  let done = 0;
  await eachLimited(items, ctx.parallelism, async (item) => {
    if (item.action !== "create" || !item.rt) return;
    const { t, rt } = item;
    const current = live.get(objectKey(t.kindKey, t.namespace, t.name));
    const version = asObject(current?.metadata)?.resourceVersion;
    if (typeof version === "string") item.liveVersion = version;
    if (!kinds.served.has(t.kindKey)) {
      item.reason = "its kind is served once its CRD is applied";
      return;
    }
    if (rt.namespaced && t.namespace !== undefined && !namespaces.has(t.namespace)) {
      item.reason = `namespace ${t.namespace} is created first`;
      return;
    }
    if (current && holdsTree(current, t.object) && appliedFieldsInTree(current, t.object, ctx.fieldManager)) {
      item.action = "unchanged";
      return;
    }
    try {
      const result = await dryRun(ctx, t, rt);
      if (!current) return;
      const changes = diffObjects(current, result, t.kindKey === "core/Secret");
      item.action = changes.length ? "update" : "unchanged";
      if (changes.length) item.changes = changes;
    } catch (err) {
      const refused = credentialsRefused(err, `planning ${t.file}`, "nothing was applied");
      if (refused) throw refused;
      Object.assign(item, refusal(err, t.kindKey === "core/Secret"));
      // A conflict still shows what it is about: the fields a forced apply would change.
      if (isApiError(err, 409) && !ctx.force && current) {
        const forced = await dryRun({ ...ctx, force: true }, t, rt).catch(() => undefined);
        if (forced) item.changes = diffObjects(current, forced, t.kindKey === "core/Secret");
      }
    }
    if (++done % 2000 === 0) logger.info(`${done} objects planned`);
  });
  return { items, unselected, prune: [] };
}

export async function dryRun(
  ctx: Pick<PlanContext, "client" | "fieldManager" | "force">,
  t: TreeObject,
  rt: ResourceType,
): Promise<JsonObject> {
  const path = objectPath(t, rt);
  const res = await ctx.client.open("PATCH", path, {
    body: t.object,
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: ctx.fieldManager, force: ctx.force, dryRun: "All" },
  });
  const text = await readText(res);
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) throw toApiError(status, text, "PATCH", path);
  // Exact numbers, as the live objects are read: an int64 beyond 2^53 is not a change.
  return parseJson(text) as JsonObject;
}

/** What a refused apply (dry run or real) means for the plan; a Secret's values the server quotes are hidden. */
export function refusal(err: unknown, secret: boolean): Pick<PlanItem, "action" | "reason"> {
  const r = refusalOf(err);
  return secret && r.reason !== undefined ? { ...r, reason: hideRefusedValues(r.reason) } : r;
}

function refusalOf(err: unknown): Pick<PlanItem, "action" | "reason"> {
  if (!isApiError(err)) return { action: "error", reason: errorMessage(err) };
  const e: ApiError = err;
  if (e.code === 409) return { action: "conflict", reason: `field manager conflict: ${e.serverMessage}` };
  if (e.code === 422 && /immutable/i.test(e.serverMessage))
    return { action: "conflict", reason: `immutable field: ${e.serverMessage}` };
  if (e.code === 403 || e.code === 422 || e.code === 400)
    return { action: "conflict", reason: `refused (${e.code} ${e.reason}): ${e.serverMessage}` };
  return { action: "error", reason: `${e.code} ${e.reason}: ${e.serverMessage}` };
}

/** Every object of a kind (in the selected namespaces), parsed. */
export async function listAll(
  client: KubeClient,
  rt: ResourceType,
  namespaces: string[],
): Promise<JsonObject[]> {
  const out: JsonObject[] = [];
  await listPaged(client, rt, { pageSize: 500, namespaces }, (body) => {
    const page = parseJson(body.toString("utf8")) as {
      items?: JsonObject[];
      metadata?: { continue?: string };
    };
    out.push(...(page.items ?? []));
    return Promise.resolve(page.metadata?.continue || undefined);
  });
  return out;
}
