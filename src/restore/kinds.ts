/**
 * Which REST resource each object of the tree is: from discovery, or from a
 * CustomResourceDefinition in the tree itself (its kind is served only once
 * the CRD is applied, so the plan still knows its plural and scope).
 */
import type { KubeClient } from "../cluster/client.ts";
import { discover, type Discovery } from "../export/discovery.ts";
import { asArray, asObject, str } from "../export/json.ts";
import { groupDir } from "../export/layout.ts";
import type { ResourceType } from "../export/resource-type.ts";
import type { TreeObject } from "./read-tree.ts";

export interface Kinds {
  discovery: Discovery;
  /** By `group/Kind` (layout.ts's kindKey): served kinds. */
  served: Map<string, ResourceType>;
  /** Kinds a CRD of the tree defines that the cluster does not serve (yet). */
  fromTree: Map<string, ResourceType>;
}

export async function resolveKinds(client: KubeClient, tree: TreeObject[]): Promise<Kinds> {
  const discovery = await discover(client);
  const served = new Map(discovery.resources.map((rt) => [`${groupDir(rt.group)}/${rt.kind}`, rt]));
  const fromTree = new Map<string, ResourceType>();
  for (const t of tree) {
    if (t.kindKey !== "apiextensions.k8s.io/CustomResourceDefinition") continue;
    const spec = asObject(t.object.spec);
    const names = asObject(spec?.names);
    const group = str(spec?.group);
    const kind = str(names?.kind);
    const key = `${groupDir(group)}/${kind}`;
    if (!kind || served.has(key)) continue;
    const versions = asArray(spec?.versions).map(asObject);
    const version = str((versions.find((v) => v?.storage === true) ?? versions[0])?.name, "v1");
    fromTree.set(key, {
      group,
      version,
      resource: str(names?.plural, kind.toLowerCase() + "s"),
      kind,
      namespaced: spec?.scope !== "Cluster",
      verbs: ["get", "list", "create", "update", "patch", "delete"],
    });
  }
  return { discovery, served, fromTree };
}

/** The object's REST path (its own apiVersion, the resource's plural). */
export function objectPath(
  t: Pick<TreeObject, "apiVersion" | "name" | "namespace">,
  rt: ResourceType,
): string {
  const base = t.apiVersion.includes("/") ? `/apis/${t.apiVersion}` : `/api/${t.apiVersion}`;
  const ns =
    rt.namespaced && t.namespace !== undefined ? `/namespaces/${encodeURIComponent(t.namespace)}` : "";
  return `${base}${ns}/${rt.resource}/${encodeURIComponent(t.name)}`;
}
