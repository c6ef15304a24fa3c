import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  asObject,
  isRawNumber,
  kindMatches,
  str
} from "./chunk-4CTNR5KV.js";
import {
  resourceId
} from "./chunk-EQFEXDCI.js";

// src/export/redact-defaults.ts
var SECRET_WORDS = [
  "password",
  "passwords",
  "passwd",
  "passphrase",
  "secret",
  "token",
  "tokens",
  "apikey",
  "apikeys",
  "privatekey",
  "secretkey",
  "credential",
  "credentials",
  "authorization"
];
var SHORT_SECRET_WORDS = /* @__PURE__ */ new Set(["pass", "pwd"]);
var KEY_ADJECTIVES = /* @__PURE__ */ new Set(["api", "private", "secret", "encryption", "signing", "master", "auth"]);
var ABOUT_SUFFIXES = /* @__PURE__ */ new Set([
  "name",
  "names",
  "ref",
  "refs",
  "reference",
  "namespace",
  "path",
  "file",
  "filename",
  "dir",
  "directory",
  "url",
  "uri",
  "endpoint",
  "host",
  "seconds",
  "expiration",
  "expiry",
  "ttl",
  "duration",
  "timeout",
  "lifetime",
  "type",
  "mode",
  "enabled",
  "policy",
  "length",
  "size",
  "id",
  "audience",
  "audiences",
  "store",
  "selector",
  "template",
  "version",
  "format",
  "field",
  "count",
  "key",
  "source",
  "provider",
  "issuer",
  "strategy",
  "rotation"
]);
var NOT_SECRET = /* @__PURE__ */ new Set(["serviceaccounttoken", "automountserviceaccounttoken"]);
var WORD = /[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g;
var known = /* @__PURE__ */ new Map();
var KNOWN_MAX = 2e4;
function isSecretKey(key) {
  let answer = known.get(key);
  if (answer === void 0) {
    answer = classify(key);
    if (known.size >= KNOWN_MAX) known.clear();
    known.set(key, answer);
  }
  return answer;
}
function classify(key) {
  const words = (key.match(WORD) ?? []).map((w) => w.toLowerCase());
  const last = words.length - 1;
  if (last < 0 || words[0] === "existing" || NOT_SECRET.has(words.join(""))) return false;
  const secretAt = (i) => {
    const w = words[i];
    if (SHORT_SECRET_WORDS.has(w)) return words.length > 1 || w === "pass";
    if (w === "key") return i > 0 && KEY_ADJECTIVES.has(words[i - 1]);
    return SECRET_WORDS.some((s) => w.endsWith(s));
  };
  if (secretAt(last)) return true;
  const upTo = words[last] === "key" ? last - 1 : ABOUT_SUFFIXES.has(words[last]) ? 0 : last;
  for (let i = 0; i < upTo; i++) if (secretAt(i)) return true;
  return false;
}
var PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY/;
var PEM_BASE64 = "LS0tLS1CRUdJT";
function mayHoldPrivateKey(page) {
  return page.includes("PRIVATE KEY") || page.includes(PEM_BASE64);
}
function holdsPrivateKey(s) {
  if (s.includes("PRIVATE KEY")) return PEM_PRIVATE_KEY.test(s);
  const t = s.trimStart();
  if (!t.startsWith(PEM_BASE64)) return false;
  return PEM_PRIVATE_KEY.test(Buffer.from(t, "base64").toString("latin1"));
}
function isBuiltIn(group) {
  return group === "" || !group.includes(".") || group.endsWith(".k8s.io") && !group.endsWith(".x-k8s.io");
}
function redactDefaults(obj, rt, r) {
  if (rt.group === "" && rt.kind === "ConfigMap") redactConfigMapData(obj, r);
  else if (isBuiltIn(rt.group)) for (const [spec, path] of podSpecs(obj)) redactPodSpec(spec, path, r);
}
function walkRules(rt, pem) {
  return { secretKeys: !isBuiltIn(rt.group), privateKeys: pem };
}
function redactConfigMapData(obj, r) {
  for (const field of ["data", "binaryData"]) {
    const data = asObject(obj[field]);
    if (!data) continue;
    for (const [k, v] of Object.entries(data))
      if (typeof v === "string" && v !== "" && isSecretKey(k)) data[k] = r.redact(v, [field, k]);
  }
}
function podSpecs(obj) {
  const out = [];
  const spec = asObject(obj.spec);
  const add = (s, path) => {
    if (s && (s.containers || s.initContainers || s.ephemeralContainers)) out.push([s, path]);
  };
  add(spec, ["spec"]);
  add(asObject(asObject(spec?.template)?.spec), ["spec", "template", "spec"]);
  add(asObject(asObject(obj.template)?.spec), ["template", "spec"]);
  const job = asObject(asObject(spec?.jobTemplate)?.spec);
  add(asObject(asObject(job?.template)?.spec), ["spec", "jobTemplate", "spec", "template", "spec"]);
  return out;
}
var CONTAINER_LISTS = ["containers", "initContainers", "ephemeralContainers"];
function redactPodSpec(spec, path, r) {
  for (const field of CONTAINER_LISTS) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    for (let n = 0; n < list.length; n++) {
      const container = asObject(list[n]);
      if (!container) continue;
      const { env, args, command } = container;
      if (Array.isArray(env)) redactPairs(env, () => [...path, field, n, "env"], r);
      if (Array.isArray(args)) redactFlags(args, () => [...path, field, n, "args"], r);
      if (Array.isArray(command)) redactFlags(command, () => [...path, field, n, "command"], r);
    }
  }
}
function redactPairs(list, path, r) {
  for (let n = 0; n < list.length; n++) {
    const pair = asObject(list[n]);
    if (!pair || typeof pair.name !== "string" || typeof pair.value !== "string" || pair.value === "")
      continue;
    if (isSecretKey(pair.name)) pair.value = r.redact(pair.value, [...path(), n, "value"]);
  }
}
var FLAG = /^(--?([A-Za-z0-9][A-Za-z0-9._-]*))(?:=([\s\S]*))?$/;
function redactFlags(list, path, r) {
  for (let n = 0; n < list.length; n++) {
    const item = list[n];
    if (typeof item !== "string" || item[0] !== "-") continue;
    const m = FLAG.exec(item);
    if (!m || !isSecretKey(m[2])) continue;
    const value = m[3];
    if (value !== void 0) {
      if (value !== "") list[n] = `${m[1]}=${r.redact(value, [...path(), n])}`;
      continue;
    }
    const next = list[n + 1];
    if (typeof next === "string" && next !== "" && next[0] !== "-") {
      list[n + 1] = r.redact(next, [...path(), n + 1]);
      n++;
    }
  }
}

// src/export/redact.ts
import { createHmac } from "node:crypto";

// src/export/decode.ts
import { isUtf8 } from "node:buffer";
import { gunzipSync, inflateSync } from "node:zlib";
var MAX_DEPTH = 6;
var MAX_VIEWS = 2e3;
var MAX_INFLATED = 16 * 1024 * 1024;
var MIN_ENCODED = 8;
var MIN_CONTAINED = 4;
var BASE64 = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/;
var HEX = /^(?:[0-9a-fA-F]{2})+$/;
function decodedViews(text) {
  const seen = /* @__PURE__ */ new Set();
  const json = [];
  const budget = { inflate: MAX_INFLATED };
  const visit = (s, depth) => {
    if (seen.has(s) || seen.size >= MAX_VIEWS) return;
    seen.add(s);
    if (depth >= MAX_DEPTH) return;
    const t = s.trim();
    if (t.length === 0) return;
    const c = t[0];
    if (c === "{" || c === "[" || c === '"') {
      try {
        const doc = JSON.parse(t);
        json.push(doc);
        for (const leaf of jsonStrings(doc)) visit(leaf, depth + 1);
      } catch {
      }
    }
    const compact = t.length >= MIN_ENCODED ? t.replace(/\s+/g, "") : "";
    if (compact.length >= MIN_ENCODED && compact.length % 4 !== 1 && BASE64.test(compact)) {
      for (const v of bytesToTexts(Buffer.from(compact, "base64"), budget)) visit(v, depth + 1);
    }
    if (compact.length >= MIN_ENCODED && HEX.test(compact)) {
      for (const v of bytesToTexts(Buffer.from(compact, "hex"), budget)) visit(v, depth + 1);
    }
    if (/%[0-9A-Fa-f]{2}/.test(t)) {
      try {
        visit(decodeURIComponent(t), depth + 1);
      } catch {
      }
    }
  };
  visit(text, 0);
  return { texts: [...seen], json };
}
function bytesToTexts(bytes, budget) {
  if (bytes.length === 0) return [];
  let b = bytes;
  const gzip = b.length > 2 && b[0] === 31 && b[1] === 139;
  const zlib = b.length > 2 && b[0] === 120 && [1, 94, 156, 218].includes(b[1] ?? 0);
  if ((gzip || zlib) && budget.inflate > 0) {
    try {
      const opts = { maxOutputLength: budget.inflate };
      b = gzip ? gunzipSync(b, opts) : inflateSync(b, opts);
      budget.inflate -= b.length;
    } catch (err) {
      if (err.code === "ERR_BUFFER_TOO_LARGE") budget.inflate = 0;
    }
  }
  return [b.toString(isUtf8(b) ? "utf8" : "latin1")];
}
function jsonStrings(doc, keys = true) {
  const out = [];
  const walk2 = (v) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) for (const x of v) walk2(x);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (keys) out.push(k);
        walk2(x);
      }
  };
  walk2(doc);
  return out;
}
function needles(value) {
  if (value.length === 0) return [];
  const text = value.toString(isUtf8(value) ? "utf8" : "latin1");
  const std = value.toString("base64");
  const out = /* @__PURE__ */ new Set([
    text,
    std,
    std.replace(/=+$/, ""),
    value.toString("base64url"),
    value.toString("hex"),
    JSON.stringify(text).slice(1, -1)
  ]);
  return [...out];
}
function holdsAny(views, forms) {
  for (const n of forms) {
    const inside = n.length >= MIN_CONTAINED;
    for (const v of views) if (v === n || inside && v.includes(n)) return true;
  }
  return false;
}
function holdsSecretManifest(doc, depth = 0) {
  if (depth > 8 || !doc || typeof doc !== "object") return false;
  if (Array.isArray(doc)) return doc.some((d) => holdsSecretManifest(d, depth + 1));
  if (doc.kind === "Secret" && ("data" in doc || "stringData" in doc || doc.apiVersion === "v1")) return true;
  return Object.values(doc).some((d) => holdsSecretManifest(d, depth + 1));
}

// src/export/secret-types.ts
var REGISTRY_CREDENTIALS = {
  "kubernetes.io/dockerconfigjson": ".dockerconfigjson",
  "kubernetes.io/dockercfg": ".dockercfg"
};
var BOOTSTRAP_TOKEN = "bootstrap.kubernetes.io/token";
function typedSecretValue(type, key, value, r) {
  if (type === BOOTSTRAP_TOKEN) return key === "token-secret" ? void 0 : value;
  if (typeof type !== "string" || REGISTRY_CREDENTIALS[type] !== key) return void 0;
  let config;
  try {
    config = JSON.parse(Buffer.from(value, "base64").toString("utf8"));
  } catch {
    config = void 0;
  }
  if (!config || typeof config !== "object" || Array.isArray(config))
    config = { redacted: r.redact(Buffer.from(value, "base64"), ["data", key]) };
  else config = redactLeaves(config, r, ["data", key]);
  return Buffer.from(JSON.stringify(config)).toString("base64");
}
function redactLeaves(node, r, path) {
  if (Array.isArray(node)) return node.map((v, n) => redactLeaves(v, r, [...path, n]));
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, redactLeaves(v, r, [...path, k])]));
  }
  if (typeof node === "string") return r.redact(node, path);
  if (node === null) return null;
  return r.redact(JSON.stringify(node), path);
}

// src/export/redact-walk.ts
function redactWalk(obj, rules, r) {
  if (!rules.secretKeys && !rules.privateKeys && !rules.keyPattern) return;
  walk(obj, [], rules.secretKeys, rules.privateKeys, rules.keyPattern, r);
}
function walk(node, path, secretKeys, pem, keys, r) {
  if (isRawNumber(node)) return;
  if (Array.isArray(node)) {
    for (let n = 0; n < node.length; n++) {
      const v = node[n];
      if (typeof v === "string") {
        if (pem && holdsPrivateKey(v)) node[n] = r.redact(v, [...path, n]);
      } else if (v && typeof v === "object") {
        path.push(n);
        walk(v, path, secretKeys, pem, keys, r);
        path.pop();
      }
    }
    return;
  }
  const top = path.length === 0;
  if (secretKeys && typeof node.name === "string" && typeof node.value === "string" && node.value !== "") {
    if (isSecretKey(node.name)) node.value = r.redact(node.value, [...path, "value"]);
  }
  for (const k of Object.keys(node)) {
    if (top && (k === "apiVersion" || k === "kind")) {
      const v2 = node[k];
      if (pem && typeof v2 === "string" && holdsPrivateKey(v2)) node[k] = r.redact(v2, [k]);
      continue;
    }
    if (top && k === "metadata") {
      const v2 = node[k];
      if (pem && typeof v2 === "string" && holdsPrivateKey(v2)) node[k] = r.redact(v2, [k]);
      else if (pem && v2 && typeof v2 === "object") {
        path.push(k);
        walk(v2, path, false, true, void 0, r);
        path.pop();
      }
      continue;
    }
    let v = node[k];
    if (secretKeys) {
      if (typeof v === "string") {
        if (v !== "" && isSecretKey(k)) node[k] = v = r.redact(v, [...path, k]);
      } else if (Array.isArray(v)) {
        const list = v;
        if ((k === "args" || k === "command") && list.some((x) => typeof x === "string"))
          redactFlags(list, () => [...path, k], r);
        else if (isSecretKey(k))
          list.forEach((x, n) => {
            if (typeof x === "string" && x !== "") list[n] = r.redact(x, [...path, k, n]);
          });
      }
    }
    if (typeof v === "string") {
      if (pem && holdsPrivateKey(v)) node[k] = r.redact(v, [...path, k]);
    } else if (v && typeof v === "object") {
      path.push(k);
      walk(v, path, secretKeys, pem, keys && !keys.test(k) ? keys : void 0, r);
      path.pop();
    }
  }
  if (keys) redactKeysAt(node, path, keys, r);
}
function redactKeysAt(node, path, pattern, r) {
  const top = path.length === 0;
  if (typeof node.name === "string" && pattern.test(node.name) && node.value !== void 0)
    replaceLeaves(node, "value", [...path, "value"], r);
  for (const k of Object.keys(node)) {
    if (top && (k === "apiVersion" || k === "kind")) continue;
    if (top && k === "metadata") {
      const meta = asObject(node[k]);
      for (const field of ["annotations", "labels"]) {
        const map = asObject(meta?.[field]);
        if (!map) continue;
        for (const [mk, mv] of Object.entries(map))
          if (typeof mv === "string" && pattern.test(mk)) map[mk] = redactAt(mv, ["metadata", field, mk], r);
      }
      continue;
    }
    if (pattern.test(k)) replaceLeaves(node, k, [...path, k], r);
  }
}
function isIdentity(path) {
  return path.length === 1 && (path[0] === "apiVersion" || path[0] === "kind") || path.length === 2 && path[0] === "metadata" && (path[1] === "name" || path[1] === "namespace");
}
var LABEL_MAPS = /* @__PURE__ */ new Set(["labels", "matchLabels", "selector", "nodeSelector"]);
function redactAt(value, path, r) {
  const parent = path[path.length - 2];
  if (typeof parent === "string" && LABEL_MAPS.has(parent))
    return r.redactLabel(value, ["labels", path[path.length - 1]]);
  return r.redact(value, path);
}
function replaceLeaves(parent, key, path, r, numbers = false) {
  if (isIdentity(path)) return;
  const holder = parent;
  const node = holder[key];
  if (typeof node === "string") holder[key] = redactAt(node, path, r);
  else if (numbers && typeof node === "number") holder[key] = redactAt(String(node), path, r);
  else if (isRawNumber(node)) {
    if (numbers) holder[key] = redactAt(node.rawJSON, path, r);
  } else if (Array.isArray(node)) node.forEach((_, n) => replaceLeaves(node, n, [...path, n], r, numbers));
  else if (node && typeof node === "object")
    for (const k of Object.keys(node)) replaceLeaves(node, k, [...path, k], r, numbers);
}

// src/export/redact.ts
var REDACTED = "REDACTED";
var FINGERPRINT_PREFIX = "REDACTED/hmacSHA256/";
var LABEL_FINGERPRINT_PREFIX = "REDACTED-hmacSHA256-";
var OBJECT_COPY_ANNOTATIONS = [
  "kubectl.kubernetes.io/last-applied-configuration",
  "kapp.k14s.io/original",
  "objectset.rio.cattle.io/applied"
];
var MIN_MANIFEST = 40;
function newRedactor(fingerprintKey) {
  const isMarker = (value) => value === REDACTED || value.startsWith(FINGERPRINT_PREFIX) && value.length === 44 || value.startsWith(LABEL_FINGERPRINT_PREFIX) && value.length === 44;
  return {
    isMarker,
    forObject(obj, rt) {
      const meta = asObject(obj.metadata);
      const place = [rt.group, rt.kind, str2(meta?.namespace), str2(meta?.name)];
      const redacted = [];
      const mac = (value, path) => {
        const h = createHmac("sha256", fingerprintKey ?? "");
        h.update(JSON.stringify([...place, path])).update("\0");
        return h.update(value).digest();
      };
      const record = (value) => redacted.push(typeof value === "string" ? Buffer.from(value) : value);
      return {
        redacted,
        isMarker,
        redact(value, path) {
          if (typeof value === "string" && isMarker(value)) return value;
          record(value);
          if (fingerprintKey === void 0) return REDACTED;
          return FINGERPRINT_PREFIX + mac(value, path).toString("base64").slice(0, 24);
        },
        redactLabel(value, path) {
          if (isMarker(value)) return value;
          record(value);
          if (fingerprintKey === void 0) return REDACTED;
          return LABEL_FINGERPRINT_PREFIX + mac(value, path).toString("hex").slice(0, 24);
        }
      };
    }
  };
}
var str2 = (v) => typeof v === "string" ? v : "";
function redactSecret(obj, r) {
  for (const field of ["data", "stringData"]) {
    const data = obj[field];
    if (!data || typeof data !== "object" || Array.isArray(data)) continue;
    for (const [k, v] of Object.entries(data)) {
      if (typeof v !== "string") {
        data[k] = REDACTED;
        continue;
      }
      const typed = field === "data" ? typedSecretValue(obj.type, k, v, r) : void 0;
      if (typed !== void 0) {
        data[k] = typed;
      } else if (field === "data") {
        const plain = Buffer.from(v, "base64");
        const asMarker = plain.toString("base64");
        data[k] = r.isMarker(v) ? v : r.isMarker(asMarker) ? asMarker : r.redact(plain, [field, k]);
      } else {
        data[k] = r.redact(v, [field, k]);
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
    data[k] = r.redact(typeof v === "string" ? v : JSON.stringify(v), ["data", k]);
  }
}
function redactPaths(obj, rt, rules, r) {
  for (const rule of rules) {
    if (rule.kind !== "*" && !kindMatches(rule.kind, rt)) continue;
    applyPath(obj, rule.path, r);
  }
}
function applyPath(obj, steps, r) {
  const visit = (parent, key, i, path) => {
    const node = parent[key];
    if (node === void 0) return;
    if (i === steps.length) {
      if (isIdentity(path)) return;
      if (typeof node === "number") parent[key] = redactAt(String(node), path, r);
      else if (isRawNumber(node)) parent[key] = redactAt(node.rawJSON, path, r);
      else replaceLeaves(parent, key, path, r, true);
      return;
    }
    const step = steps[i];
    if ("key" in step) {
      const o = asObject(node);
      if (o) visit(o, step.key, i + 1, [...path, step.key]);
    } else if ("index" in step) {
      if (Array.isArray(node)) visit(node, step.index, i + 1, [...path, step.index]);
    } else if ("all" in step) {
      if (Array.isArray(node)) node.forEach((_, n) => visit(node, n, i + 1, [...path, n]));
      else if (node && typeof node === "object")
        for (const k of Object.keys(node)) visit(node, k, i + 1, [...path, k]);
    } else if (Array.isArray(node)) {
      node.forEach((item, n) => {
        if (asObject(item)?.[step.field] === step.equals) visit(node, n, i + 1, [...path, n]);
      });
    }
  };
  const first = steps[0];
  if (first && "key" in first) visit(obj, first.key, 1, [first.key]);
  else if (first && "all" in first) for (const k of Object.keys(obj)) visit(obj, k, 1, [k]);
}
function redactCopies(obj, rt, r) {
  const meta = asObject(obj.metadata);
  if (!meta) return;
  const isSecret = rt.group === "" && rt.kind === "Secret";
  let forms;
  const searchFor = () => forms ??= formsOf(r.redacted);
  for (const field of ["annotations", "labels"]) {
    const map = asObject(meta[field]);
    if (!map) continue;
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== "string" || v === "" || r.isMarker(v)) continue;
      const path = ["metadata", field, k];
      const known2 = field === "annotations" && OBJECT_COPY_ANNOTATIONS.includes(k);
      if (isSecret && known2) {
        map[k] = r.redact(v, path);
        continue;
      }
      if (!isSecret && r.redacted.length === 0 && (field === "labels" || !mayHoldManifest(v))) continue;
      const views = decodedViews(v);
      const leaks = field === "annotations" && views.json.some((d) => holdsSecretManifest(d)) || r.redacted.length > 0 && holdsAny(views.texts, searchFor());
      if (!leaks) continue;
      map[k] = field === "labels" ? r.redactLabel(v, ["labels", k]) : r.redact(v, path);
    }
  }
}
function mayHoldManifest(v) {
  if (v.length < MIN_MANIFEST) return false;
  const t = v.trimStart();
  if (t[0] === "{" || t[0] === "[") return t.includes("Secret");
  return /^(?:H4sI|eJ|eN|eA|ey|ew|W3|Ww|7b|5b|%7B|%5B)/i.test(t);
}
function formsOf(values) {
  const out = /* @__PURE__ */ new Set();
  for (const v of values) {
    for (const n of needles(v)) out.add(n);
    const first = v.find((c) => c !== 32 && c !== 10 && c !== 9 && c !== 13);
    if (first !== 123 && first !== 91) continue;
    let doc;
    try {
      doc = JSON.parse(v.toString("utf8"));
    } catch {
      continue;
    }
    for (const s of jsonStrings(doc, false))
      if (s.length >= 8) for (const n of needles(Buffer.from(s))) out.add(n);
  }
  return [...out];
}

// src/export/field-owners.ts
var CONTROL_PLANE = /* @__PURE__ */ new Set([
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "cloud-controller-manager"
]);
function isControllerManager(manager) {
  return CONTROL_PLANE.has(manager) || /controller(?:-manager)?$/i.test(manager);
}
function userOwns(managedFields, path) {
  if (!Array.isArray(managedFields)) return false;
  for (const entry of managedFields) {
    const e = asObject(entry);
    if (!e || typeof e.manager !== "string" || isControllerManager(e.manager)) continue;
    if (hasPath(asObject(e.fieldsV1), path, 0)) return true;
  }
  return false;
}
function hasPath(node, path, i) {
  if (!node) return false;
  if (i === path.length) return true;
  const part = path[i];
  if (part !== "*") return hasPath(asObject(node[`f:${part}`]), path, i + 1);
  for (const [k, v] of Object.entries(node)) {
    if (k !== "." && hasPath(asObject(v), path, i + 1)) return true;
  }
  return false;
}

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
  "kube-system/kube-apiserver-legacy-service-account-token-tracking",
  // kubeadm's discovery document (this cluster's CA and address), signed for each join token
  // by the bootstrap signer: applied into a re-initialised cluster it conflicts with kubeadm's
  // own, and forced it would point joining nodes at the old CA.
  "kube-public/cluster-info"
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
function cleanObject(input, rt) {
  const id = resourceId(rt);
  const obj = without(
    input,
    id === "secrets" && input.type === "kubernetes.io/service-account-token" ? TOKEN_SECRET_DROP : TOP_DROP
  );
  const original = asObject(input.metadata);
  const managedFields = original?.managedFields;
  const meta = cleanMetadata(original);
  if (meta) obj.metadata = meta;
  const userSet = (...path) => userOwns(managedFields, path);
  const spec = asObject(obj.spec);
  if (spec) {
    if (id === "services") {
      const drop = [];
      if (spec.clusterIP !== void 0 && spec.clusterIP !== "None" && !userSet("spec", "clusterIP"))
        drop.push("clusterIP");
      for (const f of ["clusterIPs", "ipFamilies", "ipFamilyPolicy", "healthCheckNodePort"]) {
        if (spec[f] !== void 0 && !userSet("spec", f)) drop.push(f);
      }
      const cleanSpec = without(spec, drop);
      const ports = Array.isArray(spec.ports) ? spec.ports : [];
      if (ports.some((p) => asObject(p)?.nodePort !== void 0) && !userSet("spec", "ports", "*", "nodePort")) {
        cleanSpec.ports = ports.map((p) => {
          const port = asObject(p);
          return port ? without(port, NODE_PORT) : p;
        });
      }
      obj.spec = cleanSpec;
    } else if (id === "persistentvolumeclaims") {
      if (spec.volumeName !== void 0 && !userSet("spec", "volumeName")) delete spec.volumeName;
    } else if (id === "persistentvolumes") {
      const ref = asObject(spec.claimRef);
      if (ref) {
        delete ref.uid;
        delete ref.resourceVersion;
      }
    } else if (id === "pods") {
      if (!userSet("spec", "nodeName")) delete spec.nodeName;
      dropInjectedTokenVolume(spec);
    } else if (id === "jobs.batch") {
      cleanJob(spec, meta ?? {}, original?.uid);
    } else if (id === "cronjobs.batch") {
      const jobSpec = asObject(asObject(spec.jobTemplate)?.spec);
      if (jobSpec) cleanJob(jobSpec, asObject(asObject(spec.jobTemplate)?.metadata) ?? {}, void 0);
    } else if (id === "statefulsets.apps") {
      for (const t of Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [])
        delete asObject(t)?.status;
    }
  }
  return obj;
}
var TOP_DROP = ["status"];
var TOKEN_SECRET_DROP = ["status", "data"];
var NODE_PORT = ["nodePort"];
function cleanMetadata(meta) {
  if (!meta) return void 0;
  const annotations = asObject(meta.annotations);
  const kept = annotations && without(annotations, DROP_ANNOTATIONS);
  const out = without(meta, kept && isEmptyObject(kept) ? DROP_METADATA_AND_ANNOTATIONS : DROP_METADATA);
  if (kept && !isEmptyObject(kept)) out.annotations = kept;
  return out;
}
var DROP_METADATA_AND_ANNOTATIONS = [...DROP_METADATA, "annotations"];
function isEmptyObject(o) {
  for (const _ in o) return false;
  return true;
}
function without(obj, drop) {
  let any = false;
  for (const k of drop) if (Object.hasOwn(obj, k)) any = true;
  if (!any) return obj;
  const out = {};
  for (const k in obj) {
    if (drop.includes(k)) continue;
    if (k === "__proto__")
      Object.defineProperty(out, k, { value: obj[k], enumerable: true, writable: true, configurable: true });
    else out[k] = obj[k];
  }
  return out;
}
var JOB_UID_LABELS = ["controller-uid", "batch.kubernetes.io/controller-uid"];
var JOB_NAME_LABELS = ["job-name", "batch.kubernetes.io/job-name"];
function cleanJob(spec, meta, uid) {
  if (spec.manualSelector === true) return;
  delete spec.selector;
  const name = meta.name;
  const generated = (k, v) => JOB_UID_LABELS.includes(k) ? uid === void 0 || v === uid : JOB_NAME_LABELS.includes(k) && (name === void 0 || v === name);
  for (const holder of [meta, asObject(asObject(spec.template)?.metadata)]) {
    const labels = asObject(holder?.labels);
    if (!holder || !labels) continue;
    for (const [k, v] of Object.entries(labels)) if (generated(k, v)) delete labels[k];
    if (Object.keys(labels).length === 0) delete holder.labels;
  }
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
  keys.sort();
  for (let i = first.length - 1; i >= 0; i--) {
    const k = first[i];
    const at = keys.indexOf(k);
    if (at > 0) {
      keys.copyWithin(1, 0, at);
      keys[0] = k;
    }
  }
  return keys;
}

export {
  mayHoldPrivateKey,
  redactDefaults,
  walkRules,
  redactWalk,
  REDACTED,
  newRedactor,
  redactSecret,
  redactHelmReleaseConfigMap,
  redactPaths,
  redactCopies,
  skipReason,
  cleanObject,
  kubernetesKeyOrder
};
