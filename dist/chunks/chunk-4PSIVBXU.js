import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  clusterInputs,
  parseClusterConfig
} from "./chunk-422FMMWY.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import {
  ConfigurationError,
  badInput
} from "./chunk-YBANDQLS.js";

// src/export/redact-path.ts
var PathSyntaxError = class extends Error {
  problem;
  at;
  constructor(problem, at) {
    super(`${problem} at character ${at + 1}`);
    this.problem = problem;
    this.at = at;
  }
};
var PROTECTED = /* @__PURE__ */ new Set(["apiVersion", "kind", "metadata.name", "metadata.namespace"]);
function parsePath(text) {
  const steps = [];
  let i = 0;
  const fail = (problem, at = i) => {
    throw new PathSyntaxError(problem, at);
  };
  if (text.startsWith(".")) i = 1;
  if (i >= text.length) fail("the path is empty");
  let needKey = true;
  while (i < text.length) {
    const c = text[i];
    if (c === "[") {
      steps.push(bracket());
      needKey = false;
      continue;
    }
    if (c === ".") {
      if (needKey) fail("an empty key (two dots, or a dot before '[')");
      i++;
      if (i >= text.length) fail("the path ends with a dot");
      if (text[i] === "[") fail("a dot before '[' (write a[0], not a.[0])");
      needKey = true;
      continue;
    }
    if (!needKey) fail(`'${c}' after ']' (expected '.', '[' or the end)`);
    steps.push(bareKey());
    needKey = false;
  }
  const named = steps.map((s) => "key" in s ? s.key : "\0").join(".");
  for (const p of PROTECTED)
    if (named === p)
      throw new PathSyntaxError(`names ${p}, which identifies the object and cannot be redacted`, 0);
  return steps;
  function bareKey() {
    let key = "";
    const start = i;
    while (i < text.length && text[i] !== "." && text[i] !== "[") {
      const c = text[i];
      if (c === "]") fail("a ']' without '['");
      if (/\s/.test(c)) fail('a space (quote keys with spaces: ["my key"])');
      if (c === "\\") {
        i++;
        if (i >= text.length) fail("a '\\' at the end (it escapes the next character)");
      }
      key += text[i];
      i++;
    }
    return i - start === 1 && key === "*" ? { all: true } : { key };
  }
  function bracket() {
    const open = i;
    i++;
    const c = text[i];
    if (c === "*") {
      i++;
      close(open);
      return { all: true };
    }
    if (c === '"' || c === "'") {
      const key = quoted();
      close(open);
      return { key };
    }
    if (c === "?") {
      const m2 = /^\?\(@\.([A-Za-z0-9_-]+)\s*==\s*/.exec(text.slice(i));
      if (!m2) fail(`a filter other than [?(@.field=="value")]`, open);
      i += m2[0].length;
      const q = text[i];
      if (q !== '"' && q !== "'") fail("a filter value that is not quoted");
      const equals = quoted();
      if (text[i] !== ")") fail("a filter without its closing ')'");
      i++;
      close(open);
      return { field: m2[1], equals };
    }
    const m = /^-?\d+/.exec(text.slice(i));
    if (m) {
      if (m[0].startsWith("-")) fail("a negative list index (indexes count from 0)");
      i += m[0].length;
      close(open);
      return { index: Number(m[0]) };
    }
    return fail(`an unknown '[...]' (expected [N], [*], ["key"] or [?(@.field=="value")])`, open);
  }
  function quoted() {
    const q = text[i];
    const start = i;
    i++;
    let s = "";
    while (i < text.length && text[i] !== q) {
      if (text[i] === "\\") i++;
      if (i < text.length) s += text[i];
      i++;
    }
    if (i >= text.length) fail(`an unterminated ${q}...${q}`, start);
    i++;
    return s;
  }
  function close(open) {
    if (text[i] !== "]") fail("a '[' without its ']'", open);
    i++;
  }
}

// src/export/config.ts
var exportInputs = {
  ...clusterInputs,
  path: input.string({
    description: "Folder the export is written to (replaced atomically; files that are not the export's, like a README, are kept). Not a checkout's root.",
    default: "cluster-export"
  }),
  "include-kinds": input.list({
    description: "Only these kinds (comma or new-line separated; Kind, resource or resource.group, e.g. Deployment, configmaps, widgets.example.com). Also exports kinds excluded by default when named."
  }),
  "exclude-kinds": input.list({
    description: "Kinds to leave out, in addition to the defaults (events, leases, endpointslices, controllerrevisions, nodes, componentstatuses, csinodes, ipaddresses, certificatesigningrequests)."
  }),
  "include-namespaces": input.list({
    description: "Only these namespaces (cluster-scoped kinds are then left out, except the Namespace objects themselves)."
  }),
  "exclude-namespaces": input.list({ description: "Namespaces to leave out." }),
  "label-selector": input.string({
    description: "Only objects matching this label selector, e.g. app.kubernetes.io/managed-by!=Helm."
  }),
  "include-owned": input.boolean({
    description: "Also export objects owned by a controller (Pods of ReplicaSets, ReplicaSets of Deployments, Jobs of CronJobs, ...).",
    default: false
  }),
  "include-system": input.boolean({
    description: "Also export what the control plane creates and keeps up to date itself (bootstrap RBAC roles, API priority and fairness defaults, local APIServices, the kubernetes Service, ...).",
    default: false
  }),
  "fingerprint-key": input.string({
    description: "A secret (16+ characters) keying an HMAC-SHA256 fingerprint of each redacted value and its place (kind, namespace, name, key), so a diff shows which key changed without revealing it, and a reused password does not show. Without it every value becomes REDACTED.",
    secret: true
  }),
  // A string, not a list: commas inside [...] of a path are not separators (splitRules);
  // one rule a line, so the flag may repeat.
  "redact-paths": input.string({
    repeatable: true,
    description: "More values to redact, as KIND:PATH with a kubectl-JSONPath-like path (e.g. ConfigMap:data.password, *:metadata.annotations['example.com/token'], Deployment:spec.template.spec.containers[*].env[?(@.name=='DB_PASSWORD')].value; see docs/exports.md, Redaction), comma or new-line separated. A rule that cannot be read fails the run."
  }),
  "redact-key-pattern": input.string({
    description: "A regular expression (case-insensitive), e.g. ^(password|apiKey)$; in every object, strings under matching keys (every string of a list or map under one), annotations and labels with matching keys, and env-style name/value pairs with a matching name are redacted."
  }),
  "redact-defaults": input.boolean({
    description: "Also redact, outside Secrets: any string holding a PEM private key (in any kind, annotations included), and values under keys that name a secret (password, passwd, passphrase, secret, token, api key, private key, credentials, ...; not references like secretName or secretKeyRef) in ConfigMap data, container env values and --flag=value arguments, and custom resources. false turns this off (Secrets and Helm releases stay redacted).",
    default: true
  }),
  strict: input.boolean({
    description: "Fail when a kind cannot be listed (forbidden, not found, failing aggregated API) instead of reporting it as skipped.",
    default: false
  }),
  "deletion-limit": input.string({
    description: "Circuit breaker: refuse (fail, leaving the previous export as it was) to remove more than this many files of objects that disappeared: a share like 25% of the previous export, or a count like 100.",
    default: "25%"
  }),
  concurrency: input.integer({ description: "Kinds listed at the same time.", default: 4, min: 1, max: 64 }),
  // Each page costs the API server a read from etcd: 250 instead of 500 made a 50k-object
  // listing ~25% dearer for the server; 1000 saves little more and holds twice the bytes.
  "page-size": input.integer({
    description: "Objects per list request (limit/continue paging). Larger pages mean fewer requests but a larger heap.",
    default: 500,
    min: 1,
    max: 1e4
  })
};
var SELECTION_INPUTS = [
  "include-kinds",
  "exclude-kinds",
  "include-namespaces",
  "exclude-namespaces",
  "label-selector",
  "include-owned",
  "include-system"
];
function readSelection(v) {
  const selection = {
    includeKinds: v["include-kinds"],
    excludeKinds: v["exclude-kinds"],
    includeNamespaces: v["include-namespaces"],
    excludeNamespaces: v["exclude-namespaces"],
    includeOwned: v["include-owned"],
    includeSystem: v["include-system"]
  };
  const selector = v["label-selector"];
  if (selector !== void 0) selection.labelSelector = selector;
  return selection;
}
function parseExportConfig(src) {
  const v = readInputs(exportInputs, src);
  const config = {
    cluster: parseClusterConfig(src),
    path: v.path,
    ...readSelection(v),
    redactPaths: splitRules(v["redact-paths"] ?? "").map((r) => parseRedactRule(r)),
    redactDefaults: v["redact-defaults"],
    strict: v.strict,
    concurrency: v.concurrency,
    pageSize: v["page-size"],
    deletionLimit: parseDeletionLimit(v["deletion-limit"])
  };
  const key = v["fingerprint-key"];
  if (key !== void 0) {
    if (key.length < 16) throw badInput("fingerprint-key", "(hidden)", "a secret of at least 16 characters");
    config.fingerprintKey = key;
  }
  const pattern = v["redact-key-pattern"];
  if (pattern !== void 0) {
    try {
      config.redactKeyPattern = new RegExp(pattern, "i");
    } catch {
      throw badInput("redact-key-pattern", pattern, "a regular expression, e.g. password|token");
    }
  }
  return config;
}
var REDACT_RULE_FORM = 'KIND:PATH, e.g. ConfigMap:data.password, *:spec.credentials, Deployment:spec.template.spec.containers[*].env[?(@.name=="DB_PASSWORD")].value or *:metadata.annotations["example.com/token"] (keys with dots quoted, or their dots escaped as \\.)';
function splitRules(text) {
  const out = [];
  let cur = "";
  let depth = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") {
        cur += c + (text[i + 1] ?? "");
        i++;
        continue;
      }
      if (c === quote) quote = "";
    } else if (depth > 0 && (c === '"' || c === "'")) quote = c;
    else if (c === "[") depth++;
    else if (c === "]") depth = Math.max(0, depth - 1);
    else if (c === "\n" || c === "," && depth === 0) {
      out.push(cur);
      cur = "";
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((r) => r.trim()).filter((r) => r !== "" && !r.startsWith("#"));
}
function parseRedactRule(text) {
  const colon = text.indexOf(":");
  const kind = colon < 0 ? "" : text.slice(0, colon);
  if (colon < 0 || !/^(?:\*|[A-Za-z0-9][A-Za-z0-9.-]*)$/.test(kind))
    throw badInput("redact-paths", text, REDACT_RULE_FORM);
  try {
    return { kind, path: parsePath(text.slice(colon + 1)) };
  } catch (err) {
    if (!(err instanceof PathSyntaxError)) throw err;
    const at = colon + 1 + err.at + 1;
    throw new ConfigurationError(
      `input 'redact-paths': got ${JSON.stringify(text)}, which has ${err.problem} at character ${at}; expected ${REDACT_RULE_FORM}`
    );
  }
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

export {
  exportInputs,
  SELECTION_INPUTS,
  readSelection,
  parseExportConfig
};
