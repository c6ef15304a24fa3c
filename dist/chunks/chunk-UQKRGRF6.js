import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  connect,
  parseClusterConfig
} from "./chunk-MNG22KLP.js";
import {
  isApiError,
  readText,
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
  const managed = JSON.stringify(meta.managedFields ?? []);
  const userSet = (field) => managed.includes(`"f:${field}"`);
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
  return ordered(obj);
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
function ordered(value, depth = 0, parentKey = "") {
  if (Array.isArray(value)) return value.map((v) => ordered(v, depth + 1));
  if (!value || typeof value !== "object") return value;
  const first = depth === 0 ? TOP_ORDER : parentKey === "metadata" && depth === 1 ? META_ORDER : ["name"];
  const keys = Object.keys(value).sort((a, b) => {
    const ia = first.indexOf(a);
    const ib = first.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? first.length : ia) - (ib < 0 ? first.length : ib);
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const out = {};
  for (const k of keys) out[k] = ordered(value[k], depth + 1, k);
  return out;
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
    pageSize: integer(src, "page-size", 500, 1, 1e4),
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
  record(file, status, object) {
    this.count[status]++;
    if (status === "unchanged") return;
    const list2 = status === "added" ? this.added : this.changed;
    if (list2.length < SAMPLE_LIMIT) list2.push(file);
    for (const why of riskOf(object)) this.risky.push({ file, change: status, why });
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
    const path3 = collectionPath(rt, ns);
    const fetchPage = (cont2) => getPage(
      client,
      path3,
      { limit: options.pageSize, continue: cont2, labelSelector: options.labelSelector },
      options.signal
    );
    let restarted = false;
    let cont;
    let next = fetchPage(void 0);
    while (next) {
      let page;
      try {
        page = await next;
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
async function getPage(client, path3, query, signal) {
  const res = await client.open("GET", path3, { query, timeoutMs: 3e5, ...signal ? { signal } : {} });
  const text = await readText(res);
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) throw toApiError(status, text, "GET", path3);
  return JSON.parse(text);
}

// src/export/layout.ts
import path from "node:path";
var INDEX_FILE = "kubekeep-index.yaml";
var CLUSTER_DIR = "cluster";
var NAMESPACES_DIR = "namespaces";
function escapeName(name) {
  let out = "";
  for (const byte of Buffer.from(name, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9._-]/.test(c) ? c : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out === "." || out === ".." ? out.replace(/\./g, "%2E") : out;
}
function unescapeName(escaped) {
  return decodeURIComponent(escaped);
}
function groupDir(group) {
  return group === "" ? "core" : group;
}
function objectFile(rt, name, namespace) {
  const tail = `${groupDir(rt.group)}/${rt.kind}/${escapeName(name)}.yaml`;
  return rt.namespaced ? `${NAMESPACES_DIR}/${escapeName(namespace ?? "")}/${tail}` : `${CLUSTER_DIR}/${tail}`;
}
function kindOfFile(rel) {
  const parts = rel.split(/[\\/]/);
  if (parts[0] === CLUSTER_DIR && parts.length === 4) return `${parts[1]}/${parts[2]}`;
  if (parts[0] === NAMESPACES_DIR && parts.length === 5) return `${parts[2]}/${parts[3]}`;
  return void 0;
}
function kindKey(rt) {
  return `${groupDir(rt.group)}/${rt.kind}`;
}
function toNative(rel) {
  return rel.split("/").join(path.sep);
}

// src/export/yaml.ts
function toYaml(value) {
  const out = [];
  if (value !== null && typeof value === "object" && !isEmpty(value)) emitBlock(value, "", out);
  else out.push(scalar(value, "") + "\n");
  return out.join("");
}
function isEmpty(v) {
  return Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0;
}
function emitBlock(value, indent, out) {
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === "object" && !isEmpty(item)) {
        const nested = [];
        emitBlock(item, indent + "  ", nested);
        const text = nested.join("");
        out.push(indent + "- " + text.slice(indent.length + 2));
      } else {
        out.push(indent + "- " + scalar(item, indent + "  ") + "\n");
      }
    }
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const key = quoteIfNeeded(k);
    if (v !== null && typeof v === "object" && !isEmpty(v)) {
      out.push(indent + key + ":\n");
      emitBlock(v, Array.isArray(v) ? indent : indent + "  ", out);
    } else {
      out.push(indent + key + ": " + scalar(v, indent + "  ") + "\n");
    }
  }
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

// src/export/write.ts
import fs from "node:fs";
import path2 from "node:path";
var JOURNAL = ".kubekeep-journal.json";
var TreeWriter = class {
  root;
  staging;
  madeDirs = /* @__PURE__ */ new Set();
  staged = [];
  /** Files of the previous tree not written (yet) in this run, relative with `/` separators. */
  unseen = /* @__PURE__ */ new Set();
  /** Object files in the previous tree (what the deletion limit is a share of). */
  previousObjects = 0;
  fresh = false;
  constructor(root) {
    this.root = path2.resolve(root);
    this.staging = `${this.root}.kubekeep-new`;
  }
  /** Finishes or discards an interrupted run, scans the previous tree, opens an empty staging folder. */
  begin() {
    if (fs.existsSync(path2.join(this.root, ".git"))) {
      throw new ConfigurationError(
        `input 'path': ${this.root} is a git checkout's root; give the export a folder of its own (e.g. cluster-export)`
      );
    }
    const journal = path2.join(this.staging, JOURNAL);
    if (fs.existsSync(journal)) this.apply(JSON.parse(fs.readFileSync(journal, "utf8")));
    fs.rmSync(this.staging, { recursive: true, force: true });
    fs.mkdirSync(this.staging, { recursive: true });
    this.madeDirs.add(this.staging);
    this.fresh = !fs.existsSync(this.root);
    this.unseen = /* @__PURE__ */ new Set();
    this.previousObjects = walk(this.root, "", this.unseen);
  }
  /**
   * Stages one file of the new tree when it differs from the previous one,
   * and says how it compares. Synchronous on purpose: small files, and
   * libuv's four-thread pool only adds queueing to what the disk does anyway.
   */
  write(rel, text) {
    let status = "added";
    if (this.unseen.delete(rel)) {
      let before;
      try {
        before = fs.readFileSync(path2.join(this.root, toNative(rel)), "utf8");
      } catch {
        before = void 0;
      }
      if (before === text) return "unchanged";
      status = "changed";
    }
    const target = path2.join(this.staging, toNative(rel));
    this.ensureDir(path2.dirname(target));
    fs.writeFileSync(target, text);
    if (!this.fresh) this.staged.push(rel);
    return status;
  }
  /** Writes the journal: from here on the new tree is committed (pure file I/O; unit-tested). */
  seal(removals) {
    const journal = { moves: [...this.staged], removals };
    if (!this.fresh) {
      const file = path2.join(this.staging, JOURNAL);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(journal));
      fs.renameSync(`${file}.tmp`, file);
    }
    return journal;
  }
  /** Commits the staged files and removals into the tree. */
  commit(removals) {
    const journal = this.seal(removals);
    if (this.fresh) {
      fs.renameSync(this.staging, this.root);
      return;
    }
    this.apply(journal);
    fs.rmSync(this.staging, { recursive: true, force: true });
  }
  /** Drops the staging folder; the previous tree stays as it was. */
  abort() {
    fs.rmSync(this.staging, { recursive: true, force: true });
  }
  /** Applies a journal; every step can run again after an interruption. */
  apply(journal) {
    for (const rel of journal.moves) {
      const from = path2.join(this.staging, toNative(rel));
      const to = path2.join(this.root, toNative(rel));
      if (!fs.existsSync(from)) continue;
      fs.mkdirSync(path2.dirname(to), { recursive: true });
      fs.renameSync(from, to);
    }
    for (const rel of journal.removals) {
      fs.rmSync(path2.join(this.root, toNative(rel)), { force: true });
      for (let dir = path2.dirname(path2.join(this.root, toNative(rel))); dir.startsWith(this.root + path2.sep); dir = path2.dirname(dir)) {
        try {
          fs.rmdirSync(dir);
        } catch {
          break;
        }
      }
    }
  }
  ensureDir(dir) {
    if (this.madeDirs.has(dir)) return;
    fs.mkdirSync(dir, { recursive: true });
    for (let d = dir; d.startsWith(this.staging) && !this.madeDirs.has(d); d = path2.dirname(d))
      this.madeDirs.add(d);
  }
};
function isExportFile(rel) {
  return rel === INDEX_FILE || rel.startsWith(`${CLUSTER_DIR}/`) || rel.startsWith(`${NAMESPACES_DIR}/`);
}
function walk(root, rel, into) {
  let objects = 0;
  let entries;
  try {
    entries = fs.readdirSync(path2.join(root, toNative(rel)), { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const child = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) objects += walk(root, child, into);
    else if (e.isFile()) {
      into.add(child);
      if (kindOfFile(child) !== void 0) objects++;
    }
  }
  return objects;
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
  const discovery = await logger.group("Discovering kinds", async () => {
    const d = await discover(client);
    logger.info(`${d.mode} discovery: ${d.resources.length} listable kinds`);
    for (const f of d.failed) logger.warning(`API ${f.groupVersion} skipped: ${f.reason}`);
    return d;
  });
  for (const entry of config.includeKinds) {
    if (!discovery.resources.some((rt) => kindMatches(entry, rt)))
      logger.warning(`include-kinds: the cluster serves no kind named ${JSON.stringify(entry)}`);
  }
  const kinds = discovery.resources.map((rt) => {
    const verdict = selectKind(rt, config);
    return verdict.export ? { rt, status: "exported", exported: 0, skippedObjects: {} } : { rt, status: "excluded", reason: verdict.reason, exported: 0, skippedObjects: {} };
  });
  const writer = new TreeWriter(config.path);
  writer.begin();
  const changes = new ChangeSet();
  const redactor = newRedactor(config.fingerprintKey);
  try {
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
              (items) => {
                for (const item of items) exportOne(item, kind, config, redactor, writer, changes);
                total += items.length;
                if (total >= nextReport) {
                  logger.info(`${total} objects listed`);
                  nextReport += 5e3;
                }
                return Promise.resolve();
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
    const { removed } = plan(writer.unseen, kinds, discovery.failed, config);
    const limit = "share" in config.deletionLimit ? Math.floor(config.deletionLimit.share * writer.previousObjects) : config.deletionLimit.count;
    if (removed.length > limit) {
      throw new ConfigurationError(
        `refusing to remove ${removed.length} of ${writer.previousObjects} exported files (deletion-limit allows ${limit}); this looks like a wrong cluster or missing permissions. The previous export is left as it was; raise deletion-limit to accept it`
      );
    }
    changes.recordRemoved(removed.sort());
    const index = indexYaml({ discovery, kinds });
    const indexStatus = writer.write(INDEX_FILE, index);
    writer.commit(removed);
    changes.indexChanged = indexStatus !== "unchanged";
    changes.added.sort();
    changes.changed.sort();
    changes.risky.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
    logger.info(
      `export written to ${writer.root}: ${exportedCount({ kinds })} objects; ${changes.count.added} added, ${changes.count.changed} changed, ${changes.count.removed} removed`
    );
    for (const r of changes.risky) logger.warning(`risky change: ${r.file} (${r.change}): ${r.why}`);
    return { discovery, kinds, changes, path: config.path, durationMs: Date.now() - started };
  } catch (err) {
    writer.abort();
    throw err;
  }
}
function skippedText(k) {
  const n = Object.values(k.skippedObjects).reduce((a, b) => a + b, 0);
  return n ? `, ${n} skipped` : "";
}
function exportOne(item, kind, config, redactor, writer, changes) {
  const obj = item;
  const meta = obj.metadata ?? {};
  const name = meta.name ?? "";
  const ns = meta.namespace;
  const nsOfObject = kind.rt.namespaced ? ns : resourceId(kind.rt) === "namespaces" ? name : void 0;
  if (nsOfObject !== void 0 && !selectNamespace(nsOfObject, config)) return;
  const skip = skipReason(obj, kind.rt, config);
  if (skip) {
    kind.skippedObjects[skip] = (kind.skippedObjects[skip] ?? 0) + 1;
    return;
  }
  const clean = cleanObject(obj, kind.rt);
  if (resourceId(kind.rt) === "secrets") redactSecret(clean, redactor);
  else if (resourceId(kind.rt) === "configmaps") redactHelmReleaseConfigMap(clean, redactor);
  if (config.redactPaths.length || config.redactKeyPattern)
    redactExtra(clean, kind.rt, config.redactPaths, config.redactKeyPattern, redactor);
  const rel = objectFile(kind.rt, name, ns);
  kind.exported++;
  const status = writer.write(rel, toYaml(clean));
  changes.record(rel, status, clean);
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
