/**
 * Which kinds the cluster serves, for an export: every listable resource at
 * its group's preferred version, subresources left out. Asks for aggregated
 * discovery first (two requests for the whole cluster) and walks the legacy
 * per-group documents when the server does not offer it. A group whose API
 * is down (a dead metrics-server behind an APIService) is reported, not fatal.
 */
import { isApiError, type KubeClient } from "../cluster/client.ts";
import { errorMessage } from "../core/errors.ts";
import { apiPath, groupVersion, resourceId, type ResourceType } from "./resource-type.ts";

export interface FailedGroup {
  groupVersion: string;
  reason: string;
}

export interface Discovery {
  resources: ResourceType[];
  failed: FailedGroup[];
  /** Which protocol answered: "aggregated" (apidiscovery v2) or "legacy". */
  mode: "aggregated" | "legacy";
}

export const AGGREGATED_ACCEPT =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

interface AggregatedList {
  kind?: string;
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      freshness?: string;
      resources?: {
        resource: string;
        responseKind?: { group?: string; version?: string; kind?: string };
        scope?: string;
        verbs?: string[];
      }[];
    }[];
  }[];
}

interface LegacyResourceList {
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

interface LegacyGroupList {
  kind?: string;
  groups?: { name: string; preferredVersion?: { version: string }; versions?: { version: string }[] }[];
}

/** `prefer: "legacy"` skips aggregated discovery (tests compare the two walks on one server). */
export async function discover(
  client: KubeClient,
  prefer: "aggregated" | "legacy" = "aggregated",
): Promise<Discovery> {
  const accept = prefer === "aggregated" ? AGGREGATED_ACCEPT : "application/json";
  const [core, groups] = await Promise.all([
    client.request<AggregatedList>("GET", "/api", { headers: { Accept: accept } }),
    client.request<AggregatedList & LegacyGroupList>("GET", "/apis", { headers: { Accept: accept } }),
  ]);
  let result: Discovery;
  if (core.kind === "APIGroupDiscoveryList" && groups.kind === "APIGroupDiscoveryList") {
    result = fromAggregated([...(core.items ?? []), ...(groups.items ?? [])]);
  } else {
    result = await legacyWalk(client, groups);
  }
  result.resources = dedupe(result.resources);
  if (result.failed.length) await explainFailures(client, result.failed);
  return result;
}

interface ApiServiceList {
  items: {
    spec?: { group?: string; version?: string };
    status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
  }[];
}

/** Adds the APIService's own account (e.g. "MissingEndpoints: ... no addresses") to each failure; best effort. */
async function explainFailures(client: KubeClient, failed: FailedGroup[]): Promise<void> {
  try {
    const list = await client.get<ApiServiceList>("/apis/apiregistration.k8s.io/v1/apiservices");
    for (const f of failed) {
      const svc = list.items.find((a) => `${a.spec?.group}/${a.spec?.version}` === f.groupVersion);
      const cond = svc?.status?.conditions?.find((c) => c.type === "Available" && c.status !== "True");
      if (cond) f.reason = `APIService not available (${cond.reason ?? "unknown"}: ${cond.message ?? ""})`;
    }
  } catch {
    // Not allowed to read APIServices: the discovery reason stands.
  }
}

/** Turns apidiscovery.k8s.io/v2 documents into resource types (pure: unit-tested). */
export function fromAggregated(items: NonNullable<AggregatedList["items"]>): Discovery {
  const resources: ResourceType[] = [];
  const failed: FailedGroup[] = [];
  for (const g of items) {
    const group = g.metadata?.name ?? "";
    // Versions come in preference order; the first is the preferred one.
    const preferred = g.versions?.[0];
    if (!preferred) continue;
    const gv = groupVersion({ group, version: preferred.version });
    if (preferred.freshness === "Stale") {
      failed.push({ groupVersion: gv, reason: "discovery is stale: the aggregated API is not answering" });
      continue;
    }
    for (const r of preferred.resources ?? []) {
      if (r.resource.includes("/") || !(r.verbs ?? []).includes("list")) continue;
      resources.push({
        group,
        version: preferred.version,
        resource: r.resource,
        kind: r.responseKind?.kind ?? "",
        namespaced: r.scope === "Namespaced",
        verbs: r.verbs ?? [],
      });
    }
  }
  return { resources, failed, mode: "aggregated" };
}

async function legacyWalk(client: KubeClient, groups: LegacyGroupList): Promise<Discovery> {
  const targets: { group: string; version: string }[] = [{ group: "", version: "v1" }];
  for (const g of groups.groups ?? []) {
    const version = g.preferredVersion?.version ?? g.versions?.[0]?.version;
    if (version) targets.push({ group: g.name, version });
  }
  const resources: ResourceType[] = [];
  const failed: FailedGroup[] = [];
  const lists = await Promise.all(
    targets.map(async (t) => {
      try {
        return { t, list: await client.get<LegacyResourceList>(apiPath(t)) };
      } catch (err) {
        const why = isApiError(err) ? `${err.code} ${err.reason}: ${err.serverMessage}` : errorMessage(err);
        failed.push({ groupVersion: groupVersion(t), reason: why });
        return undefined;
      }
    }),
  );
  for (const entry of lists) {
    if (!entry) continue;
    for (const r of entry.list.resources) {
      if (r.name.includes("/") || !(r.verbs ?? []).includes("list")) continue;
      resources.push({
        group: entry.t.group,
        version: entry.t.version,
        resource: r.name,
        kind: r.kind,
        namespaced: r.namespaced,
        verbs: r.verbs ?? [],
      });
    }
  }
  return { resources, failed, mode: "legacy" };
}

/**
 * The same objects served under two groups (core `events` and
 * `events.k8s.io` events) are exported once, from the group kept here.
 */
const SAME_OBJECTS_AS: Record<string, string> = { "events.events.k8s.io": "events" };

/** Drops duplicate views and sorts by group, then resource (pure: unit-tested). */
export function dedupe(resources: ResourceType[]): ResourceType[] {
  const ids = new Set(resources.map(resourceId));
  const seen = new Set<string>();
  return resources
    .filter((r) => {
      const id = resourceId(r);
      const twin = SAME_OBJECTS_AS[id];
      if (twin !== undefined && ids.has(twin)) return false;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    })
    .sort((a, b) => (a.group === b.group ? cmp(a.resource, b.resource) : cmp(a.group, b.group)));
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
