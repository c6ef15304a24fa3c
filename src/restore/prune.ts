/**
 * What `prune` deletes: live objects of the selected kinds and namespaces
 * that the tree does not hold, and only those an export with the same
 * selection would have written (export/clean.ts's skipReason: nothing a
 * controller owns, nothing the control plane maintains, no default token).
 * The namespaces every cluster has are never deleted.
 */
import { credentialsRefused } from "../cluster/api-failure.ts";
import type { KubeClient } from "../cluster/client.ts";
import { matchesLabels, parseLabelSelector } from "../cluster/label-selector.ts";
import type { Logger } from "../core/logger.ts";
import { skipReason } from "../export/clean.ts";
import { asObject, str } from "../export/json.ts";
import { groupDir } from "../export/layout.ts";
import { selectKind, selectNamespace } from "../export/select.ts";
import type { Selection } from "./config.ts";
import type { Kinds } from "./kinds.ts";
import { listAll, objectKey, selectionConfig, type PruneCandidate } from "./plan.ts";
import { eachLimited } from "../core/pool.ts";
import type { TreeObject } from "./read-tree.ts";

const BUILT_IN_NAMESPACES = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);

export async function pruneCandidates(
  client: KubeClient,
  kinds: Kinds,
  tree: TreeObject[],
  selection: Selection,
  logger: Logger,
): Promise<PruneCandidate[]> {
  const inTree = new Set(tree.map((t) => objectKey(t.kindKey, t.namespace, t.name)));
  const selector = parseLabelSelector("label-selector", selection.labelSelector);
  const todo = kinds.discovery.resources.filter(
    (rt) =>
      rt.verbs.includes("list") &&
      rt.verbs.includes("delete") &&
      selectKind(rt, selectionConfig(selection)).export,
  );
  const out: PruneCandidate[] = [];
  await eachLimited(todo, 4, async (rt) => {
    let items;
    try {
      items = await listAll(client, rt, selection.includeNamespaces);
    } catch (err) {
      const refused = credentialsRefused(err, `listing ${rt.kind} to prune`, "nothing was pruned");
      if (refused) throw refused;
      // A kind that cannot be listed is not pruned: better a leftover than a wrong deletion.
      logger.warning(`prune: ${rt.kind} not listed, so not pruned: ${String(err)}`);
      return;
    }
    const key = `${groupDir(rt.group)}/${rt.kind}`;
    for (const o of items) {
      const meta = asObject(o.metadata);
      const name = str(meta?.name);
      const ns = typeof meta?.namespace === "string" ? meta.namespace : undefined;
      if (inTree.has(objectKey(key, ns, name))) continue;
      if (
        skipReason(o, rt, {
          includeOwned: selection.includeOwned,
          includeSystem: selection.includeSystem,
        }) !== undefined
      )
        continue;
      if (meta?.deletionTimestamp !== undefined) continue;
      const scope = key === "core/Namespace" ? name : ns;
      if (scope !== undefined && !selectNamespace(scope, selection)) continue;
      if (key === "core/Namespace" && BUILT_IN_NAMESPACES.has(name)) continue;
      if (!matchesLabels(selector, asObject(meta?.labels) as Record<string, string> | undefined)) continue;
      out.push({ rt, name, ...(ns !== undefined ? { namespace: ns } : {}) });
    }
  });
  const rank = (c: PruneCandidate) => (c.rt.kind === "Namespace" ? 2 : c.rt.namespaced ? 0 : 1);
  // Namespaced objects first, Namespaces last (deleting one deletes what it holds).
  return out.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      `${a.rt.kind}/${a.namespace}/${a.name}`.localeCompare(`${b.rt.kind}/${b.namespace}/${b.name}`),
  );
}
