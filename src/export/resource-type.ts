/**
 * What the export knows of a kind, and the names derived from it. Kept apart
 * from discovery (which needs the REST client) so the export's worker thread
 * loads only what it uses.
 */
export interface ResourceType {
  /** "" for the core group. */
  group: string;
  version: string;
  /** The plural REST name, e.g. `deployments`. */
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

/** `apps/v1`, `v1`: the apiVersion of the kind's objects. */
export function groupVersion(r: Pick<ResourceType, "group" | "version">): string {
  return r.group === "" ? r.version : `${r.group}/${r.version}`;
}

export function apiPath(r: Pick<ResourceType, "group" | "version">): string {
  return r.group === "" ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
}

/** `deployments.apps`, `configmaps`: the name kubectl uses, and the one include/exclude lists match. */
export function resourceId(r: Pick<ResourceType, "group" | "resource">): string {
  return r.group === "" ? r.resource : `${r.resource}.${r.group}`;
}
