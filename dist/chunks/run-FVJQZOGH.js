import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  eachLimited
} from "./chunk-PCGCJCUD.js";
import {
  writeFileAtomic
} from "./chunk-STJCSPFM.js";
import {
  matchesLabels,
  parseLabelSelector
} from "./chunk-FK3ILC2B.js";
import {
  collectionPath,
  listPaged
} from "./chunk-BIRKUZAT.js";
import {
  discover
} from "./chunk-AE7RVF3Q.js";
import {
  credentialsRefused
} from "./chunk-MEXL324I.js";
import {
  withCluster
} from "./chunk-AQEUWNRQ.js";
import "./chunk-OB3FCZHL.js";
import {
  isApiError,
  readText,
  toApiError
} from "./chunk-GSHV4ADS.js";
import {
  childEnv
} from "./chunk-EUSUB6M6.js";
import {
  require_dist
} from "./chunk-XIQOQISJ.js";
import {
  sleep
} from "./chunk-UU4DZNBE.js";
import "./chunk-PU6KKUXJ.js";
import "./chunk-A2QQ3WGS.js";
import "./chunk-IZKOCMEM.js";
import {
  REDACTED,
  skipReason
} from "./chunk-X67MU2B3.js";
import {
  asArray,
  asObject,
  linkOnTheWay,
  linkRefused,
  parseJson,
  selectKind,
  selectNamespace,
  str
} from "./chunk-4CTNR5KV.js";
import "./chunk-EQFEXDCI.js";
import {
  CLUSTER_DIR,
  INDEX_FILE,
  NAMESPACES_DIR,
  groupDir,
  kindOfFile,
  unescapeName
} from "./chunk-YRWW7SUK.js";
import "./chunk-KNDO3OP3.js";
import {
  newReport
} from "./chunk-VVDQKYP6.js";
import {
  CapabilityFailure
} from "./chunk-HRVOOZEE.js";
import "./chunk-UMKYBFFO.js";
import "./chunk-SYXBBJIO.js";
import "./chunk-KIVRFQJF.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/capabilities/apply/run.ts
import os2 from "node:os";
import path4 from "node:path";

// src/restore/diff.ts
var BOOKKEEPING = [
  "managedFields",
  "resourceVersion",
  "generation",
  "uid",
  "creationTimestamp",
  "selfLink"
];
function comparable(obj) {
  const out = { ...obj };
  delete out.apiVersion;
  delete out.kind;
  delete out.status;
  const meta = obj.metadata && typeof obj.metadata === "object" && !Array.isArray(obj.metadata) ? { ...obj.metadata } : {};
  for (const k of BOOKKEEPING) delete meta[k];
  out.metadata = meta;
  return out;
}
function diffObjects(live, next, secret) {
  const out = [];
  walk(comparable(live), comparable(next), [], out, secret);
  return out;
}
function walk(a, b, path5, out, secret) {
  if (same(a, b)) return;
  if (isObj(a) && isObj(b)) {
    for (const k of /* @__PURE__ */ new Set([...Object.keys(a), ...Object.keys(b)]))
      walk(a[k], b[k], [...path5, k], out, secret);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    a.forEach((v, i) => walk(v, b[i], [...path5, String(i)], out, secret));
    return;
  }
  const change = { path: renderPath(path5) };
  if (a !== void 0) change.from = secret ? HIDDEN : short(a);
  if (b !== void 0) change.to = secret ? HIDDEN : short(b);
  out.push(change);
}
var HIDDEN = "(hidden)";
function hideRefusedValues(message) {
  return message.replace(
    /\b((?:Invalid|Unsupported|Duplicate|Forbidden) value): (?:"(?:[^"\\]|\\.)*"|[^:,;]+)/g,
    `$1: ${HIDDEN}`
  );
}
var isObj = (v) => !!v && typeof v === "object" && !Array.isArray(v) && !("rawJSON" in v);
function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}
function short(v) {
  const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
function renderPath(path5) {
  return path5.map(
    (p, i) => /^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_][A-Za-z0-9_-]*$/.test(p) ? i ? `.${p}` : p : `[${JSON.stringify(p)}]`
  ).join("");
}

// src/restore/kinds.ts
async function resolveKinds(client, tree) {
  const discovery = await discover(client);
  const served = new Map(discovery.resources.map((rt) => [`${groupDir(rt.group)}/${rt.kind}`, rt]));
  const fromTree = /* @__PURE__ */ new Map();
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
      verbs: ["get", "list", "create", "update", "patch", "delete"]
    });
  }
  return { discovery, served, fromTree };
}
function objectPath(t, rt) {
  const base = t.apiVersion.includes("/") ? `/apis/${t.apiVersion}` : `/api/${t.apiVersion}`;
  const ns = rt.namespaced && t.namespace !== void 0 ? `/namespaces/${encodeURIComponent(t.namespace)}` : "";
  return `${base}${ns}/${rt.resource}/${encodeURIComponent(t.name)}`;
}

// src/restore/order.ts
var PHASES = ["namespaces", "crds", "cluster", "service-accounts", "namespaced", "last"];
var LAST = /* @__PURE__ */ new Set([
  "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
  "admissionregistration.k8s.io/MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicy",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
  "admissionregistration.k8s.io/MutatingAdmissionPolicy",
  "admissionregistration.k8s.io/MutatingAdmissionPolicyBinding",
  "apiregistration.k8s.io/APIService"
]);
function phaseOf(t) {
  if (t.kindKey === "core/Namespace") return "namespaces";
  if (t.kindKey === "apiextensions.k8s.io/CustomResourceDefinition") return "crds";
  if (LAST.has(t.kindKey)) return "last";
  if (t.namespace === void 0) return "cluster";
  if (t.kindKey === "core/ServiceAccount") return "service-accounts";
  return "namespaced";
}

// src/restore/unchanged.ts
var isObj2 = (v) => !!v && typeof v === "object" && !Array.isArray(v) && !("rawJSON" in v);
function holdsTree(live, tree) {
  return Object.entries(tree).every(([k, v]) => k === "apiVersion" || k === "kind" || contains(live[k], v));
}
function contains(live, tree) {
  if (isObj2(tree)) {
    if (!isObj2(live)) return false;
    return Object.entries(tree).every(([k, v]) => contains(live[k], v));
  }
  if (Array.isArray(tree)) {
    if (!Array.isArray(live) || live.length !== tree.length) return false;
    return tree.every((v, i) => contains(live[i], v));
  }
  return JSON.stringify(live) === JSON.stringify(tree);
}
function appliedFieldsInTree(live, tree, manager) {
  const meta = isObj2(live.metadata) ? live.metadata : {};
  const entries = Array.isArray(meta.managedFields) ? meta.managedFields : [];
  return entries.filter((e) => e.manager === manager && e.operation === "Apply" && !e.subresource).every((e) => e.fieldsV1 ? fieldsIn(e.fieldsV1, tree) : true);
}
function fieldsIn(set, node) {
  for (const [key, sub] of Object.entries(set)) {
    if (key === ".") continue;
    let child;
    if (key.startsWith("f:")) {
      if (!isObj2(node)) return false;
      child = node[key.slice(2)];
      if (child === void 0) return false;
    } else if (key.startsWith("k:")) {
      if (!Array.isArray(node)) return false;
      let want;
      try {
        want = JSON.parse(key.slice(2));
      } catch {
        return false;
      }
      child = node.find((item) => isObj2(item) && Object.entries(want).every(([k, v]) => item[k] === v));
      if (child === void 0) return false;
    } else if (key.startsWith("v:")) {
      if (!Array.isArray(node)) return false;
      const want = key.slice(2);
      if (!node.some((item) => JSON.stringify(item) === want)) return false;
      continue;
    } else {
      return false;
    }
    if (isObj2(sub) && Object.keys(sub).length && !fieldsIn(sub, child)) return false;
  }
  return true;
}

// src/restore/secrets-source.ts
import fs from "node:fs";
import path from "node:path";
var MARKER = /^REDACTED(?:[/-]hmacSHA256[/-][A-Za-z0-9+/]{24})?$/;
var FLAG_MARKER = /^--?[A-Za-z0-9][A-Za-z0-9._-]*=REDACTED(?:\/hmacSHA256\/[A-Za-z0-9+/]{24})?$/;
function isMarker(v) {
  return v === REDACTED || MARKER.test(v);
}
function redactedKeys(obj) {
  const out = [];
  for (const field of ["data", "stringData"]) {
    const data = obj[field];
    if (!data || typeof data !== "object" || Array.isArray(data)) continue;
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== "string") continue;
      if (isMarker(v)) out.push(k);
      else if (field === "data" && Buffer.from(v, "base64").toString("utf8").includes(`"${REDACTED}`))
        out.push(k);
      else if (field === "stringData" && v.includes(`"${REDACTED}`)) out.push(k);
    }
  }
  return out;
}
function markedPaths(node, path5 = "") {
  if (typeof node === "string") return isMarker(node) || FLAG_MARKER.test(node) ? [path5 || "."] : [];
  if (Array.isArray(node)) return node.flatMap((v, i) => markedPaths(v, `${path5}[${i}]`));
  if (node && typeof node === "object" && !("rawJSON" in node))
    return Object.entries(node).flatMap(([k, v]) => markedPaths(v, path5 ? `${path5}.${k}` : k));
  return [];
}
function secretValues(mapping, dir, logger) {
  for (const keys of mapping.values()) for (const v of keys.values()) logger.setSecret(v);
  return {
    get(namespace, name, key) {
      const v = mapping.get(`${namespace}/${name}`)?.get(key);
      if (v !== void 0) return Buffer.from(v);
      if (dir === void 0 || [namespace, name, key].some((p) => p.includes("/") || p === ".." || p === "."))
        return void 0;
      try {
        const bytes = fs.readFileSync(path.join(dir, namespace, name, key));
        logger.setSecret(bytes.toString("utf8"));
        logger.setSecret(bytes.toString("base64"));
        return bytes;
      } catch {
        return void 0;
      }
    }
  };
}
function fillSecret(t, values) {
  const keys = redactedKeys(t.object);
  if (keys.length === 0) return { ok: true };
  const ns = t.namespace ?? "";
  const found = keys.map((k) => [k, values.get(ns, t.name, k)]);
  const missing = found.filter(([, v]) => v === void 0).map(([k]) => k);
  if (missing.length) return { ok: false, missing };
  for (const [k, v] of found) {
    const stringData = t.object.stringData;
    if (stringData && typeof stringData === "object" && !Array.isArray(stringData) && k in stringData) {
      delete stringData[k];
      if (Object.keys(stringData).length === 0) delete t.object.stringData;
    }
    const data = t.object.data && typeof t.object.data === "object" && !Array.isArray(t.object.data) ? t.object.data : {};
    data[k] = v.toString("base64");
    t.object.data = data;
  }
  return { ok: true };
}

// src/restore/plan.ts
var objectKey = (kindKey, namespace, name) => `${kindKey}/${namespace ?? ""}/${name}`;
function selectionConfig(s) {
  return { ...s };
}
function selected(t, rt, s) {
  if (!selectKind(rt, selectionConfig(s)).export) return false;
  const ns = t.kindKey === "core/Namespace" ? t.name : t.namespace;
  if (ns !== void 0 && !selectNamespace(ns, s)) return false;
  const selector = parseLabelSelector("label-selector", s.labelSelector);
  const labels = asObject(asObject(t.object.metadata)?.labels);
  return matchesLabels(selector, labels);
}
async function makePlan(tree, ctx) {
  const { kinds, logger } = ctx;
  const items = [];
  let unselected = 0;
  for (const t of tree) {
    const rt = kinds.served.get(t.kindKey) ?? kinds.fromTree.get(t.kindKey);
    const phase = phaseOf(t);
    if (!rt) {
      items.push({
        t,
        phase,
        action: "error",
        reason: `the cluster serves no kind ${t.kindKey} and the tree has no CRD for it`
      });
      continue;
    }
    if (!selected(t, rt, ctx.selection)) {
      unselected++;
      continue;
    }
    const item = { t, phase, rt, action: "create" };
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
  const live = /* @__PURE__ */ new Map();
  const kindsToList = /* @__PURE__ */ new Map();
  for (const i of items) if (i.rt && kinds.served.has(i.t.kindKey)) kindsToList.set(i.t.kindKey, i.rt);
  kindsToList.set("core/Namespace", kinds.served.get("core/Namespace"));
  await eachLimited([...kindsToList], 4, async ([key, rt]) => {
    for (const o of await listAll(ctx.client, rt, ctx.selection.includeNamespaces)) {
      const meta = asObject(o.metadata);
      live.set(objectKey(key, meta?.namespace, str(meta?.name)), o);
    }
  });
  const namespaces = new Set(
    [...live.keys()].filter((k) => k.startsWith("core/Namespace/")).map((k) => k.slice("core/Namespace//".length))
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
    if (rt.namespaced && t.namespace !== void 0 && !namespaces.has(t.namespace)) {
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
      if (isApiError(err, 409) && !ctx.force && current) {
        const forced = await dryRun({ ...ctx, force: true }, t, rt).catch(() => void 0);
        if (forced) item.changes = diffObjects(current, forced, t.kindKey === "core/Secret");
      }
    }
    if (++done % 2e3 === 0) logger.info(`${done} objects planned`);
  });
  return { items, unselected, prune: [] };
}
async function dryRun(ctx, t, rt) {
  const path5 = objectPath(t, rt);
  const res = await ctx.client.open("PATCH", path5, {
    body: t.object,
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: ctx.fieldManager, force: ctx.force, dryRun: "All" }
  });
  const text = await readText(res);
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) throw toApiError(status, text, "PATCH", path5);
  return parseJson(text);
}
function refusal(err, secret) {
  const r = refusalOf(err);
  return secret && r.reason !== void 0 ? { ...r, reason: hideRefusedValues(r.reason) } : r;
}
function refusalOf(err) {
  if (!isApiError(err)) return { action: "error", reason: errorMessage(err) };
  const e = err;
  if (e.code === 409) return { action: "conflict", reason: `field manager conflict: ${e.serverMessage}` };
  if (e.code === 422 && /immutable/i.test(e.serverMessage))
    return { action: "conflict", reason: `immutable field: ${e.serverMessage}` };
  if (e.code === 403 || e.code === 422 || e.code === 400)
    return { action: "conflict", reason: `refused (${e.code} ${e.reason}): ${e.serverMessage}` };
  return { action: "error", reason: `${e.code} ${e.reason}: ${e.serverMessage}` };
}
async function listAll(client, rt, namespaces) {
  const out = [];
  await listPaged(client, rt, { pageSize: 500, namespaces }, (body) => {
    const page = parseJson(body.toString("utf8"));
    out.push(...page.items ?? []);
    return Promise.resolve(page.metadata?.continue || void 0);
  });
  return out;
}

// src/restore/execute.ts
function retryable(err) {
  if (!isApiError(err)) return !(err instanceof TypeError);
  if (err.code === 404 || err.code === 429 || err.code >= 500) return true;
  return err.code === 403 && /service ?account|not found|being terminated/i.test(err.serverMessage);
}
async function executePlan(plan, ctx) {
  const { logger } = ctx;
  let kinds = ctx.kinds;
  const todo = plan.items.filter(
    (i) => i.action === "create" || i.action === "update" || i.action === "error" && i.rt === void 0
  );
  const out = { applied: [], failed: [], pruned: [], pruneFailed: [] };
  let pending = [];
  const applyOne = async (item) => {
    const rt = kinds.served.get(item.t.kindKey) ?? kinds.fromTree.get(item.t.kindKey);
    if (!rt) {
      pending.push({ item, err: new Error(`the cluster serves no kind ${item.t.kindKey}`) });
      return;
    }
    try {
      await ctx.client.request("PATCH", objectPath(item.t, rt), {
        body: item.t.object,
        contentType: "application/apply-patch+yaml",
        query: { fieldManager: ctx.fieldManager, force: ctx.force },
        ...ctx.signal ? { signal: ctx.signal } : {}
      });
      out.applied.push(item);
    } catch (err) {
      const refused = credentialsRefused(
        err,
        `applying ${item.t.file}`,
        `${out.applied.length} objects were applied before it, the rest not`
      );
      if (refused) throw refused;
      if (retryable(err)) pending.push({ item, err });
      else
        out.failed.push({
          item,
          reason: refusal(err, item.t.kindKey === "core/Secret").reason ?? errorMessage(err)
        });
    }
  };
  let queue = todo;
  for (let round = 1; queue.length > 0; round++) {
    if (round > 1) {
      logger.info(`round ${round}: ${queue.length} objects whose dependencies may have appeared since`);
      await sleep(Math.min(1e3 * round, 5e3), ctx.signal);
      kinds = await resolveKinds(
        ctx.client,
        plan.items.map((i) => i.t)
      );
    }
    pending = [];
    for (const phase of PHASES) {
      const batch = queue.filter((i) => i.phase === phase);
      if (!batch.length) continue;
      await logger.group(
        `Applying ${phase} (${batch.length})`,
        () => eachLimited(batch, ctx.parallelism, applyOne)
      );
      if (phase === "crds") {
        await waitEstablished(
          ctx,
          batch.map((i) => i.t.name)
        );
        kinds = await resolveKinds(
          ctx.client,
          plan.items.map((i) => i.t)
        );
      }
    }
    if (round >= ctx.rounds) {
      for (const p of pending)
        out.failed.push({
          item: p.item,
          reason: `after ${round} rounds: ${p.item.t.kindKey === "core/Secret" ? hideRefusedValues(errorMessage(p.err)) : errorMessage(p.err)}`
        });
      break;
    }
    queue = pending.map((p) => p.item);
  }
  await keepTokenSecrets(ctx, kinds, out);
  return out;
}
async function waitEstablished(ctx, names) {
  const deadline = Date.now() + ctx.crdTimeoutMs;
  let waiting = names;
  while (waiting.length) {
    const still = [];
    for (const name of waiting) {
      const crd = await ctx.client.get(
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`
      ).catch(() => void 0);
      const ok = asArray(asObject(crd?.status)?.conditions).some(
        (c) => asObject(c)?.type === "Established" && asObject(c)?.status === "True"
      );
      if (!ok) still.push(name);
    }
    waiting = still;
    if (!waiting.length) return;
    if (Date.now() > deadline) {
      ctx.logger.warning(
        `CRDs not Established after ${ctx.crdTimeoutMs / 1e3}s: ${waiting.join(", ")}; their objects are retried`
      );
      return;
    }
    await sleep(250, ctx.signal);
  }
}
async function keepTokenSecrets(ctx, kinds, out) {
  const rt = kinds.served.get("core/Secret");
  let tokens = out.applied.filter(
    (i) => i.t.kindKey === "core/Secret" && i.t.object.type === "kubernetes.io/service-account-token"
  );
  if (!rt || !tokens.length) return;
  const deadline = Date.now() + Math.max(3e4, ctx.rounds * 5e3);
  while (tokens.length && Date.now() < deadline) {
    const left = [];
    for (const item of tokens) {
      const path5 = objectPath(item.t, rt);
      const live = await ctx.client.get(path5).catch((err) => {
        if (isApiError(err, 404)) return void 0;
        throw err;
      });
      if (live && asObject(live.data)?.token) continue;
      if (!live) {
        ctx.logger.info(
          `${item.t.namespace}/${item.t.name}: the token controller removed it; applying again`
        );
        await ctx.client.apply(path5, item.t.object, ctx.fieldManager, ctx.force).catch(() => void 0);
      }
      left.push(item);
    }
    tokens = left;
    if (tokens.length) await sleep(1e3, ctx.signal);
  }
  for (const item of tokens) {
    out.applied.splice(out.applied.indexOf(item), 1);
    out.failed.push({
      item,
      reason: "the token controller never filled it in (is its ServiceAccount there?)"
    });
  }
}
async function executePrune(candidates, ctx, out) {
  await eachLimited(candidates, ctx.parallelism, async (c) => {
    const path5 = `${collectionPath(c.rt, c.namespace)}/${encodeURIComponent(c.name)}`;
    try {
      await ctx.client.delete(path5, {
        kind: "DeleteOptions",
        apiVersion: "v1",
        propagationPolicy: "Background"
      });
      out.pruned.push(c);
    } catch (err) {
      const refused = credentialsRefused(
        err,
        `pruning ${c.rt.kind} ${c.namespace ? `${c.namespace}/` : ""}${c.name}`,
        `${out.pruned.length} objects were pruned before it, the rest not`
      );
      if (refused) throw refused;
      if (isApiError(err, 404)) out.pruned.push(c);
      else out.pruneFailed.push({ c, reason: errorMessage(err) });
    }
  });
  if (out.pruneFailed.length) ctx.logger.warning(`${out.pruneFailed.length} objects could not be pruned`);
}

// src/restore/prune.ts
var BUILT_IN_NAMESPACES = /* @__PURE__ */ new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);
async function pruneCandidates(client, kinds, tree, selection, logger) {
  const inTree = new Set(tree.map((t) => objectKey(t.kindKey, t.namespace, t.name)));
  const selector = parseLabelSelector("label-selector", selection.labelSelector);
  const todo = kinds.discovery.resources.filter(
    (rt) => rt.verbs.includes("list") && rt.verbs.includes("delete") && selectKind(rt, selectionConfig(selection)).export
  );
  const out = [];
  await eachLimited(todo, 4, async (rt) => {
    let items;
    try {
      items = await listAll(client, rt, selection.includeNamespaces);
    } catch (err) {
      const refused = credentialsRefused(err, `listing ${rt.kind} to prune`, "nothing was pruned");
      if (refused) throw refused;
      logger.warning(`prune: ${rt.kind} not listed, so not pruned: ${String(err)}`);
      return;
    }
    const key = `${groupDir(rt.group)}/${rt.kind}`;
    for (const o of items) {
      const meta = asObject(o.metadata);
      const name = str(meta?.name);
      const ns = typeof meta?.namespace === "string" ? meta.namespace : void 0;
      if (inTree.has(objectKey(key, ns, name))) continue;
      if (skipReason(o, rt, {
        includeOwned: selection.includeOwned,
        includeSystem: selection.includeSystem
      }) !== void 0)
        continue;
      if (meta?.deletionTimestamp !== void 0) continue;
      const scope = key === "core/Namespace" ? name : ns;
      if (scope !== void 0 && !selectNamespace(scope, selection)) continue;
      if (key === "core/Namespace" && BUILT_IN_NAMESPACES.has(name)) continue;
      if (!matchesLabels(selector, asObject(meta?.labels))) continue;
      out.push({ rt, name, ...ns !== void 0 ? { namespace: ns } : {} });
    }
  });
  const rank = (c) => c.rt.kind === "Namespace" ? 2 : c.rt.namespaced ? 0 : 1;
  return out.sort(
    (a, b) => rank(a) - rank(b) || `${a.rt.kind}/${a.namespace}/${a.name}`.localeCompare(`${b.rt.kind}/${b.namespace}/${b.name}`)
  );
}

// src/restore/read-tree.ts
var import_yaml = __toESM(require_dist(), 1);
import { execFileSync, spawnSync } from "node:child_process";
import fs2 from "node:fs";
import os from "node:os";
import path2 from "node:path";
var rawJson = JSON;
var JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
function readTree(dir, ref, repository = ".") {
  if (ref === void 0) {
    const link = linkOnTheWay(dir);
    if (link) throw new ConfigurationError(linkRefused("path", link, "an export tree"));
    return readFolder(dir, dir);
  }
  const tmp = fs2.mkdtempSync(path2.join(os.tmpdir(), "kubekeep-apply-tree-"));
  try {
    extractRef(repository, ref, dir, tmp);
    const tree = readFolder(path2.join(tmp, dir), `${dir} at ${ref}`);
    return tree;
  } finally {
    fs2.rmSync(tmp, { recursive: true, force: true });
  }
}
function extractRef(repository, ref, dir, into) {
  const gitEnv = childEnv({ tool: ["GIT_*", "XDG_CONFIG_HOME"] });
  if (!fs2.existsSync(repository))
    throw new ConfigurationError(
      `input 'repository': got ${JSON.stringify(repository)}, which does not exist; expected a git repository`
    );
  let top;
  try {
    top = execFileSync("git", ["-C", repository, "rev-parse", "--show-toplevel"], {
      env: gitEnv,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 3e4
    }).trim();
  } catch {
    throw new ConfigurationError(`input 'repository': ${JSON.stringify(repository)} is not a git repository`);
  }
  const verify = spawnSync("git", ["-C", top, "rev-parse", "--verify", "--quiet", `${ref}^{commit}`], {
    env: gitEnv,
    encoding: "utf8",
    timeout: 3e4
  });
  if (verify.status !== 0)
    throw new ConfigurationError(
      `input 'git-ref': got ${JSON.stringify(ref)}, which is not a commit of ${top}; expected a commit, branch or tag (fetch enough history, e.g. fetch-depth: 0)`
    );
  const rel = path2.relative(top, path2.resolve(repository, dir)).split(path2.sep).join("/");
  const archive = spawnSync(
    "git",
    ["-C", top, "archive", "--format=tar", verify.stdout.trim(), "--", rel || "."],
    {
      env: gitEnv,
      maxBuffer: 4 * 1024 * 1024 * 1024,
      timeout: 3e5
    }
  );
  if (archive.status !== 0)
    throw new ConfigurationError(
      `input 'path': ${JSON.stringify(dir)} is not in ${ref} of ${top} (${archive.stderr.toString().trim()})`
    );
  const tar = spawnSync("tar", ["-x", "-C", into], {
    env: childEnv({ tool: [] }),
    input: archive.stdout,
    timeout: 3e5
  });
  if (tar.status !== 0)
    throw new ConfigurationError(`could not unpack ${dir} at ${ref}: ${tar.stderr.toString().trim()}`);
  if (rel !== dir) {
    const want = path2.join(into, dir);
    if (!fs2.existsSync(want)) {
      fs2.mkdirSync(path2.dirname(want), { recursive: true });
      fs2.renameSync(path2.join(into, rel || "."), want);
    }
  }
}
function readFolder(dir, source) {
  let stat;
  try {
    stat = fs2.statSync(dir);
  } catch {
    throw new ConfigurationError(
      `input 'path': got ${JSON.stringify(source)}, which does not exist; expected an export tree (the folder export writes)`
    );
  }
  if (!stat.isDirectory())
    throw new ConfigurationError(
      `input 'path': got ${JSON.stringify(source)}, which is a file; expected an export tree (the folder export writes)`
    );
  const hasTree = [INDEX_FILE, CLUSTER_DIR, NAMESPACES_DIR].some((f) => fs2.existsSync(path2.join(dir, f)));
  if (!hasTree)
    throw new ConfigurationError(
      `input 'path': ${JSON.stringify(source)} is not an export tree (no ${INDEX_FILE}, ${CLUSTER_DIR}/ or ${NAMESPACES_DIR}/); expected the folder export writes`
    );
  const objects = [];
  for (const top of [CLUSTER_DIR, NAMESPACES_DIR]) {
    const root = path2.join(dir, top);
    const st = fs2.lstatSync(root, { throwIfNoEntry: false });
    if (!st) continue;
    if (st.isSymbolicLink()) throw new ConfigurationError(linkRefused("path", root, "an export tree"));
    for (const entry of fs2.readdirSync(root, { recursive: true, withFileTypes: true })) {
      const abs = path2.join(entry.parentPath, entry.name);
      if (entry.isSymbolicLink()) throw new ConfigurationError(linkRefused("path", abs, "an export tree"));
      const rel = path2.relative(root, abs);
      const file = `${top}/${rel.split(path2.sep).join("/")}`;
      if (!entry.isFile() || !file.endsWith(".yaml") || kindOfFile(file) === void 0) continue;
      objects.push(readObjectFile(abs, file));
    }
  }
  objects.sort((a, b) => a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  return { source, objects };
}
function readObjectFile(abs, file) {
  const text = fs2.readFileSync(abs, "utf8");
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const err = doc.errors[0];
  if (err) {
    const at = lines.linePos(err.pos[0]);
    throw new ConfigurationError(
      `${file}:${at.line}: not valid YAML (${err.message.split("\n")[0]}); fix or remove the file`
    );
  }
  let object;
  try {
    object = toJson(doc.contents, text);
  } catch (e) {
    throw new ConfigurationError(`${file}: ${errorMessage(e)}`);
  }
  const o = object && typeof object === "object" && !Array.isArray(object) ? object : void 0;
  const meta = o?.metadata && typeof o.metadata === "object" && !Array.isArray(o.metadata) ? o.metadata : void 0;
  if (!o || typeof o.apiVersion !== "string" || typeof o.kind !== "string" || typeof meta?.name !== "string")
    throw new ConfigurationError(
      `${file}:1: not a Kubernetes object (apiVersion, kind and metadata.name are required)`
    );
  const kindKey = kindOfFile(file);
  const parts = file.split("/");
  const namespace = parts[0] === NAMESPACES_DIR ? unescapeName(parts[1] ?? "") : void 0;
  if (namespace !== void 0 && meta.namespace !== namespace)
    throw new ConfigurationError(
      `${file}: metadata.namespace is ${JSON.stringify(meta.namespace)}, but the file is in namespace ${namespace}'s folder`
    );
  return {
    file,
    object: o,
    apiVersion: o.apiVersion,
    kind: o.kind,
    kindKey,
    name: meta.name,
    ...namespace !== void 0 ? { namespace } : {}
  };
}
function toJson(node, text) {
  if (node === null) return null;
  if ((0, import_yaml.isMap)(node)) {
    const out = {};
    for (const pair of node.items) {
      const key = (0, import_yaml.isScalar)(pair.key) ? String(pair.key.value) : String(pair.key);
      Object.defineProperty(out, key, {
        value: toJson(pair.value, text),
        enumerable: true,
        writable: true,
        configurable: true
      });
    }
    return out;
  }
  if ((0, import_yaml.isSeq)(node)) return node.items.map((n) => toJson(n, text));
  if ((0, import_yaml.isScalar)(node)) {
    const v = node.value;
    if (typeof v === "number" || typeof v === "bigint") {
      const src = node.range ? text.slice(node.range[0], node.range[1]) : "";
      if (JSON_NUMBER.test(src) && String(Number(src)) !== src) return rawJson.rawJSON(src);
      return Number(v);
    }
    if (v === null || typeof v === "string" || typeof v === "boolean") return v;
    return node.source ?? text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0);
  }
  throw new Error(`unsupported YAML node (aliases and tags are not part of an export)`);
}

// src/restore/report.ts
import fs3 from "node:fs";
import path3 from "node:path";
function countPlan(plan) {
  const c = {
    create: 0,
    update: 0,
    unchanged: 0,
    conflict: 0,
    skipped: 0,
    error: 0,
    prune: plan.prune.length
  };
  for (const i of plan.items) c[i.action]++;
  return c;
}
var id = (i) => `${i.t.kindKey.replace(/^core\//, "")} ${i.t.namespace ? `${i.t.namespace}/` : ""}${i.t.name}`;
var pruneId = (c) => `${c.rt.group ? `${c.rt.group}/` : ""}${c.rt.kind} ${c.namespace ? `${c.namespace}/` : ""}${c.name}`;
var MAX_ROWS = 200;
function changeText(i) {
  const fields = (i.changes ?? []).map((c) => `${c.path}: ${c.from ?? "(none)"} \u2192 ${c.to ?? "(none)"}`);
  return [...i.reason ? [i.reason] : [], ...fields].join("; ");
}
function buildReport(source, mode, plan, planFile, pruneAsked, outcome) {
  const c = countPlan(plan);
  const report = newReport(mode === "apply" ? `Apply of ${source}` : `Plan for ${source}`);
  report.facts.push(
    ["Create", String(c.create)],
    ["Update", String(c.update)],
    ["Unchanged", String(c.unchanged)],
    ["Conflicts", String(c.conflict)],
    ["Skipped (redacted values not given)", String(c.skipped)],
    ["Errors", String(c.error)],
    [
      "Prune",
      pruneAsked ? String(c.prune) : "off (prune: true lists and deletes objects absent from the tree)"
    ],
    ["Plan file", planFile]
  );
  if (plan.unselected) report.facts.push(["Left out by the selection", String(plan.unselected)]);
  if (outcome)
    report.facts.push(
      ["Applied", String(outcome.applied.length)],
      ["Never applied", String(outcome.failed.length)],
      ["Pruned", String(outcome.pruned.length)]
    );
  const rows = plan.items.filter((i) => i.action !== "unchanged").map((i) => [i.action, id(i), changeText(i)]);
  for (const p of plan.prune) rows.push(["prune", pruneId(p), "absent from the tree"]);
  if (rows.length)
    report.tables.push({
      caption: "Plan",
      header: ["action", "object", "details"],
      rows: rows.slice(0, MAX_ROWS)
    });
  if (rows.length > MAX_ROWS)
    report.notes.push(`${rows.length - MAX_ROWS} more rows in the plan file ${planFile}`);
  if (outcome?.failed.length)
    report.tables.push({
      caption: "Never applied",
      header: ["object", "why"],
      rows: outcome.failed.slice(0, MAX_ROWS).map((f) => [id(f.item), f.reason])
    });
  if (outcome?.pruneFailed.length)
    report.tables.push({
      caption: "Not pruned",
      header: ["object", "why"],
      rows: outcome.pruneFailed.map((f) => [pruneId(f.c), f.reason])
    });
  if (c.conflict && mode === "apply")
    report.notes.push(
      "Conflicts are not applied: fix them, or set force-conflicts to take fields over from other field managers."
    );
  return report;
}
function writePlanFile(file, plan) {
  const doc = {
    counts: countPlan(plan),
    items: plan.items.filter((i) => i.action !== "unchanged").map((i) => ({
      action: i.action,
      file: i.t.file,
      apiVersion: i.t.apiVersion,
      kind: i.t.kind,
      ...i.t.namespace ? { namespace: i.t.namespace } : {},
      name: i.t.name,
      ...i.reason ? { reason: i.reason } : {},
      ...i.changes ? { changes: i.changes } : {}
    })),
    prune: plan.prune.map((p) => ({
      apiVersion: p.rt.group ? `${p.rt.group}/${p.rt.version}` : p.rt.version,
      kind: p.rt.kind,
      ...p.namespace ? { namespace: p.namespace } : {},
      name: p.name
    }))
  };
  fs3.mkdirSync(path3.dirname(path3.resolve(file)), { recursive: true });
  writeFileAtomic(path3.resolve(file), JSON.stringify(doc, null, 2) + "\n");
}

// src/capabilities/apply/run.ts
async function run(config, { logger, signal }) {
  const tree = readTree(config.path, config.gitRef, config.repository);
  logger.info(`${tree.objects.length} objects in ${tree.source}`);
  const planFile = config.planFile ?? path4.join(process.env.RUNNER_TEMP || os2.tmpdir(), `kubekeep-apply-plan-${process.pid}.json`);
  return withCluster(config.cluster, logger, async (client) => {
    const kinds = await resolveKinds(client, tree.objects);
    const plan = await logger.group("Planning (server-side dry run)", async () => {
      const p = await makePlan(tree.objects, {
        client,
        kinds,
        selection: config.selection,
        secrets: secretValues(config.secretValues, config.secretValuesDir, logger),
        fieldManager: config.fieldManager,
        force: config.forceConflicts,
        parallelism: config.parallelism,
        logger
      });
      if (config.prune)
        p.prune = await pruneCandidates(client, kinds, tree.objects, config.selection, logger);
      return p;
    });
    writePlanFile(planFile, plan);
    const c = countPlan(plan);
    logger.info(
      `plan: ${c.create} to create, ${c.update} to update, ${c.unchanged} unchanged, ${c.conflict} conflicts, ${c.skipped} skipped, ${c.error} errors` + (config.prune ? `, ${c.prune} to prune` : "")
    );
    for (const i of plan.items)
      if (i.action !== "unchanged" && i.action !== "create")
        logger.info(`  ${i.action} ${i.t.file}: ${changeText(i)}`);
    const outputs = {
      create: c.create,
      update: c.update,
      unchanged: c.unchanged,
      conflicts: c.conflict,
      skipped: c.skipped,
      errors: c.error,
      prune: c.prune,
      applied: 0,
      failed: 0,
      "plan-file": planFile
    };
    if (config.mode === "plan")
      return { outputs, report: buildReport(tree.source, "plan", plan, planFile, config.prune) };
    const execCtx = {
      client,
      kinds,
      fieldManager: config.fieldManager,
      force: config.forceConflicts,
      parallelism: config.parallelism,
      rounds: config.rounds,
      crdTimeoutMs: config.crdTimeoutMs,
      logger,
      ...signal ? { signal } : {}
    };
    const outcome = await executePlan(plan, execCtx);
    if (config.prune && plan.prune.length)
      await logger.group(`Pruning (${plan.prune.length})`, () => executePrune(plan.prune, execCtx, outcome));
    outputs.applied = outcome.applied.length;
    outputs.failed = outcome.failed.length;
    const report = buildReport(tree.source, "apply", plan, planFile, config.prune, outcome);
    logger.info(
      `applied ${outcome.applied.length}; ${outcome.failed.length} never applied; ${outcome.pruned.length} pruned`
    );
    for (const f of outcome.failed) logger.warning(`never applied: ${f.item.t.file}: ${f.reason}`);
    const refused = outcome.failed.length + c.conflict + outcome.pruneFailed.length;
    if (refused)
      throw new CapabilityFailure(
        `${refused} objects were not applied or pruned (conflicts: ${c.conflict}, never applied: ${outcome.failed.length}, not pruned: ${outcome.pruneFailed.length}); see the report`,
        { outputs, report }
      );
    return { outputs, report };
  });
}
export {
  run
};
