import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  isApiError
} from "./chunk-GSHV4ADS.js";
import {
  apiPath,
  groupVersion,
  resourceId
} from "./chunk-EQFEXDCI.js";
import {
  errorMessage
} from "./chunk-YBANDQLS.js";

// src/export/discovery.ts
var AGGREGATED_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
async function discover(client, prefer = "aggregated") {
  const accept = prefer === "aggregated" ? AGGREGATED_ACCEPT : "application/json";
  const [core, groups] = await Promise.all([
    client.request("GET", "/api", { headers: { Accept: accept } }),
    client.request("GET", "/apis", { headers: { Accept: accept } })
  ]);
  let result;
  if (core.kind === "APIGroupDiscoveryList" && groups.kind === "APIGroupDiscoveryList") {
    result = fromAggregated([...core.items ?? [], ...groups.items ?? []]);
  } else {
    result = await legacyWalk(client, groups);
  }
  result.resources = dedupe(result.resources);
  if (result.failed.length) await explainFailures(client, result.failed);
  return result;
}
async function explainFailures(client, failed) {
  try {
    const list = await client.get("/apis/apiregistration.k8s.io/v1/apiservices");
    for (const f of failed) {
      const svc = list.items.find((a) => `${a.spec?.group}/${a.spec?.version}` === f.groupVersion);
      const cond = svc?.status?.conditions?.find((c) => c.type === "Available" && c.status !== "True");
      if (cond) f.reason = `APIService not available (${cond.reason ?? "unknown"}: ${cond.message ?? ""})`;
    }
  } catch {
  }
}
function fromAggregated(items) {
  const resources = [];
  const failed = [];
  for (const g of items) {
    const group = g.metadata?.name ?? "";
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
        verbs: r.verbs ?? []
      });
    }
  }
  return { resources, failed, mode: "aggregated" };
}
async function legacyWalk(client, groups) {
  const targets = [{ group: "", version: "v1" }];
  for (const g of groups.groups ?? []) {
    const version = g.preferredVersion?.version ?? g.versions?.[0]?.version;
    if (version) targets.push({ group: g.name, version });
  }
  const resources = [];
  const failed = [];
  const lists = await Promise.all(
    targets.map(async (t) => {
      try {
        return { t, list: await client.get(apiPath(t)) };
      } catch (err) {
        const why = isApiError(err) ? `${err.code} ${err.reason}: ${err.serverMessage}` : errorMessage(err);
        failed.push({ groupVersion: groupVersion(t), reason: why });
        return void 0;
      }
    })
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
        verbs: r.verbs ?? []
      });
    }
  }
  return { resources, failed, mode: "legacy" };
}
var SAME_OBJECTS_AS = { "events.events.k8s.io": "events" };
function dedupe(resources) {
  const ids = new Set(resources.map(resourceId));
  const seen = /* @__PURE__ */ new Set();
  return resources.filter((r) => {
    const id = resourceId(r);
    const twin = SAME_OBJECTS_AS[id];
    if (twin !== void 0 && ids.has(twin)) return false;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  }).sort((a, b) => a.group === b.group ? cmp(a.resource, b.resource) : cmp(a.group, b.group));
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

export {
  discover
};
