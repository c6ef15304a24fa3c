import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  LABEL_KEY
} from "./chunk-33ZCRVC7.js";
import {
  matchesLabels
} from "./chunk-FK3ILC2B.js";
import {
  require_dist
} from "./chunk-XIQOQISJ.js";
import {
  ConfigurationError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/fleet/inventory.ts
var import_yaml = __toESM(require_dist(), 1);
import fs from "node:fs";
var CLUSTER_KINDS = ["kubeadm", "k3s", "rke2", "eks", "gke", "aks", "other"];
var ETCD_KINDS = ["kubeadm", "k3s", "rke2", "other"];
var DEFAULT_ETCD_SECRETS = {
  ca: "ETCD_CA",
  cert: "ETCD_CLIENT_CERT",
  key: "ETCD_CLIENT_KEY"
};
var CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
var CLUSTER_NAME_FORM = "1-40 lower-case letters, digits or '-', starting and ending with a letter or digit";
var LABEL_KEY_FORM = "1-63 lower-case letters, digits, '.', '_' or '-', starting and ending with a letter or digit";
var LABEL_VALUE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
var LABEL_VALUE_FORM = "1-63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit";
var SECRET_NAME = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]{0,99}$/i;
var BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
var PREFIX_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
var KEY_CLUSTER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
var ENDPOINT = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;
var REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
var EKS_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
var ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]{1,512}$/;
var PATH_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
var BRANCH_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;
var At = class _At {
  file;
  /** The part of the file: `cluster 'prod' (clusters[2])`, `defaults`, ... */
  owner;
  /** The field within it: `snapshots.bucket`. */
  path;
  constructor(file, owner, path = "") {
    this.file = file;
    this.owner = owner;
    this.path = path;
  }
  field(name) {
    return new _At(this.file, this.owner, this.path ? `${this.path}.${name}` : name);
  }
  error(problem) {
    return new ConfigurationError(
      `${this.file}: ${this.owner}${this.path ? `: ${this.path}` : ""}: ${problem}`
    );
  }
  bad(value, expected) {
    return this.error(`got ${show(value)}, expected ${expected}`);
  }
};
function show(v) {
  const s = v === void 0 ? "nothing" : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}
function object(v, at) {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw at.bad(v, "a mapping");
  return v;
}
function onlyFields(o, allowed, at) {
  for (const k of Object.keys(o))
    if (!allowed.includes(k))
      throw at.error(`unknown field ${JSON.stringify(k)} (expected one of: ${allowed.join(", ")})`);
}
function text(o, name, at, re, form, optional = false) {
  const v = o[name];
  if (v === void 0 && optional) return void 0;
  if (typeof v !== "string" || !re.test(v)) throw at.field(name).bad(v, form);
  return v;
}
function prefixOf(v, at) {
  const form = `a key prefix of '/'-separated names of letters, digits, '.', '_' or '-' (e.g. etcd/), or ""`;
  if (typeof v !== "string") throw at.bad(v, form);
  const trimmed = v.replace(/\/+$/, "");
  if (trimmed === "") return "";
  if (!trimmed.split("/").every((s) => PREFIX_SEGMENT.test(s))) throw at.bad(v, form);
  return `${trimmed}/`;
}
function pathOf(v, at) {
  const form = "a relative folder of '/'-separated names of letters, digits, '.', '_' or '-' (no '..')";
  if (typeof v !== "string") throw at.bad(v, form);
  const trimmed = v.replace(/\/+$/, "");
  const parts = trimmed.split("/");
  if (!parts.every((s) => PATH_SEGMENT.test(s) && !/^\.+$/.test(s))) throw at.bad(v, form);
  return trimmed;
}
function branchOf(v, at) {
  const form = "a branch name of '/'-separated parts of letters, digits, '.', '_' or '-' (no '..', no part ending in .lock)";
  if (typeof v !== "string") throw at.bad(v, form);
  const parts = v.split("/");
  const ok = v.length <= 200 && !v.includes("..") && parts.every((p) => BRANCH_SEGMENT.test(p) && !p.endsWith(".lock") && !p.endsWith("."));
  if (!ok) throw at.bad(v, form);
  return v;
}
function labelsOf(v, at) {
  if (v === void 0) return {};
  const o = object(v, at);
  const out = {};
  for (const [k, value] of Object.entries(o)) {
    if (!LABEL_KEY.test(k)) throw at.error(`label key ${show(k)}: expected ${LABEL_KEY_FORM}`);
    const s = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
    if (typeof s !== "string" || !LABEL_VALUE.test(s)) throw at.field(k).bad(value, LABEL_VALUE_FORM);
    out[k] = s;
  }
  return out;
}
var SNAPSHOT_FIELDS = ["bucket", "prefix", "cluster-name", "endpoint", "region"];
var EXPORT_FIELDS = ["path", "branch"];
function snapshotsOf(v, defaults, name, at) {
  const o = { ...defaults ?? {}, ...object(v ?? {}, at) };
  onlyFields(o, SNAPSHOT_FIELDS, at);
  const bucket = text(
    o,
    "bucket",
    at,
    BUCKET,
    "a bucket name (3-63 lowercase letters, digits, dots, hyphens)"
  );
  const endpoint = text(o, "endpoint", at, ENDPOINT, "a URL such as https://minio.example.com:9000", true);
  const region = text(o, "region", at, REGION, "an AWS region such as eu-west-1", true);
  const clusterName = text(o, "cluster-name", at, KEY_CLUSTER, "letters, digits, '.', '_' or '-' (up to 63)", true) ?? name;
  return {
    bucket,
    prefix: o.prefix === void 0 ? "etcd/" : prefixOf(o.prefix, at.field("prefix")),
    clusterName,
    ...endpoint ? { endpoint: endpoint.replace(/\/$/, "") } : {},
    ...region ? { region } : {}
  };
}
function exportOf(v, defaults, name, at) {
  const o = { ...defaults ?? {}, ...object(v ?? {}, at) };
  onlyFields(o, EXPORT_FIELDS, at);
  const fill = (x) => typeof x === "string" ? x.replaceAll("{cluster}", name) : x;
  return {
    path: o.path === void 0 ? `clusters/${name}` : pathOf(fill(o.path), at.field("path")),
    ...o.branch !== void 0 ? { branch: branchOf(fill(o.branch), at.field("branch")) } : {}
  };
}
var EKS_SERVER = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;
var BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
var SECRET_NAME_FORM = "a GitHub secret name (letters, digits and '_', not starting with a digit or GITHUB_)";
var ETCD_SECRET_FIELDS = ["etcd-ca-secret", "etcd-cert-secret", "etcd-key-secret"];
function etcdSecretsOf(o, at) {
  const [ca, cert, key] = ETCD_SECRET_FIELDS.map((f) => text(o, f, at, SECRET_NAME, SECRET_NAME_FORM, true));
  if (ca === void 0 && cert === void 0 && key === void 0) return void 0;
  if (ca === void 0 || cert === void 0 || key === void 0)
    throw at.error(
      `give all of ${ETCD_SECRET_FIELDS.join(", ")} (the secrets holding the cluster's etcd CA, client certificate and key) or none (then ${Object.values(DEFAULT_ETCD_SECRETS).join(", ")})`
    );
  return { ca, cert, key };
}
function accessOf(v, at) {
  const o = object(v, at);
  onlyFields(o, ["kubeconfig-secret", "eks", ...ETCD_SECRET_FIELDS], at);
  const secret = text(o, "kubeconfig-secret", at, SECRET_NAME, SECRET_NAME_FORM, true);
  if (secret === void 0 === (o.eks === void 0))
    throw at.error("give exactly one of kubeconfig-secret (a secret holding a kubeconfig) or eks");
  const etcdSecrets = etcdSecretsOf(o, at);
  if (secret !== void 0) return { kubeconfigSecret: secret, ...etcdSecrets ? { etcdSecrets } : {} };
  if (etcdSecrets)
    throw at.error("etcd secrets are for clusters whose etcd kubekeep can reach, not an eks identity");
  const eAt = at.field("eks");
  const e = object(o.eks, eAt);
  onlyFields(e, ["cluster-name", "region", "role-arn", "server", "certificate-authority"], eAt);
  const server = text(e, "server", eAt, EKS_SERVER, "the cluster's endpoint, https://host", true);
  const ca = text(
    e,
    "certificate-authority",
    eAt,
    BASE64,
    "the cluster's CA as base64 (describe-cluster's certificateAuthority.data)",
    true
  );
  if (ca !== void 0 && !/-----BEGIN CERTIFICATE-----/.test(Buffer.from(ca, "base64").toString("utf8")))
    throw eAt.field("certificate-authority").error("is base64 but not of a PEM certificate");
  return {
    eks: {
      clusterName: text(e, "cluster-name", eAt, EKS_NAME, "an EKS cluster name (letters, digits, '-', '_')"),
      region: text(e, "region", eAt, REGION, "an AWS region such as eu-west-1"),
      roleArn: text(
        e,
        "role-arn",
        eAt,
        ROLE_ARN,
        "an IAM role ARN such as arn:aws:iam::123456789012:role/kubekeep"
      ),
      ...server !== void 0 ? { server } : {},
      ...ca !== void 0 ? { certificateAuthority: ca } : {}
    }
  };
}
function clusterOf(v, index, defaults, file) {
  let at = new At(file, `clusters[${index}]`);
  const o = object(v, at);
  const name = text(o, "name", at, CLUSTER_NAME, CLUSTER_NAME_FORM);
  at = new At(file, `cluster '${name}' (clusters[${index}])`);
  onlyFields(o, ["name", "labels", "kind", "access", "snapshots", "export"], at);
  const kind = o.kind;
  if (typeof kind !== "string" || !CLUSTER_KINDS.includes(kind))
    throw at.field("kind").bad(kind, `one of ${CLUSTER_KINDS.join(", ")}`);
  if (o.access === void 0) throw at.error("field 'access' is missing (kubeconfig-secret or eks)");
  const access = accessOf(o.access, at.field("access"));
  if (access.eks && kind !== "eks") throw at.field("access.eks").error(`is for kind eks, not ${kind}`);
  if (access.etcdSecrets && !ETCD_KINDS.includes(kind))
    throw at.field("access").error(`a ${kind} cluster's etcd is managed by its provider: remove ${ETCD_SECRET_FIELDS.join(", ")}`);
  if (o.snapshots !== void 0 && !ETCD_KINDS.includes(kind))
    throw at.field("snapshots").error(
      `a ${kind} cluster's etcd is managed by its provider: kubekeep cannot snapshot it; remove snapshots`
    );
  return {
    name,
    labels: labelsOf(o.labels, at.field("labels")),
    kind,
    access,
    ...o.snapshots !== void 0 ? { snapshots: snapshotsOf(o.snapshots, defaults.snapshots, name, at.field("snapshots")) } : {},
    ...o.export !== void 0 || defaults.export ? { export: exportOf(o.export, defaults.export, name, at.field("export")) } : {}
  };
}
function parseInventory(textIn, file) {
  let doc;
  try {
    doc = (0, import_yaml.parse)(textIn, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (err) {
    throw new ConfigurationError(`${file}: not valid YAML: ${errorMessage(err).split("\n")[0]}`);
  }
  const root = new At(file, "top level");
  const o = object(doc, root);
  onlyFields(o, ["version", "defaults", "clusters"], root);
  if (o.version !== 1) throw root.field("version").bad(o.version, "1 (the inventory format's version)");
  const defaults = {};
  if (o.defaults !== void 0) {
    const dAt = new At(file, "defaults");
    const d = object(o.defaults, dAt);
    onlyFields(d, ["snapshots", "export"], dAt);
    if (d.snapshots !== void 0) {
      defaults.snapshots = object(d.snapshots, dAt.field("snapshots"));
      onlyFields(defaults.snapshots, SNAPSHOT_FIELDS, dAt.field("snapshots"));
    }
    if (d.export !== void 0) {
      defaults.export = object(d.export, dAt.field("export"));
      onlyFields(defaults.export, EXPORT_FIELDS, dAt.field("export"));
    }
  }
  if (!Array.isArray(o.clusters) || o.clusters.length === 0)
    throw root.field("clusters").bad(o.clusters, "a list of at least one cluster");
  const clusters = o.clusters.map((c, i) => clusterOf(c, i, defaults, file));
  checkUnique(clusters, file);
  return { file, clusters };
}
function checkUnique(clusters, file) {
  const seen = /* @__PURE__ */ new Map();
  const claim = (what, owner) => {
    const first = seen.get(what);
    if (first !== void 0)
      throw new ConfigurationError(
        `${file}: clusters '${first}' and '${owner}' share ${what}; each needs its own`
      );
    seen.set(what, owner);
  };
  for (const c of clusters) {
    claim(`the name '${c.name}'`, c.name);
    if (c.snapshots)
      claim(
        `the snapshot catalog ${c.snapshots.endpoint ?? "s3:"}//${c.snapshots.bucket}/${c.snapshots.prefix}${c.snapshots.clusterName}/`,
        c.name
      );
    if (c.export)
      claim(`the export folder ${c.export.path} on ${c.export.branch ?? "the workflow's branch"}`, c.name);
  }
}
function readInventory(file) {
  let body;
  try {
    body = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigurationError(
      `input 'inventory': cannot read ${file} (${err.code ?? errorMessage(err)}); give the path of the fleet inventory in the repository, e.g. .github/fleet.yaml`
    );
  }
  return parseInventory(body, file);
}

// src/fleet/plan.ts
var GITHUB_MATRIX_LIMIT = 256;
var MAX_PAGES = 4;
function entryOf(c, waveLabel) {
  const etcd = ETCD_KINDS.includes(c.kind) ? c.access.etcdSecrets ?? DEFAULT_ETCD_SECRETS : void 0;
  return {
    name: c.name,
    kind: c.kind,
    labels: c.labels,
    wave: c.labels[waveLabel] ?? "",
    "kubeconfig-secret": c.access.kubeconfigSecret ?? "",
    "eks-cluster": c.access.eks?.clusterName ?? "",
    "eks-region": c.access.eks?.region ?? "",
    "eks-role-arn": c.access.eks?.roleArn ?? "",
    "eks-server": c.access.eks?.server ?? "",
    "eks-certificate-authority": c.access.eks?.certificateAuthority ?? "",
    "etcd-ca-secret": etcd?.ca ?? "",
    "etcd-cert-secret": etcd?.cert ?? "",
    "etcd-key-secret": etcd?.key ?? "",
    snapshots: c.snapshots !== void 0,
    "s3-bucket": c.snapshots?.bucket ?? "",
    "s3-prefix": c.snapshots?.prefix ?? "",
    "s3-endpoint": c.snapshots?.endpoint ?? "",
    "s3-region": c.snapshots?.region ?? "",
    "cluster-name": c.snapshots?.clusterName ?? "",
    export: c.export !== void 0,
    "export-path": c.export?.path ?? "",
    "export-branch": c.export?.branch ?? "",
    "concurrency-group": `kubekeep-cluster-${c.name}`
  };
}
function selectClusters(inv, opts) {
  const picked = inv.clusters.filter((c) => matchesLabels(opts.selector, c.labels));
  const rank = (c) => {
    if (opts.waveOrder.length === 0) return 0;
    const wave = c.labels[opts.waveLabel];
    const i = wave === void 0 ? -1 : opts.waveOrder.indexOf(wave);
    if (i < 0)
      throw new ConfigurationError(
        `input 'wave-order': cluster '${c.name}' (${inv.file}) has ${wave === void 0 ? `no label '${opts.waveLabel}'` : `${opts.waveLabel}=${wave}`}, which is not in the wave order ${opts.waveOrder.join(", ")}; add it to wave-order or narrow the selector`
      );
    return i;
  };
  const ranked = picked.map((c) => ({ c, r: rank(c) }));
  ranked.sort((a, b) => a.r - b.r || (a.c.name < b.c.name ? -1 : a.c.name > b.c.name ? 1 : 0));
  return ranked.map((x) => x.c);
}
function planFleet(inv, opts) {
  const clusters = selectClusters(inv, opts);
  const entries = clusters.map((c) => entryOf(c, opts.waveLabel));
  const pages = [];
  for (let i = 0; i < entries.length; i += opts.pageSize) pages.push(entries.slice(i, i + opts.pageSize));
  if (pages.length > MAX_PAGES)
    throw new ConfigurationError(
      `${inv.file}: the selector picks ${entries.length} clusters, more than ${MAX_PAGES} pages of ${opts.pageSize} (the outputs matrix to matrix-${MAX_PAGES}); narrow the selector and plan the fleet in parts`
    );
  const waves = [];
  for (const e of entries) if (e.wave !== "" && !waves.includes(e.wave)) waves.push(e.wave);
  return { entries, pages, waves };
}
function matrixJson(page) {
  return JSON.stringify({ include: page ?? [] });
}

export {
  readInventory,
  GITHUB_MATRIX_LIMIT,
  MAX_PAGES,
  selectClusters,
  planFleet,
  matrixJson
};
