/**
 * The fleet inventory: one YAML file in the user's repository listing every
 * cluster (its name, labels, kind, how to reach it, where its snapshots and
 * its export live). Parsed and checked strictly here, once: its values reach
 * job names, branch names, concurrency groups and S3 keys, so every name is
 * held to a pattern and every unknown field is refused (a typo such as
 * `snapshot:` for `snapshots:` would otherwise silently drop a cluster's
 * backups from the report). Each error names the file, the cluster, the
 * field, the bad value and the expected form. The format is in docs/fleet.md.
 */
import fs from "node:fs";
import { parse } from "yaml";
import { ConfigurationError, errorMessage } from "../core/errors.ts";
import { LABEL_KEY } from "./config.ts";

export const CLUSTER_KINDS = ["kubeadm", "k3s", "rke2", "eks", "gke", "aks", "other"] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

/** Kinds whose etcd kubekeep can reach (managed clusters hide theirs). */
export const ETCD_KINDS: readonly ClusterKind[] = ["kubeadm", "k3s", "rke2", "other"];

export interface EksIdentity {
  clusterName: string;
  region: string;
  roleArn: string;
  /** The API endpoint (https://...), for eks-server. */
  server?: string;
  /** The CA, base64 of PEM as describe-cluster gives it, for eks-certificate-authority. */
  certificateAuthority?: string;
}

/** The names of the secrets holding a cluster's etcd client certificate (never their values). */
export interface EtcdSecretNames {
  ca: string;
  cert: string;
  key: string;
}

/**
 * The secret names a job reads when the inventory names none: the same names
 * for every cluster, each cluster's values held in its GitHub Environment.
 */
export const DEFAULT_ETCD_SECRETS: EtcdSecretNames = {
  ca: "ETCD_CA",
  cert: "ETCD_CLIENT_CERT",
  key: "ETCD_CLIENT_KEY",
};

export interface ClusterAccess {
  /** The name of the repository secret holding the cluster's kubeconfig. */
  kubeconfigSecret?: string;
  eks?: EksIdentity;
  /** Per-cluster secret names of the etcd client certificate, for fleets whose clusters each have their own etcd CA. */
  etcdSecrets?: EtcdSecretNames;
}

export interface SnapshotLocation {
  bucket: string;
  /** "" or ending in "/", as the s3-prefix input. */
  prefix: string;
  /** The cluster name in the object keys (the cluster-name input). */
  clusterName: string;
  /** Endpoint of an S3-compatible store; AWS S3 when absent. */
  endpoint?: string;
  region?: string;
}

export interface ExportLocation {
  /** Folder in the repository the export is written to (relative, no `..`). */
  path: string;
  /** Branch the export is committed to; the workflow's own branch when absent. */
  branch?: string;
}

export interface FleetCluster {
  name: string;
  labels: Record<string, string>;
  kind: ClusterKind;
  access: ClusterAccess;
  snapshots?: SnapshotLocation;
  export?: ExportLocation;
}

export interface Inventory {
  file: string;
  clusters: FleetCluster[];
}

/** Cluster names become job names, branches, concurrency groups and S3 key parts: DNS-label-like. */
export const CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;
const CLUSTER_NAME_FORM =
  "1-40 lower-case letters, digits or '-', starting and ending with a letter or digit";
const LABEL_KEY_FORM =
  "1-63 lower-case letters, digits, '.', '_' or '-', starting and ending with a letter or digit";
export const LABEL_VALUE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE_FORM = "1-63 letters, digits, '.', '_' or '-', starting and ending with a letter or digit";
const SECRET_NAME = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]{0,99}$/i;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const KEY_CLUSTER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const ENDPOINT = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const EKS_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;
const ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[A-Za-z0-9+=,.@_/-]{1,512}$/;
const PATH_SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const BRANCH_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;

type Obj = Record<string, unknown>;

/** Where a value sits, for messages: `fleet.yaml: cluster 'prod' (clusters[2]): snapshots.bucket`. */
class At {
  readonly file: string;
  /** The part of the file: `cluster 'prod' (clusters[2])`, `defaults`, ... */
  readonly owner: string;
  /** The field within it: `snapshots.bucket`. */
  readonly path: string;
  constructor(file: string, owner: string, path = "") {
    this.file = file;
    this.owner = owner;
    this.path = path;
  }
  field(name: string): At {
    return new At(this.file, this.owner, this.path ? `${this.path}.${name}` : name);
  }
  error(problem: string): ConfigurationError {
    return new ConfigurationError(
      `${this.file}: ${this.owner}${this.path ? `: ${this.path}` : ""}: ${problem}`,
    );
  }
  bad(value: unknown, expected: string): ConfigurationError {
    return this.error(`got ${show(value)}, expected ${expected}`);
  }
}

function show(v: unknown): string {
  const s = v === undefined ? "nothing" : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function object(v: unknown, at: At): Obj {
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw at.bad(v, "a mapping");
  return v as Obj;
}

function onlyFields(o: Obj, allowed: readonly string[], at: At): void {
  for (const k of Object.keys(o))
    if (!allowed.includes(k))
      throw at.error(`unknown field ${JSON.stringify(k)} (expected one of: ${allowed.join(", ")})`);
}

function text(o: Obj, name: string, at: At, re: RegExp, form: string): string;
function text(o: Obj, name: string, at: At, re: RegExp, form: string, optional: true): string | undefined;
function text(o: Obj, name: string, at: At, re: RegExp, form: string, optional = false): string | undefined {
  const v = o[name];
  if (v === undefined && optional) return undefined;
  if (typeof v !== "string" || !re.test(v)) throw at.field(name).bad(v, form);
  return v;
}

function prefixOf(v: unknown, at: At): string {
  const form =
    "a key prefix of '/'-separated names of letters, digits, '.', '_' or '-' (e.g. etcd/), or \"\"";
  if (typeof v !== "string") throw at.bad(v, form);
  const trimmed = v.replace(/\/+$/, "");
  if (trimmed === "") return "";
  if (!trimmed.split("/").every((s) => PREFIX_SEGMENT.test(s))) throw at.bad(v, form);
  return `${trimmed}/`;
}

function pathOf(v: unknown, at: At): string {
  const form = "a relative folder of '/'-separated names of letters, digits, '.', '_' or '-' (no '..')";
  if (typeof v !== "string") throw at.bad(v, form);
  const trimmed = v.replace(/\/+$/, "");
  const parts = trimmed.split("/");
  if (!parts.every((s) => PATH_SEGMENT.test(s) && !/^\.+$/.test(s))) throw at.bad(v, form);
  return trimmed;
}

function branchOf(v: unknown, at: At): string {
  const form =
    "a branch name of '/'-separated parts of letters, digits, '.', '_' or '-' (no '..', no part ending in .lock)";
  if (typeof v !== "string") throw at.bad(v, form);
  const parts = v.split("/");
  const ok =
    v.length <= 200 &&
    !v.includes("..") &&
    parts.every((p) => BRANCH_SEGMENT.test(p) && !p.endsWith(".lock") && !p.endsWith("."));
  if (!ok) throw at.bad(v, form);
  return v;
}

function labelsOf(v: unknown, at: At): Record<string, string> {
  if (v === undefined) return {};
  const o = object(v, at);
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(o)) {
    if (!LABEL_KEY.test(k)) throw at.error(`label key ${show(k)}: expected ${LABEL_KEY_FORM}`);
    // YAML reads `wave: 1` as a number: take it as the label's text.
    const s = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
    if (typeof s !== "string" || !LABEL_VALUE.test(s)) throw at.field(k).bad(value, LABEL_VALUE_FORM);
    out[k] = s;
  }
  return out;
}

const SNAPSHOT_FIELDS = ["bucket", "prefix", "cluster-name", "endpoint", "region"] as const;
const EXPORT_FIELDS = ["path", "branch"] as const;

interface Defaults {
  snapshots?: Obj;
  export?: Obj;
}

function snapshotsOf(v: unknown, defaults: Obj | undefined, name: string, at: At): SnapshotLocation {
  const o = { ...(defaults ?? {}), ...object(v ?? {}, at) };
  onlyFields(o, SNAPSHOT_FIELDS, at);
  const bucket = text(
    o,
    "bucket",
    at,
    BUCKET,
    "a bucket name (3-63 lowercase letters, digits, dots, hyphens)",
  );
  const endpoint = text(o, "endpoint", at, ENDPOINT, "a URL such as https://minio.example.com:9000", true);
  const region = text(o, "region", at, REGION, "an AWS region such as eu-west-1", true);
  const clusterName =
    text(o, "cluster-name", at, KEY_CLUSTER, "letters, digits, '.', '_' or '-' (up to 63)", true) ?? name;
  return {
    bucket,
    prefix: o.prefix === undefined ? "etcd/" : prefixOf(o.prefix, at.field("prefix")),
    clusterName,
    ...(endpoint ? { endpoint: endpoint.replace(/\/$/, "") } : {}),
    ...(region ? { region } : {}),
  };
}

function exportOf(v: unknown, defaults: Obj | undefined, name: string, at: At): ExportLocation {
  const o = { ...(defaults ?? {}), ...object(v ?? {}, at) };
  onlyFields(o, EXPORT_FIELDS, at);
  // `{cluster}` in a default stands for the cluster's name, so one default serves the fleet.
  const fill = (x: unknown) => (typeof x === "string" ? x.replaceAll("{cluster}", name) : x);
  return {
    path: o.path === undefined ? `clusters/${name}` : pathOf(fill(o.path), at.field("path")),
    ...(o.branch !== undefined ? { branch: branchOf(fill(o.branch), at.field("branch")) } : {}),
  };
}

const EKS_SERVER = /^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const SECRET_NAME_FORM =
  "a GitHub secret name (letters, digits and '_', not starting with a digit or GITHUB_)";
const ETCD_SECRET_FIELDS = ["etcd-ca-secret", "etcd-cert-secret", "etcd-key-secret"] as const;

/** The three etcd secret names, all or none (a partial set would mix two clusters' certificates). */
function etcdSecretsOf(o: Obj, at: At): EtcdSecretNames | undefined {
  const [ca, cert, key] = ETCD_SECRET_FIELDS.map((f) => text(o, f, at, SECRET_NAME, SECRET_NAME_FORM, true));
  if (ca === undefined && cert === undefined && key === undefined) return undefined;
  if (ca === undefined || cert === undefined || key === undefined)
    throw at.error(
      `give all of ${ETCD_SECRET_FIELDS.join(", ")} (the secrets holding the cluster's etcd CA, client certificate and key) or none (then ${Object.values(DEFAULT_ETCD_SECRETS).join(", ")})`,
    );
  return { ca, cert, key };
}

function accessOf(v: unknown, at: At): ClusterAccess {
  const o = object(v, at);
  onlyFields(o, ["kubeconfig-secret", "eks", ...ETCD_SECRET_FIELDS], at);
  const secret = text(o, "kubeconfig-secret", at, SECRET_NAME, SECRET_NAME_FORM, true);
  if ((secret === undefined) === (o.eks === undefined))
    throw at.error("give exactly one of kubeconfig-secret (a secret holding a kubeconfig) or eks");
  const etcdSecrets = etcdSecretsOf(o, at);
  if (secret !== undefined) return { kubeconfigSecret: secret, ...(etcdSecrets ? { etcdSecrets } : {}) };
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
    true,
  );
  if (ca !== undefined && !/-----BEGIN CERTIFICATE-----/.test(Buffer.from(ca, "base64").toString("utf8")))
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
        "an IAM role ARN such as arn:aws:iam::123456789012:role/kubekeep",
      ),
      ...(server !== undefined ? { server } : {}),
      ...(ca !== undefined ? { certificateAuthority: ca } : {}),
    },
  };
}

function clusterOf(v: unknown, index: number, defaults: Defaults, file: string): FleetCluster {
  let at = new At(file, `clusters[${index}]`);
  const o = object(v, at);
  const name = text(o, "name", at, CLUSTER_NAME, CLUSTER_NAME_FORM);
  at = new At(file, `cluster '${name}' (clusters[${index}])`);
  onlyFields(o, ["name", "labels", "kind", "access", "snapshots", "export"], at);
  const kind = o.kind;
  if (typeof kind !== "string" || !(CLUSTER_KINDS as readonly string[]).includes(kind))
    throw at.field("kind").bad(kind, `one of ${CLUSTER_KINDS.join(", ")}`);
  if (o.access === undefined) throw at.error("field 'access' is missing (kubeconfig-secret or eks)");
  const access = accessOf(o.access, at.field("access"));
  if (access.eks && kind !== "eks") throw at.field("access.eks").error(`is for kind eks, not ${kind}`);
  if (access.etcdSecrets && !ETCD_KINDS.includes(kind as ClusterKind))
    throw at
      .field("access")
      .error(`a ${kind} cluster's etcd is managed by its provider: remove ${ETCD_SECRET_FIELDS.join(", ")}`);
  if (o.snapshots !== undefined && !ETCD_KINDS.includes(kind as ClusterKind))
    throw at
      .field("snapshots")
      .error(
        `a ${kind} cluster's etcd is managed by its provider: kubekeep cannot snapshot it; remove snapshots`,
      );
  return {
    name,
    labels: labelsOf(o.labels, at.field("labels")),
    kind: kind as ClusterKind,
    access,
    ...(o.snapshots !== undefined
      ? { snapshots: snapshotsOf(o.snapshots, defaults.snapshots, name, at.field("snapshots")) }
      : {}),
    ...(o.export !== undefined || defaults.export
      ? { export: exportOf(o.export, defaults.export, name, at.field("export")) }
      : {}),
  };
}

/** Parses inventory text (YAML or JSON); `file` names it in errors. */
export function parseInventory(textIn: string, file: string): Inventory {
  let doc: unknown;
  try {
    doc = parse(textIn, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (err) {
    throw new ConfigurationError(`${file}: not valid YAML: ${errorMessage(err).split("\n")[0]}`);
  }
  const root = new At(file, "top level");
  const o = object(doc, root);
  onlyFields(o, ["version", "defaults", "clusters"], root);
  if (o.version !== 1) throw root.field("version").bad(o.version, "1 (the inventory format's version)");
  const defaults: Defaults = {};
  if (o.defaults !== undefined) {
    const dAt = new At(file, "defaults");
    const d = object(o.defaults, dAt);
    onlyFields(d, ["snapshots", "export"], dAt);
    if (d.snapshots !== undefined) {
      defaults.snapshots = object(d.snapshots, dAt.field("snapshots"));
      onlyFields(defaults.snapshots, SNAPSHOT_FIELDS, dAt.field("snapshots"));
    }
    if (d.export !== undefined) {
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

/** Two clusters sharing a name, a snapshot catalog or an export folder would overwrite each other. */
function checkUnique(clusters: FleetCluster[], file: string): void {
  const seen = new Map<string, string>();
  const claim = (what: string, owner: string) => {
    const first = seen.get(what);
    if (first !== undefined)
      throw new ConfigurationError(
        `${file}: clusters '${first}' and '${owner}' share ${what}; each needs its own`,
      );
    seen.set(what, owner);
  };
  for (const c of clusters) {
    claim(`the name '${c.name}'`, c.name);
    if (c.snapshots)
      claim(
        `the snapshot catalog ${c.snapshots.endpoint ?? "s3:"}//${c.snapshots.bucket}/${c.snapshots.prefix}${c.snapshots.clusterName}/`,
        c.name,
      );
    if (c.export)
      claim(`the export folder ${c.export.path} on ${c.export.branch ?? "the workflow's branch"}`, c.name);
  }
}

/** Reads and parses the inventory file. */
export function readInventory(file: string): Inventory {
  let body: string;
  try {
    body = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigurationError(
      `input 'inventory': cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? errorMessage(err)}); give the path of the fleet inventory in the repository, e.g. .github/fleet.yaml`,
    );
  }
  return parseInventory(body, file);
}
