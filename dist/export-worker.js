import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ChangeSet,
  TreeWriter,
  asObject,
  groupVersion,
  kindMatches,
  objectFile,
  resourceId,
  riskOf,
  selectNamespace,
  str,
  toYaml
} from "./chunks/chunk-7HQAFUBS.js";
import "./chunks/chunk-YBANDQLS.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/export/export-worker.ts
import { isAscii } from "node:buffer";
import { parentPort } from "node:worker_threads";

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
      const ports = Array.isArray(spec.ports) ? spec.ports : [];
      if (ports.some((p) => asObject(p)?.nodePort !== void 0) && !userSet("nodePort")) {
        for (const p of ports) delete asObject(p)?.nodePort;
      }
      if (spec.healthCheckNodePort !== void 0 && !userSet("healthCheckNodePort"))
        delete spec.healthCheckNodePort;
    } else if (id === "persistentvolumeclaims") {
      if (spec.volumeName !== void 0 && !userSet("volumeName")) delete spec.volumeName;
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
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (const c of list) {
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

// src/export/redact.ts
import { createHmac } from "node:crypto";
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

// src/export/object-file.ts
function objectToFile(item, rt, config, redactor) {
  const meta = item.metadata ?? {};
  const name = meta.name ?? "";
  const ns = meta.namespace;
  const id = resourceId(rt);
  const nsOfObject = rt.namespaced ? ns : id === "namespaces" ? name : void 0;
  if (nsOfObject !== void 0 && !selectNamespace(nsOfObject, config)) return void 0;
  const skip = skipReason(item, rt, config);
  if (skip) return { skip };
  const clean = cleanObject(item, rt);
  if (id === "secrets") redactSecret(clean, redactor);
  else if (id === "configmaps") redactHelmReleaseConfigMap(clean, redactor);
  if (config.redactPaths.length || config.redactKeyPattern)
    redactExtra(clean, rt, config.redactPaths, config.redactKeyPattern, redactor);
  return { rel: objectFile(rt, name, ns), text: toYaml(clean, kubernetesKeyOrder), risks: riskOf(clean) };
}

// src/export/export-worker.ts
var port = parentPort;
if (!port) throw new Error("export-worker.ts runs as a worker thread of the export");
var state;
function reply(r) {
  port?.postMessage(r);
}
function handle(request) {
  const { id } = request;
  if (request.op === "begin") {
    const writer2 = new TreeWriter(request.config.path);
    writer2.begin();
    state = {
      writer: writer2,
      changes: new ChangeSet(),
      redactor: newRedactor(request.config.fingerprintKey),
      config: request.config
    };
    return reply({ id, ok: true, previousObjects: writer2.previousObjects });
  }
  if (!state) throw new Error(`the export's worker got '${request.op}' before 'begin'`);
  const { writer, changes, redactor, config } = state;
  switch (request.op) {
    case "page": {
      const { rt } = request;
      const bytes = Buffer.from(request.body);
      const page = JSON.parse(bytes.toString(isAscii(bytes) ? "latin1" : "utf8"));
      reply({ id, ok: true, phase: "parsed", continue: page.metadata?.continue || void 0 });
      const items = page.items ?? [];
      const result = { listed: items.length, exported: 0, skipped: {} };
      const apiVersion = groupVersion(rt);
      for (let item = items.shift(); item; item = items.shift()) {
        item.apiVersion = apiVersion;
        item.kind = rt.kind;
        const file = objectToFile(item, rt, config, redactor);
        if (!file) continue;
        if ("skip" in file) {
          result.skipped[file.skip] = (result.skipped[file.skip] ?? 0) + 1;
          continue;
        }
        result.exported++;
        changes.record(file.rel, writer.write(file.rel, file.text), file.risks);
      }
      return reply({ id, ok: true, phase: "done", result });
    }
    case "file":
      return reply({ id, ok: true, status: writer.write(request.rel, request.text) });
    case "finish":
      return reply({ id, ok: true, unseen: [...writer.unseen], changes });
    case "commit":
      writer.commit(request.removals);
      return reply({ id, ok: true });
    case "abort":
      writer.abort();
      return reply({ id, ok: true });
  }
}
port.on("message", (request) => {
  try {
    handle(request);
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    reply({ id: request.id, ok: false, name: e.name, message: e.message });
  }
});
