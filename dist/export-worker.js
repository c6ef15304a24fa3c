import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ChangeSet,
  TreeCache,
  TreeWriter,
  codeDigest,
  riskOf,
  settingsFingerprint,
  toYaml
} from "./chunks/chunk-IIQSJE5I.js";
import {
  cleanObject,
  kubernetesKeyOrder,
  newRedactor,
  redactCopies,
  redactExtra,
  redactHelmReleaseConfigMap,
  redactSecret,
  skipReason
} from "./chunks/chunk-4USLHYA5.js";
import {
  asObject,
  isRawNumber,
  parseJson,
  selectNamespace
} from "./chunks/chunk-NHP2JPAM.js";
import {
  groupVersion,
  objectFile,
  resourceId
} from "./chunks/chunk-LOEFVT66.js";
import "./chunks/chunk-YBANDQLS.js";
import "./chunks/chunk-DY6RLOVI.js";

// src/export/export-worker.ts
import { isAscii } from "node:buffer";
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";

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
function redactDefaults(obj, rt, r, pem = true) {
  if (rt.group === "" && rt.kind === "ConfigMap") redactConfigMapData(obj, r);
  else if (isBuiltIn(rt.group)) for (const [spec, path] of podSpecs(obj)) redactPodSpec(spec, path, r);
  else redactCustom(obj, r);
  if (pem) redactPrivateKeys(obj, r);
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
function redactCustom(obj, r) {
  const walk = (node, path) => {
    if (isRawNumber(node)) return;
    if (Array.isArray(node)) {
      node.forEach((v, n) => {
        if (v && typeof v === "object") walk(v, [...path, n]);
      });
      return;
    }
    if (typeof node.name === "string" && typeof node.value === "string" && node.value !== "") {
      if (isSecretKey(node.name)) node.value = r.redact(node.value, [...path, "value"]);
    }
    for (const [k, v] of Object.entries(node)) {
      if (path.length === 0 && (k === "apiVersion" || k === "kind" || k === "metadata")) continue;
      if (typeof v === "string") {
        if (v !== "" && isSecretKey(k)) node[k] = r.redact(v, [...path, k]);
      } else if (Array.isArray(v)) {
        if ((k === "args" || k === "command") && v.some((x) => typeof x === "string"))
          redactFlags(v, () => [...path, k], r);
        else if (isSecretKey(k))
          v.forEach((x, n) => {
            if (typeof x === "string" && x !== "") v[n] = r.redact(x, [...path, k, n]);
          });
        walk(v, [...path, k]);
      } else if (v && typeof v === "object") walk(v, [...path, k]);
    }
  };
  walk(obj, []);
}
function redactPrivateKeys(obj, r) {
  const walk = (node, path) => {
    if (isRawNumber(node)) return;
    const holder = node;
    const keys = Array.isArray(node) ? node.map((_, n) => n) : Object.keys(node);
    for (const k of keys) {
      const v = holder[k];
      if (typeof v === "string") {
        if (holdsPrivateKey(v)) holder[k] = r.redact(v, [...path, k]);
      } else if (v && typeof v === "object") walk(v, [...path, k]);
    }
  };
  walk(obj, []);
}

// src/export/object-file.ts
function objectToFile(item, rt, config, redactor, page = { mayHoldPrivateKey: true }) {
  const meta = item.metadata ?? {};
  const name = meta.name ?? "";
  const ns = meta.namespace;
  const id = resourceId(rt);
  const nsOfObject = rt.namespaced ? ns : id === "namespaces" ? name : void 0;
  if (nsOfObject !== void 0 && !selectNamespace(nsOfObject, config)) return void 0;
  const skip = skipReason(item, rt, config);
  if (skip) return { skip };
  const clean = cleanObject(item, rt);
  const r = redactor.forObject(clean, rt);
  if (id === "secrets") redactSecret(clean, r);
  else if (id === "configmaps") redactHelmReleaseConfigMap(clean, r);
  if (config.redactDefaults !== false) redactDefaults(clean, rt, r, page.mayHoldPrivateKey);
  if (config.redactPaths.length || config.redactKeyPattern)
    redactExtra(clean, rt, config.redactPaths, config.redactKeyPattern, r);
  redactCopies(clean, rt, r);
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
    const { fingerprintKey, ...settings } = request.config;
    state = {
      writer: writer2,
      changes: new ChangeSet(),
      redactor: newRedactor(fingerprintKey),
      config: request.config,
      cache: new TreeCache(
        writer2.root,
        settingsFingerprint(settings, fingerprintKey, codeDigest(fileURLToPath(import.meta.url)))
      )
    };
    return reply({ id, ok: true, previousObjects: writer2.previousObjects });
  }
  if (!state) throw new Error(`the export's worker got '${request.op}' before 'begin'`);
  const { writer, changes, redactor, config, cache } = state;
  switch (request.op) {
    case "page": {
      const { rt } = request;
      const bytes = Buffer.from(request.body);
      const page = parseJson(bytes.toString(isAscii(bytes) ? "latin1" : "utf8"));
      reply({ id, ok: true, phase: "parsed", continue: page.metadata?.continue || void 0 });
      const items = page.items ?? [];
      const result = { listed: items.length, exported: 0, skipped: {} };
      const apiVersion = groupVersion(rt);
      const hints = { mayHoldPrivateKey: config.redactDefaults !== false && mayHoldPrivateKey(bytes) };
      for (let item = items.shift(); item; item = items.shift()) {
        item.apiVersion = apiVersion;
        item.kind = rt.kind;
        const meta = item.metadata;
        const uid = typeof meta?.uid === "string" ? meta.uid : "";
        const rv = typeof meta?.resourceVersion === "string" ? meta.resourceVersion : "";
        const hit = uid && rv ? cache.lookup(apiVersion, rt.kind, uid, rv) : void 0;
        if (hit && typeof meta?.name === "string" && hit.rel === objectFile(rt, meta.name, typeof meta.namespace === "string" ? meta.namespace : void 0) && writer.keep(hit.rel, hit.identity)) {
          result.exported++;
          changes.record(hit.rel, "unchanged", []);
          cache.record(apiVersion, rt.kind, uid, rv, hit.rel, hit.identity);
          continue;
        }
        const file = objectToFile(item, rt, config, redactor, hints);
        if (!file) continue;
        if ("skip" in file) {
          result.skipped[file.skip] = (result.skipped[file.skip] ?? 0) + 1;
          continue;
        }
        result.exported++;
        const written = writer.writeFile(file.rel, file.text);
        changes.record(file.rel, written.status, file.risks);
        if (written.identity && uid && rv)
          cache.record(apiVersion, rt.kind, uid, rv, file.rel, written.identity);
      }
      return reply({ id, ok: true, phase: "done", result });
    }
    case "file":
      return reply({ id, ok: true, status: writer.write(request.rel, request.text) });
    case "finish":
      return reply({ id, ok: true, unseen: [...writer.unseen], changes });
    case "commit":
      writer.commit(request.removals);
      cache.save();
      return reply({ id, ok: true });
    case "abort":
      cache.discard();
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
