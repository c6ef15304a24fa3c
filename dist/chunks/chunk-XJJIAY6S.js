import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  INDEX_FILE,
  NAMESPACES_DIR,
  groupDir,
  isExportFile,
  kindKey,
  kindOfFile,
  objectFile,
  unescapeName
} from "./chunk-YN7EY3ZU.js";
import {
  connect,
  parseClusterConfig
} from "./chunk-MNG22KLP.js";
import {
  isApiError,
  toApiError
} from "./chunk-MYPZVG7D.js";
import {
  bool,
  integer,
  list,
  optional
} from "./chunk-OYAXSSLA.js";
import {
  formatDuration
} from "./chunk-5DBXSNUI.js";
import {
  defineCapability
} from "./chunk-HIFVFMHY.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  ConfigurationError,
  badInput,
  errorMessage
} from "./chunk-AADN3Z4Y.js";

// src/export/discovery.ts
var AGGREGATED_ACCEPT = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
function apiPath(r) {
  return r.group === "" ? `/api/${r.version}` : `/apis/${r.group}/${r.version}`;
}
function resourceId(r) {
  return r.group === "" ? r.resource : `${r.resource}.${r.group}`;
}
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
    const list2 = await client.get("/apis/apiregistration.k8s.io/v1/apiservices");
    for (const f of failed) {
      const svc = list2.items.find((a) => `${a.spec?.group}/${a.spec?.version}` === f.groupVersion);
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
    const gv = group === "" ? preferred.version : `${group}/${preferred.version}`;
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
        failed.push({ groupVersion: t.group ? `${t.group}/${t.version}` : t.version, reason: why });
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

// src/export/json.ts
var asObject = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : void 0;
var asArray = (v) => Array.isArray(v) ? v : [];
var str = (v, fallback = "") => typeof v === "string" ? v : fallback;

// src/export/clean.ts
var DROP_METADATA = [
  "managedFields",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "selfLink",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "ownerReferences"
];
var DROP_ANNOTATIONS = [
  "kubectl.kubernetes.io/last-applied-configuration",
  "deployment.kubernetes.io/revision",
  "pv.kubernetes.io/bind-completed",
  "pv.kubernetes.io/bound-by-controller",
  "pv.kubernetes.io/provisioned-by",
  "volume.beta.kubernetes.io/storage-provisioner",
  "volume.kubernetes.io/storage-provisioner",
  "volume.kubernetes.io/selected-node",
  "endpoints.kubernetes.io/last-change-trigger-time",
  "control-plane.alpha.kubernetes.io/leader",
  "kubernetes.io/service-account.uid"
];
var SYSTEM_CONFIGMAPS = /* @__PURE__ */ new Set([
  "kube-system/extension-apiserver-authentication",
  "kube-system/kube-apiserver-legacy-service-account-token-tracking"
]);
function skipReason(obj, rt, opts) {
  const meta = asObject(obj.metadata) ?? {};
  const name = str(meta.name);
  const ns = typeof meta.namespace === "string" ? meta.namespace : "";
  const annotations = asObject(meta.annotations) ?? {};
  const labels = asObject(meta.labels) ?? {};
  const id = resourceId(rt);
  if (!opts.includeOwned && Array.isArray(meta.ownerReferences)) {
    const owner = meta.ownerReferences.map(asObject).find((o) => o?.controller === true);
    if (owner) return `owned by ${str(owner.kind)} (a controller recreates it)`;
  }
  if (id === "configmaps" && name === "kube-root-ca.crt")
    return "kube-root-ca.crt (published by the control plane)";
  if (id === "secrets" && obj.type === "kubernetes.io/service-account-token") {
    if (annotations["kubernetes.io/service-account.name"] === "default")
      return "the default ServiceAccount's token";
  }
  if (opts.includeSystem) return void 0;
  const system = "maintained by the control plane (include-system exports it)";
  if (annotations["rbac.authorization.kubernetes.io/autoupdate"] === "true") return system;
  if (annotations["apf.kubernetes.io/autoupdate-spec"] === "true") return system;
  if (labels["kube-aggregator.kubernetes.io/automanaged"] !== void 0) return system;
  if (id === "configmaps" && SYSTEM_CONFIGMAPS.has(`${ns}/${name}`)) return system;
  if (id === "endpoints" && (annotations["endpoints.kubernetes.io/last-change-trigger-time"] !== void 0 || ns === "default" && name === "kubernetes"))
    return system;
  if (id === "services" && ns === "default" && name === "kubernetes") return system;
  if (id === "servicecidrs.networking.k8s.io" && name === "kubernetes") return system;
  if (id === "priorityclasses.scheduling.k8s.io" && name.startsWith("system-")) return system;
  return void 0;
}
function cleanObject(obj, rt) {
  const meta = asObject(obj.metadata) ?? {};
  const managedFields = meta.managedFields;
  let managed;
  const userSet = (field) => (managed ??= JSON.stringify(managedFields ?? [])).includes(`"f:${field}"`);
  for (const k of DROP_METADATA) delete meta[k];
  const annotations = asObject(meta.annotations);
  if (annotations) {
    for (const k of DROP_ANNOTATIONS) delete annotations[k];
    if (Object.keys(annotations).length === 0) delete meta.annotations;
  }
  delete obj.status;
  const spec = asObject(obj.spec);
  const id = resourceId(rt);
  if (id === "secrets" && obj.type === "kubernetes.io/service-account-token") delete obj.data;
  if (spec) {
    if (id === "services") {
      if (spec.clusterIP !== "None") {
        delete spec.clusterIP;
        delete spec.clusterIPs;
      }
      if (!userSet("nodePort") && Array.isArray(spec.ports)) {
        for (const p of spec.ports) delete asObject(p)?.nodePort;
      }
      if (!userSet("healthCheckNodePort")) delete spec.healthCheckNodePort;
    } else if (id === "persistentvolumeclaims") {
      if (!userSet("volumeName")) delete spec.volumeName;
    } else if (id === "persistentvolumes") {
      const ref = asObject(spec.claimRef);
      if (ref) {
        delete ref.uid;
        delete ref.resourceVersion;
      }
    } else if (id === "pods") {
      if (!userSet("nodeName")) delete spec.nodeName;
      dropInjectedTokenVolume(spec);
    } else if (id === "jobs.batch") {
      cleanJob(spec);
    } else if (id === "cronjobs.batch") {
      const jobSpec = asObject(asObject(spec.jobTemplate)?.spec);
      if (jobSpec) cleanJob(jobSpec);
    }
  }
  return obj;
}
function cleanJob(spec) {
  if (spec.manualSelector === true) return;
  delete spec.selector;
  const labels = asObject(asObject(asObject(spec.template)?.metadata)?.labels);
  if (!labels) return;
  for (const k of [
    "controller-uid",
    "batch.kubernetes.io/controller-uid",
    "job-name",
    "batch.kubernetes.io/job-name"
  ])
    delete labels[k];
}
function dropInjectedTokenVolume(spec) {
  if (!Array.isArray(spec.volumes)) return;
  const injected = new Set(
    spec.volumes.map((v) => str(asObject(v)?.name)).filter((n) => n.startsWith("kube-api-access-"))
  );
  if (!injected.size) return;
  spec.volumes = spec.volumes.filter((v) => !injected.has(str(asObject(v)?.name)));
  if (spec.volumes.length === 0) delete spec.volumes;
  for (const field of ["containers", "initContainers", "ephemeralContainers"]) {
    const list2 = spec[field];
    if (!Array.isArray(list2)) continue;
    for (const c of list2) {
      const co = asObject(c);
      if (!co || !Array.isArray(co.volumeMounts)) continue;
      co.volumeMounts = co.volumeMounts.filter((m) => !injected.has(str(asObject(m)?.name)));
      if (co.volumeMounts.length === 0) delete co.volumeMounts;
    }
  }
}
var TOP_ORDER = ["apiVersion", "kind", "metadata"];
var META_ORDER = ["name", "namespace"];
var NAME_FIRST = ["name"];
function kubernetesKeyOrder(keys, depth, parentKey) {
  if (keys.length < 2) return keys;
  const first = depth === 0 ? TOP_ORDER : parentKey === "metadata" && depth === 1 ? META_ORDER : NAME_FIRST;
  const rest = keys.filter((k) => !first.includes(k)).sort();
  if (rest.length === keys.length) return rest;
  return [...first.filter((k) => keys.includes(k)), ...rest];
}

// src/export/config.ts
var DEFAULT_EXCLUDED_KINDS = [
  "events",
  "events.events.k8s.io",
  "leases.coordination.k8s.io",
  "endpointslices.discovery.k8s.io",
  "controllerrevisions.apps",
  "nodes",
  "componentstatuses",
  "csinodes.storage.k8s.io",
  "ipaddresses.networking.k8s.io"
];
function parseExportConfig(src) {
  const config = {
    cluster: parseClusterConfig(src),
    path: optional(src, "path") ?? "cluster-export",
    includeKinds: list(src, "include-kinds"),
    excludeKinds: list(src, "exclude-kinds"),
    includeNamespaces: list(src, "include-namespaces"),
    excludeNamespaces: list(src, "exclude-namespaces"),
    includeOwned: bool(src, "include-owned", false),
    includeSystem: bool(src, "include-system", false),
    redactPaths: list(src, "redact-paths").map((r) => parseRedactRule(r)),
    strict: bool(src, "strict", false),
    concurrency: integer(src, "concurrency", 4, 1, 64),
    // 250, not 500: a page's objects are what survives a young-generation GC, and more
    // survivors make V8 grow that generation (peak RSS at 50k objects 195 -> 150 MB, same speed).
    pageSize: integer(src, "page-size", 250, 1, 1e4),
    deletionLimit: parseDeletionLimit(optional(src, "deletion-limit") ?? "25%")
  };
  const selector = optional(src, "label-selector");
  if (selector !== void 0) config.labelSelector = selector;
  const key = optional(src, "fingerprint-key");
  if (key !== void 0) {
    if (key.length < 16) throw badInput("fingerprint-key", "(hidden)", "a secret of at least 16 characters");
    config.fingerprintKey = key;
  }
  const pattern = optional(src, "redact-key-pattern");
  if (pattern !== void 0) {
    try {
      config.redactKeyPattern = new RegExp(pattern, "i");
    } catch {
      throw badInput("redact-key-pattern", pattern, "a regular expression, e.g. password|token");
    }
  }
  return config;
}
function parseRedactRule(text) {
  const m = /^([^:\s]+):([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)$/.exec(text);
  if (!m)
    throw badInput("redact-paths", text, "KIND:dotted.path, e.g. ConfigMap:data.password or *:spec.token");
  return { kind: m[1], path: m[2].split(".") };
}
function parseDeletionLimit(text) {
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (pct && Number(pct[1]) <= 100) return { share: Number(pct[1]) / 100 };
  if (/^\d+$/.test(text)) return { count: Number(text) };
  throw badInput(
    "deletion-limit",
    text,
    "a share of the previous files like 25% or a number of files like 100"
  );
}

// src/export/diff.ts
var SAMPLE_LIMIT = 1e3;
var ChangeSet = class {
  count = { added: 0, changed: 0, removed: 0, unchanged: 0 };
  /** Up to SAMPLE_LIMIT file names per change, so memory stays flat on a first export of a large cluster. */
  added = [];
  changed = [];
  removed = [];
  risky = [];
  /** The index changed (a kind newly skipped, say) even when no object did. */
  indexChanged = false;
  /** `risks` are the object's `riskOf` reasons, reported when the file was added or changed. */
  record(file, status, risks) {
    this.count[status]++;
    if (status === "unchanged") return;
    const list2 = status === "added" ? this.added : this.changed;
    if (list2.length < SAMPLE_LIMIT) list2.push(file);
    for (const why of risks) this.risky.push({ file, change: status, why });
  }
  recordRemoved(files) {
    this.count.removed += files.length;
    this.removed.push(...files.slice(0, SAMPLE_LIMIT));
  }
  get total() {
    return this.count.added + this.count.changed + this.count.removed;
  }
};
function riskOf(o) {
  const kind = str(o.kind);
  const apiVersion = str(o.apiVersion);
  const out = [];
  if (apiVersion.startsWith("rbac.authorization.k8s.io/") && (kind === "ClusterRoleBinding" || kind === "RoleBinding")) {
    const ref = asObject(o.roleRef);
    if (ref?.kind === "ClusterRole" && ref.name === "cluster-admin") out.push(`${kind} to cluster-admin`);
  }
  if (apiVersion.startsWith("rbac.authorization.k8s.io/") && (kind === "ClusterRole" || kind === "Role")) {
    const all = asArray(o.rules).some((r) => {
      const rule = asObject(r);
      return asArray(rule?.verbs).includes("*") && asArray(rule?.resources).includes("*");
    });
    if (all) out.push(`${kind} granting every verb on every resource`);
  }
  if (apiVersion.startsWith("admissionregistration.k8s.io/")) out.push(`admission control: ${kind}`);
  const spec = podSpecOf(o);
  if (spec) out.push(...podRisks(spec));
  return out;
}
function podSpecOf(o) {
  const spec = asObject(o.spec);
  if (!spec) return void 0;
  if (o.kind === "Pod") return spec;
  if (o.kind === "CronJob") return asObject(asObject(asObject(asObject(spec.jobTemplate)?.spec)?.template)?.spec);
  return asObject(asObject(spec.template)?.spec);
}
function podRisks(spec) {
  const out = [];
  for (const f of ["hostNetwork", "hostPID", "hostIPC"]) if (spec[f] === true) out.push(`pod uses ${f}`);
  const containers = [...asArray(spec.initContainers), ...asArray(spec.containers), ...asArray(spec.ephemeralContainers)];
  for (const c of containers) {
    const sc = asObject(asObject(c)?.securityContext);
    const name = str(asObject(c)?.name, "?");
    if (sc?.privileged === true) out.push(`privileged container ${name}`);
    const add = asArray(asObject(sc?.capabilities)?.add).map(String);
    const bad = add.filter(
      (a) => ["ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE"].includes(a.replace(/^CAP_/, ""))
    );
    if (bad.length) out.push(`container ${name} adds capabilities ${bad.join(",")}`);
  }
  const hostPaths = asArray(spec.volumes).map(asObject).filter((v) => v?.hostPath).map((v) => str(asObject(v?.hostPath)?.path));
  if (hostPaths.length) out.push(`pod mounts host paths ${hostPaths.join(",")}`);
  return out;
}

// src/export/fetch.ts
function collectionPath(rt, namespace) {
  const ns = namespace !== void 0 && rt.namespaced ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  return `${apiPath(rt)}${ns}/${rt.resource}`;
}
async function listPaged(client, rt, options, onPage) {
  const apiVersion = rt.group === "" ? rt.version : `${rt.group}/${rt.version}`;
  const scopes = rt.namespaced && options.namespaces.length ? options.namespaces : [void 0];
  for (const ns of scopes) {
    const path2 = collectionPath(rt, ns);
    const fetchPage = (cont2) => getPage(
      client,
      path2,
      { limit: options.pageSize, continue: cont2, labelSelector: options.labelSelector },
      options.signal
    );
    let restarted = false;
    let cont;
    let next = fetchPage(void 0);
    while (next) {
      let page;
      try {
        page = parsePage(await next);
      } catch (err) {
        if (isApiError(err, 410) && cont !== void 0 && !restarted) {
          restarted = true;
          cont = void 0;
          next = fetchPage(void 0);
          continue;
        }
        throw err;
      }
      cont = page.metadata?.continue || void 0;
      next = cont !== void 0 ? fetchPage(cont) : void 0;
      next?.catch(() => {
      });
      const items = page.items ?? [];
      for (const item of items) {
        item.apiVersion = apiVersion;
        item.kind = rt.kind;
      }
      await onPage(items);
    }
  }
}
async function getPage(client, path2, query, signal) {
  const res = await client.open("GET", path2, { query, timeoutMs: 3e5, ...signal ? { signal } : {} });
  const chunks = [];
  for await (const chunk of res) chunks.push(chunk);
  return { status: res.statusCode ?? 0, body: Buffer.concat(chunks), path: path2 };
}
function parsePage(raw) {
  const text = raw.body.toString("utf8");
  if (raw.status < 200 || raw.status >= 300) throw toApiError(raw.status, text, "GET", raw.path);
  return JSON.parse(text);
}

// src/export/yaml.ts
var asGiven = (keys) => keys;
function toYaml(value, order = asGiven) {
  if (value !== null && typeof value === "object" && !isEmpty(value))
    return block(value, "", "", order, 0, "");
  return scalar(value, "") + "\n";
}
function isEmpty(v) {
  if (Array.isArray(v)) return v.length === 0;
  for (const _ in v) return false;
  return true;
}
function block(value, indent, first, order, depth, parentKey) {
  let out = "";
  let prefix = first;
  if (Array.isArray(value)) {
    const inner = indent + "  ";
    for (const item of value) {
      if (item !== null && typeof item === "object" && !isEmpty(item)) {
        out += block(item, inner, prefix + "- ", order, depth + 1, "");
      } else {
        out += prefix + "- " + scalar(item, inner) + "\n";
      }
      prefix = indent;
    }
    return out;
  }
  for (const k of order(Object.keys(value), depth, parentKey)) {
    const v = value[k];
    const key = quoteKey(k);
    if (v !== null && typeof v === "object" && !isEmpty(v)) {
      out += prefix + key + ":\n";
      const nested = Array.isArray(v) ? indent : indent + "  ";
      out += block(v, nested, nested, order, depth + 1, k);
    } else {
      out += prefix + key + ": " + scalar(v, indent + "  ") + "\n";
    }
    prefix = indent;
  }
  return out;
}
var keyCache = /* @__PURE__ */ new Map();
function quoteKey(k) {
  let q = keyCache.get(k);
  if (q === void 0) {
    q = quoteIfNeeded(k);
    if (keyCache.size < 1e4) keyCache.set(k, q);
  }
  return q;
}
function scalar(v, indent) {
  if (v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "null";
  if (typeof v === "string") return stringScalar(v, indent);
  return Array.isArray(v) ? "[]" : "{}";
}
function stringScalar(s, indent) {
  if (s.includes("\n") && literalOk(s)) {
    const trailing = /\n+$/.exec(s)?.[0].length ?? 0;
    const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
    const body = trailing ? s.slice(0, s.length - trailing) : s;
    const lines = body.split("\n").map((l) => l === "" ? "" : indent + l);
    const extra = trailing > 1 ? "\n".repeat(trailing - 1) : "";
    return "|" + chomp + "\n" + lines.join("\n") + extra;
  }
  return quoteIfNeeded(s);
}
function literalOk(s) {
  if (s.startsWith(" ") || s.startsWith("\n")) return false;
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff\t]/.test(s)) return false;
  return !/ \n|[ ]$/.test(s);
}
var PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@()+=:#,%-]*(?: [A-Za-z0-9_./@()+=:#,%-]+)*$/;
var AMBIGUOUS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN|[-+]?\.(?:inf|Inf|INF))$/;
function quoteIfNeeded(s) {
  if (/^[0-9]+(?:[A-Za-z]+|%)$/.test(s) && !/^0[xob]/i.test(s)) return s;
  if (s === "" || !PLAIN.test(s) || AMBIGUOUS.test(s)) return JSON.stringify(s);
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":")) return JSON.stringify(s);
  return s;
}

// src/export/outcome.ts
function exportedCount(o) {
  return o.kinds.reduce((n, k) => n + k.exported, 0);
}
function indexYaml(o) {
  const kinds = o.kinds.map((k) => ({
    resource: resourceId(k.rt),
    apiVersion: k.rt.group ? `${k.rt.group}/${k.rt.version}` : k.rt.version,
    kind: k.rt.kind,
    namespaced: k.rt.namespaced,
    status: k.status,
    ...k.reason ? { reason: k.reason } : {},
    objects: k.exported,
    ...Object.keys(k.skippedObjects).length ? { skippedObjects: Object.fromEntries(Object.entries(k.skippedObjects).sort()) } : {}
  }));
  return "# Written by kubekeep export: what this tree holds, and what was left out and why.\n" + toYaml({
    discovery: o.discovery.mode,
    objects: o.kinds.reduce((n, k) => n + k.exported, 0),
    ...o.discovery.failed.length ? { failedApis: o.discovery.failed.map((f) => ({ groupVersion: f.groupVersion, reason: f.reason })) } : {},
    kinds
  });
}
var LIST_LIMIT = 50;
function buildReport(o) {
  const report = newReport("Export");
  const c = o.changes;
  const count = (s) => o.kinds.filter((k) => k.status === s).length;
  report.facts.push(
    ["Folder", o.path],
    ["Objects", String(exportedCount(o))],
    ["Kinds listed", String(count("exported"))],
    ["Changes", `${c.count.added} added, ${c.count.changed} changed, ${c.count.removed} removed`],
    ["Risky changes", c.risky.length ? `${c.risky.length} (see below)` : "none"],
    ["Took", formatDuration(o.durationMs)]
  );
  if (c.risky.length) {
    report.tables.push({
      caption: "Risky changes: review these",
      header: ["file", "change", "why"],
      rows: c.risky.slice(0, LIST_LIMIT).map((r) => [r.file, r.change, r.why])
    });
  }
  const problems = o.kinds.filter((k) => k.status === "skipped" || k.status === "failed");
  const failedApis = o.discovery.failed;
  if (problems.length || failedApis.length) {
    report.tables.push({
      caption: "Not exported (files of these kinds are kept as they were)",
      header: ["kind", "status", "reason"],
      rows: [
        ...failedApis.map((f) => [f.groupVersion, "API unavailable", f.reason]),
        ...problems.map((k) => [resourceId(k.rt), k.status, k.reason ?? ""])
      ]
    });
  }
  report.tables.push({
    caption: "Objects per kind",
    header: ["kind", "apiVersion", "objects", "skipped objects"],
    rows: o.kinds.filter((k) => k.status === "exported" && (k.exported > 0 || Object.keys(k.skippedObjects).length)).map((k) => [
      k.rt.kind,
      k.rt.group ? `${k.rt.group}/${k.rt.version}` : k.rt.version,
      String(k.exported),
      Object.entries(k.skippedObjects).map(([why, n]) => `${n} ${why}`).join("; ")
    ])
  });
  const changeRows = [
    ...c.added.map((f) => ["added", f]),
    ...c.changed.map((f) => ["changed", f]),
    ...c.removed.map((f) => ["removed", f])
  ];
  if (changeRows.length) {
    report.tables.push({
      caption: "Changed files",
      header: ["change", "file"],
      rows: changeRows.slice(0, LIST_LIMIT)
    });
    if (c.total > LIST_LIMIT) report.notes.push(`${c.total - LIST_LIMIT} more changed files not listed.`);
  }
  if (o.removalsRefused) report.notes.push(o.removalsRefused);
  return report;
}

// src/export/redact.ts
import { createHmac } from "node:crypto";

// src/export/select.ts
function kindMatches(entry, rt) {
  const e = entry.toLowerCase();
  const dot = e.indexOf(".");
  const name = dot < 0 ? e : e.slice(0, dot);
  const group = dot < 0 ? void 0 : e.slice(dot + 1);
  if (group !== void 0 && group !== rt.group.toLowerCase() && !(group === "core" && rt.group === ""))
    return false;
  return name === rt.resource.toLowerCase() || name === rt.kind.toLowerCase();
}
function selectKind(rt, config) {
  if (config.includeKinds.length && !config.includeKinds.some((k) => kindMatches(k, rt)))
    return { export: false, reason: "not in include-kinds" };
  if (config.excludeKinds.some((k) => kindMatches(k, rt)))
    return { export: false, reason: "in exclude-kinds" };
  const named = config.includeKinds.some((k) => kindMatches(k, rt));
  if (!named && DEFAULT_EXCLUDED_KINDS.includes(resourceId(rt)))
    return { export: false, reason: "excluded by default (name it in include-kinds to export it)" };
  if (config.includeNamespaces.length && !rt.namespaced && resourceId(rt) !== "namespaces")
    return { export: false, reason: "cluster-scoped, and include-namespaces is set" };
  return { export: true };
}
function selectNamespace(ns, config) {
  if (config.includeNamespaces.length && !config.includeNamespaces.includes(ns)) return false;
  return !config.excludeNamespaces.includes(ns);
}

// src/export/redact.ts
var REDACTED = "REDACTED";
var FINGERPRINT_PREFIX = "REDACTED/hmacSHA256/";
function newRedactor(fingerprintKey) {
  return {
    marker(value) {
      if (fingerprintKey === void 0) return REDACTED;
      const mac = createHmac("sha256", fingerprintKey).update(value).digest("base64").slice(0, 24);
      return FINGERPRINT_PREFIX + mac;
    },
    isMarker(value) {
      return value === REDACTED || value.startsWith(FINGERPRINT_PREFIX) && value.length === 44;
    }
  };
}
function redactSecret(obj, r) {
  for (const field of ["data", "stringData"]) {
    const data = obj[field];
    if (!data || typeof data !== "object" || Array.isArray(data)) continue;
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== "string") {
        data[k] = REDACTED;
        continue;
      }
      if (field === "data") {
        const plain = Buffer.from(v, "base64");
        const asMarker = plain.toString("base64");
        data[k] = r.isMarker(v) ? v : r.isMarker(asMarker) ? asMarker : r.marker(plain);
      } else {
        data[k] = r.isMarker(v) ? v : r.marker(v);
      }
    }
  }
}
function redactHelmReleaseConfigMap(obj, r) {
  const labels = asObject(asObject(obj.metadata)?.labels);
  if (labels?.owner !== "helm" && labels?.OWNER !== "TILLER") return;
  const data = obj.data;
  if (!data || typeof data !== "object" || Array.isArray(data)) return;
  for (const [k, v] of Object.entries(data)) {
    data[k] = typeof v !== "string" ? r.marker(JSON.stringify(v)) : r.isMarker(v) ? v : r.marker(v);
  }
}
function redactExtra(obj, rt, rules, keyPattern, r) {
  for (const rule of rules) {
    if (rule.kind !== "*" && !kindMatches(rule.kind, rt)) continue;
    let node = obj;
    for (const part of rule.path.slice(0, -1)) {
      node = node && typeof node === "object" && !Array.isArray(node) ? node[part] : void 0;
    }
    const last = rule.path[rule.path.length - 1];
    if (node && typeof node === "object" && !Array.isArray(node) && node[last] !== void 0) {
      const v = node[last];
      node[last] = typeof v === "string" && r.isMarker(v) ? v : r.marker(JSON.stringify(v));
    }
  }
  if (keyPattern) redactKeys(obj, keyPattern, r, true);
}
function redactKeys(node, pattern, r, top) {
  if (Array.isArray(node)) {
    for (const v of node) redactKeys(v, pattern, r, false);
    return;
  }
  if (!node || typeof node !== "object") return;
  for (const [k, v] of Object.entries(node)) {
    if (top && (k === "apiVersion" || k === "kind" || k === "metadata")) continue;
    if (typeof v === "string" && pattern.test(k)) node[k] = r.isMarker(v) ? v : r.marker(v);
    else redactKeys(v, pattern, r, false);
  }
}

// src/export/write-thread.ts
import fs from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
var MAX_IN_FLIGHT = 4;
var TreeWriterThread = class _TreeWriterThread {
  root;
  /** Object files in the previous tree (what the deletion limit is a share of). */
  previousObjects = 0;
  worker;
  waiting = [];
  inFlight = /* @__PURE__ */ new Set();
  /** The worker died: nothing more can be asked of it. */
  crashed;
  /** A batch failed (a full disk, say): the run must fail; the worker can still clean up. */
  failed;
  constructor(root) {
    this.root = path.resolve(root);
    this.worker = new Worker(workerFile());
    this.worker.on("message", (reply) => this.waiting.shift()?.resolve(reply));
    const fail = (err) => {
      this.crashed ??= err;
      for (const w of this.waiting.splice(0)) w.reject(err);
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`the export's file writer stopped (exit code ${code})`)));
  }
  /** Starts the worker, which finishes or discards an interrupted run and scans the previous tree. */
  static async start(root) {
    const writer = new _TreeWriterThread(root);
    try {
      const reply = await writer.ask({ op: "begin", root: writer.root });
      writer.previousObjects = reply.previousObjects ?? 0;
      return writer;
    } catch (err) {
      await writer.close();
      throw err;
    }
  }
  /**
   * Queues a batch of files; `onWritten` gets their statuses once the worker
   * has staged them. Resolves when there is room for another batch.
   */
  async write(files, onWritten) {
    this.throwIfFailed();
    const done = this.ask({ op: "write", files }).then((r) => onWritten(r.statuses ?? [])).catch((err) => {
      this.failed ??= err instanceof Error ? err : new Error(String(err));
    }).finally(() => this.inFlight.delete(done));
    this.inFlight.add(done);
    while (this.inFlight.size >= MAX_IN_FLIGHT) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }
  throwIfFailed() {
    if (this.failed) throw this.failed;
  }
  /** Waits for every queued batch; returns the previous tree's files not written in this run. */
  async finish() {
    await Promise.all(this.inFlight);
    this.throwIfFailed();
    const reply = await this.ask({ op: "finish" });
    return new Set(reply.unseen ?? []);
  }
  /** Writes the journal and moves the staged files and removals into the tree. */
  async commit(removals) {
    await this.ask({ op: "commit", removals });
  }
  /** Drops the staging folder (the previous tree stays as it was); safe after a failure. */
  async abort() {
    await Promise.all(this.inFlight);
    if (!this.crashed) await this.ask({ op: "abort" }).catch(() => {
    });
  }
  async close() {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
  ask(request) {
    if (this.crashed) return Promise.reject(this.crashed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(request);
    }).then((reply) => {
      if (reply.ok) return reply;
      throw reply.name === "ConfigurationError" ? new ConfigurationError(reply.message) : new Error(reply.message);
    });
  }
};
function workerFile() {
  for (const candidate of ["./write-worker.ts", "./export-writer.js", "../export-writer.js"]) {
    const url = new URL(candidate, import.meta.url);
    if (fs.existsSync(url)) return url;
  }
  throw new Error(`the export's file writer (export-writer.js) is missing next to ${import.meta.url}`);
}

// src/export/export.ts
var exportCapability = defineCapability({
  name: "export",
  summary: "export every resource to clean YAML files (Secrets redacted), ready to commit",
  parse: parseExportConfig,
  async run(config, { logger, signal }) {
    if (config.fingerprintKey) logger.setSecret(config.fingerprintKey);
    const { client, cleanup } = await connect(config.cluster, logger);
    try {
      const outcome = await runExport(config, { logger, ...signal ? { signal } : {} }, client);
      const c = outcome.changes;
      return {
        outputs: {
          changed: c.total > 0 || c.indexChanged,
          path: outcome.path,
          objects: exportedCount(outcome),
          kinds: outcome.kinds.filter((k) => k.status === "exported").length,
          added: c.count.added,
          modified: c.count.changed,
          removed: c.count.removed,
          "skipped-kinds": outcome.kinds.filter((k) => k.status === "skipped" || k.status === "failed").length,
          risky: c.risky.length
        },
        report: buildReport(outcome)
      };
    } finally {
      cleanup();
    }
  }
});
async function runExport(config, ctx, client) {
  const { logger } = ctx;
  const started = Date.now();
  const starting = TreeWriterThread.start(config.path);
  let discovery;
  try {
    discovery = await logger.group("Discovering kinds", async () => {
      const d = await discover(client);
      logger.info(`${d.mode} discovery: ${d.resources.length} listable kinds`);
      for (const f of d.failed) logger.warning(`API ${f.groupVersion} skipped: ${f.reason}`);
      return d;
    });
  } catch (err) {
    await starting.then((w) => w.close()).catch(() => {
    });
    throw err;
  }
  const writer = await starting;
  try {
    const outcome = await exportInto(writer, discovery, config, ctx, client);
    return { ...outcome, durationMs: Date.now() - started };
  } catch (err) {
    await writer.abort();
    throw err;
  } finally {
    await writer.close();
  }
}
async function exportInto(writer, discovery, config, ctx, client) {
  const { logger } = ctx;
  for (const entry of config.includeKinds) {
    if (!discovery.resources.some((rt) => kindMatches(entry, rt)))
      logger.warning(`include-kinds: the cluster serves no kind named ${JSON.stringify(entry)}`);
  }
  const kinds = discovery.resources.map((rt) => {
    const verdict = selectKind(rt, config);
    return verdict.export ? { rt, status: "exported", exported: 0, skippedObjects: {} } : { rt, status: "excluded", reason: verdict.reason, exported: 0, skippedObjects: {} };
  });
  const changes = new ChangeSet();
  const redactor = newRedactor(config.fingerprintKey);
  await logger.group("Listing and writing objects", async () => {
    const todo = kinds.filter((k) => k.status === "exported");
    let total = 0;
    let nextReport = 5e3;
    const worker = async () => {
      for (let k = todo.shift(); k; k = todo.shift()) {
        const kind = k;
        try {
          await listPaged(
            client,
            kind.rt,
            {
              pageSize: config.pageSize,
              namespaces: config.includeNamespaces,
              ...config.labelSelector ? { labelSelector: config.labelSelector } : {},
              ...ctx.signal ? { signal: ctx.signal } : {}
            },
            async (items) => {
              const files = [];
              const rels = [];
              const risks = [];
              total += items.length;
              for (let item = items.shift(); item; item = items.shift()) {
                const file = exportOne(item, kind, config, redactor);
                if (!file) continue;
                files.push([file.rel, file.text]);
                rels.push(file.rel);
                risks.push(file.risks);
              }
              if (total >= nextReport) {
                logger.info(`${total} objects listed`);
                nextReport += 5e3;
              }
              if (files.length)
                await writer.write(
                  files,
                  (statuses) => statuses.forEach((status, i) => changes.record(rels[i] ?? "", status, risks[i] ?? []))
                );
            }
          );
          logger.info(`${resourceId(kind.rt)}: ${kind.exported} exported${skippedText(kind)}`);
        } catch (err) {
          if (isApiError(err) && [401, 403, 404, 405, 503].includes(err.code)) {
            kind.status = "skipped";
            kind.reason = `${err.code} ${err.reason}${err.serverMessage ? `: ${err.serverMessage}` : ""}`;
            logger.warning(`${resourceId(kind.rt)} skipped: ${kind.reason}`);
          } else if (isApiError(err)) {
            kind.status = "failed";
            kind.reason = err.message;
            logger.warning(`${resourceId(kind.rt)} failed: ${kind.reason}`);
          } else {
            throw err;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: config.concurrency }, worker));
  });
  const incomplete = kinds.filter((k) => k.status === "skipped" || k.status === "failed");
  if (config.strict && (incomplete.length || discovery.failed.length)) {
    const names = [
      ...discovery.failed.map((f) => f.groupVersion),
      ...incomplete.map((k) => resourceId(k.rt))
    ];
    throw new ConfigurationError(
      `strict mode: ${names.length} kinds or APIs could not be exported (${names.join(", ")}); the previous export is left as it was`
    );
  }
  const index = indexYaml({ discovery, kinds });
  let indexStatus = "unchanged";
  await writer.write([[INDEX_FILE, index]], ([status]) => indexStatus = status ?? "added");
  const unseen = await writer.finish();
  const { removed } = plan(unseen, kinds, discovery.failed, config);
  const limit = "share" in config.deletionLimit ? Math.floor(config.deletionLimit.share * writer.previousObjects) : config.deletionLimit.count;
  if (removed.length > limit) {
    throw new ConfigurationError(
      `refusing to remove ${removed.length} of ${writer.previousObjects} exported files (deletion-limit allows ${limit}); this looks like a wrong cluster or missing permissions. The previous export is left as it was; raise deletion-limit to accept it`
    );
  }
  changes.recordRemoved(removed.sort());
  await writer.commit(removed);
  changes.indexChanged = indexStatus !== "unchanged";
  changes.added.sort();
  changes.changed.sort();
  changes.risky.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  logger.info(
    `export written to ${writer.root}: ${exportedCount({ kinds })} objects; ${changes.count.added} added, ${changes.count.changed} changed, ${changes.count.removed} removed`
  );
  for (const r of changes.risky) logger.warning(`risky change: ${r.file} (${r.change}): ${r.why}`);
  return { discovery, kinds, changes, path: config.path };
}
function skippedText(k) {
  const n = Object.values(k.skippedObjects).reduce((a, b) => a + b, 0);
  return n ? `, ${n} skipped` : "";
}
function exportOne(item, kind, config, redactor) {
  const meta = item.metadata ?? {};
  const name = meta.name ?? "";
  const ns = meta.namespace;
  const nsOfObject = kind.rt.namespaced ? ns : resourceId(kind.rt) === "namespaces" ? name : void 0;
  if (nsOfObject !== void 0 && !selectNamespace(nsOfObject, config)) return void 0;
  const skip = skipReason(item, kind.rt, config);
  if (skip) {
    kind.skippedObjects[skip] = (kind.skippedObjects[skip] ?? 0) + 1;
    return void 0;
  }
  const clean = cleanObject(item, kind.rt);
  if (resourceId(kind.rt) === "secrets") redactSecret(clean, redactor);
  else if (resourceId(kind.rt) === "configmaps") redactHelmReleaseConfigMap(clean, redactor);
  if (config.redactPaths.length || config.redactKeyPattern)
    redactExtra(clean, kind.rt, config.redactPaths, config.redactKeyPattern, redactor);
  kind.exported++;
  return {
    rel: objectFile(kind.rt, name, ns),
    text: toYaml(clean, kubernetesKeyOrder),
    risks: riskOf(clean)
  };
}
function plan(notWritten, kinds, failedApis, config) {
  const complete = new Set(kinds.filter((k) => k.status === "exported").map((k) => kindKey(k.rt)));
  const served = new Set(kinds.map((k) => kindKey(k.rt)));
  const failedGroups = new Set(
    failedApis.map((f) => groupDir(f.groupVersion.includes("/") ? f.groupVersion.split("/")[0] ?? "" : ""))
  );
  const removed = [];
  const kept = [];
  for (const rel of notWritten) {
    if (rel === INDEX_FILE) continue;
    if (!isExportFile(rel)) {
      kept.push(rel);
      continue;
    }
    const kind = kindOfFile(rel);
    if (kind === void 0) {
      kept.push(rel);
      continue;
    }
    const parts = rel.split("/");
    const ns = parts[0] === NAMESPACES_DIR ? unescapeName(parts[1] ?? "") : kind === "core/Namespace" ? unescapeName((parts[3] ?? "").replace(/\.yaml$/, "")) : void 0;
    const nsInScope = ns === void 0 || selectNamespace(ns, config);
    const group = kind.split("/")[0] ?? "";
    const gone = !served.has(kind) && !failedGroups.has(group);
    if (complete.has(kind) && nsInScope || gone) removed.push(rel);
    else kept.push(rel);
  }
  return { removed, kept };
}

export {
  exportCapability,
  runExport,
  plan
};
