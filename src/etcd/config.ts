/**
 * The typed configs of the etcd capabilities, parsed from their inputs in one
 * place. Certificates and the encryption key may be given as file paths or
 * as contents (from secrets); contents are masked.
 */
import fs from "node:fs";
import {
  clusterInputs,
  stallInputs,
  stallTimeout,
  parseClusterConfig,
  type ClusterConfig,
} from "../config/cluster.ts";
import type { InputSource } from "../config/inputs.ts";
import { input, readInputs } from "../config/schema.ts";
import { badInput, ConfigurationError } from "../core/errors.ts";
import type { Logger } from "../core/logger.ts";
import { COMPRESSIONS, type Compression } from "../storage/compression.ts";
import { parseKey } from "../storage/encryption.ts";
import type { RetentionPolicy } from "../storage/retention.ts";
import type { S3Config } from "../storage/s3.ts";
import type { EtcdTls } from "./client.ts";

export interface EtcdAccess {
  /** host:port (https:// stripped); undefined means port-forward through the Kubernetes API. */
  endpoint?: string;
  tls: EtcdTls;
  /** The etcd pod to port-forward to; default: the first Running one labelled component=etcd. */
  pod?: string;
  cluster: ClusterConfig;
  /** How long etcd may send no snapshot data (`stall-timeout`). */
  stallTimeoutMs: number;
}

export interface StorageConfig {
  s3: S3Config;
  clusterName: string;
  /** The 32-byte key, or undefined for no client-side encryption. */
  encryptionKey?: Buffer;
  /** With a key: also use plain and older-format snapshots (`allow-unauthenticated-snapshots`). */
  allowUnauthenticated?: boolean;
}

export interface SnapshotConfig {
  etcd: EtcdAccess;
  storage: StorageConfig;
  compression: Compression;
  verify: boolean;
  /** Also recompute HashKV from the stored snapshot and compare with the live member. */
  verifyHashKV: boolean;
  retention: RetentionPolicy;
  dryRun: boolean;
}

export interface VerifyConfig {
  storage: StorageConfig;
  /** Object key, or undefined for the newest snapshot. */
  key?: string;
}

export interface PruneConfig {
  storage: StorageConfig;
  retention: RetentionPolicy;
  dryRun: boolean;
}

export interface RestoreConfig {
  storage: StorageConfig;
  key?: string;
  output: string;
  dataDir: string;
  run: boolean;
  etcdutl: string;
  /** How long etcdutl snapshot restore may run before its process group is ended and the restore fails. */
  etcdutlTimeoutMs: number;
  /** etcdutl --name/--initial-cluster/--initial-advertise-peer-urls, when given. */
  memberName?: string;
  initialCluster?: string;
  peerUrls?: string;
}

const PEM_RE = /-----BEGIN [A-Z ]+-----/;

/** Reaching etcd: directly, or by port-forward through the Kubernetes API. */
export const etcdAccessInputs = {
  kubeconfig: {
    ...clusterInputs.kubeconfig,
    description:
      "Kubeconfig content (from a secret) or a path to one, used to port-forward to an etcd static pod when etcd-endpoint is empty.",
  },
  "kubeconfig-path": clusterInputs["kubeconfig-path"],
  context: clusterInputs.context,
  ...stallInputs,
  "etcd-endpoint": input.string({
    description:
      "etcd client address, https://host:2379, for a runner that can reach etcd. Empty: port-forward through the Kubernetes API to the etcd static pod (label component=etcd in kube-system) of a kubeadm control plane.",
  }),
  "etcd-pod": input.string({
    description: "The etcd pod to port-forward to.",
    defaultText: "the first Running pod labelled component=etcd in kube-system",
  }),
  "etcd-ca": input.string({
    description:
      "The etcd CA certificate: PEM content (from a secret) or a file path (kubeadm: /etc/kubernetes/pki/etcd/ca.crt).",
    required: true,
  }),
  "etcd-cert": input.string({
    description:
      "An etcd client certificate: PEM content or a file path (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.crt).",
    required: true,
  }),
  "etcd-key": input.string({
    description:
      "That certificate's private key: PEM content (masked) or a file path (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.key).",
    required: true,
    secret: true,
  }),
};

/** Where snapshots are stored, shared by every etcd capability. */
export const storageInputs = {
  ...stallInputs,
  "s3-bucket": input.string({ description: "The S3 bucket that holds the snapshots.", required: true }),
  "s3-prefix": input.string({
    description:
      "Key prefix; snapshots go to <prefix><cluster-name>/<cluster-name>-etcd-<UTC time>.db[.zst|.gz][.enc] with a .json metadata sidecar.",
    default: "etcd/",
  }),
  "cluster-name": input.string({
    description: "Cluster name in the object keys (kubeadm's default clusterName is kubernetes).",
    default: "kubernetes",
  }),
  "s3-endpoint": input.string({
    description:
      "Endpoint of an S3-compatible store (MinIO, Ceph, R2, versitygw, ...). Credentials come from the SDK's default chain (AWS_* variables, OIDC web identity via aws-actions/configure-aws-credentials, instance roles).",
    defaultText: "AWS S3",
  }),
  "s3-region": input.string({ description: "Bucket region.", defaultText: "$AWS_REGION, else us-east-1" }),
  "s3-force-path-style": input.boolean({
    description: "Path-style addressing (bucket in the path).",
    defaultText: "true when s3-endpoint is set, else false",
  }),
  "s3-sse": input.enum(["none", "AES256", "aws:kms"] as const, {
    description:
      "Server-side encryption: none (the bucket's default applies), AES256 (SSE-S3) or aws:kms (SSE-KMS).",
    default: "none",
  }),
  "s3-sse-kms-key-id": input.string({
    description: "KMS key for s3-sse: aws:kms.",
    defaultText: "the account's aws/s3 key",
  }),
  "s3-checksum": input.enum(["when_supported", "when_required"] as const, {
    description:
      "Request checksums: when_supported (AWS default) or when_required (for S3-compatible stores that reject the SDK's CRC checksums).",
    default: "when_supported",
  }),
  "s3-part-size": input.size({
    description:
      "Multipart part size (at least 5Mi, S3's minimum). Memory used by the upload is about s3-part-size x s3-queue-size.",
    default: "5Mi",
  }),
  "s3-queue-size": input.integer({ description: "Parts uploaded in parallel.", default: 4, min: 1, max: 64 }),
  "encryption-key": input.string({
    description:
      "Client-side encryption key (masked): 32 bytes as 64 hex digits or base64 (openssl rand -base64 32), or a file holding one. Snapshots are then sealed with AES-256-GCM in 64 KiB authenticated chunks. Needed to verify or restore encrypted snapshots.",
    secret: true,
  }),
  "allow-unauthenticated-snapshots": input.boolean({
    description:
      "With encryption-key: also use snapshots that are not authenticated (plain objects, and objects and sidecars of the format before name binding) as the newest, for retention and for verify. Off, they are reported and left alone; anyone who can write to the bucket can put such an object there (SECURITY.md).",
    default: false,
  }),
};

/** S3 Object Lock for what etcd-snapshot writes (SECURITY.md: immutable backups). */
export const objectLockInputs = {
  "object-lock-mode": input.enum(["none", "GOVERNANCE", "COMPLIANCE"] as const, {
    description:
      "Object Lock retention of every object written (snapshot and sidecar) on a bucket created with Object Lock: GOVERNANCE (users with s3:BypassGovernanceRetention may still delete) or COMPLIANCE (nobody can, until it ends). none: the bucket's default retention, if any.",
    default: "none",
  }),
  "object-lock-retain": input.duration({
    description: "How long each object is retained with object-lock-mode (e.g. 30d).",
    min: "1m",
  }),
};

/** The retention policy (a snapshot any rule keeps stays). */
export const retentionInputs = {
  "keep-last": input.integer({ description: "Retention: keep the N newest snapshots.", min: 0 }),
  "max-age": input.duration({
    description: "Retention: keep every snapshot younger than this (e.g. 7d, 36h).",
  }),
  "keep-daily": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent days (UTC).",
    min: 0,
  }),
  "keep-weekly": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent ISO weeks.",
    min: 0,
  }),
  "keep-monthly": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent months.",
    min: 0,
  }),
  "dry-run": input.boolean({ description: "Retention: only show what would be deleted.", default: false }),
};

const keyInput = {
  key: input.string({ description: "Object key of the snapshot.", defaultText: "the newest" }),
};

export const snapshotInputs = {
  ...etcdAccessInputs,
  ...storageInputs,
  compression: input.enum(COMPRESSIONS, {
    description: "zstd, gzip or none. zstd falls back to gzip on runtimes without it.",
    default: "zstd",
  }),
  verify: input.boolean({
    description:
      "After the upload, download the snapshot and check its sha256, size and bolt structure. Retention only prunes after a successful verify.",
    default: true,
  }),
  "verify-hashkv": input.boolean({
    description:
      "Also recompute etcd's HashKV from the downloaded snapshot and compare it with the live member's HashKV at the snapshot's revision (a mismatch fails the run). Needs temporary disk space for the database.",
    default: false,
  }),
  ...objectLockInputs,
  ...retentionInputs,
};

export const verifyInputs = { ...storageInputs, ...keyInput };
export const listInputs = storageInputs;
export const pruneInputs = { ...storageInputs, ...retentionInputs };

export const restoreInputs = {
  ...storageInputs,
  ...keyInput,
  output: input.string({ description: "Where to write the .db file.", default: "etcd-snapshot.db" }),
  "data-dir": input.string({
    description: "Data dir for the restored member.",
    default: "/var/lib/etcd-restored",
  }),
  "run-restore": input.boolean({
    description:
      "Run etcdutl snapshot restore into data-dir (must not exist or be empty). When false, only print the commands.",
    default: false,
  }),
  etcdutl: input.string({ description: "etcdutl to run (a name on PATH or a path).", default: "etcdutl" }),
  "etcdutl-timeout": input.duration({
    description:
      "How long etcdutl snapshot restore may run; at the deadline its process group is ended (SIGTERM, then SIGKILL) and the restore fails, leaving data-dir to be removed.",
    default: "30m",
  }),
  "member-name": input.string({ description: "etcdutl --name." }),
  "initial-cluster": input.string({ description: "etcdutl --initial-cluster." }),
  "initial-advertise-peer-urls": input.string({ description: "etcdutl --initial-advertise-peer-urls." }),
};

/** A PEM input: the contents themselves, or the path of a file holding them. */
function pem(name: string, v: string, secret = false): string {
  if (PEM_RE.test(v)) return v.replace(/\\n/g, "\n");
  if (!fs.existsSync(v)) {
    throw new ConfigurationError(
      `input '${name}': ${secret ? "the value (not shown: it may be secret)" : JSON.stringify(v)} is neither PEM content (-----BEGIN ...) nor an existing file`,
    );
  }
  const text = fs.readFileSync(v, "utf8");
  if (!PEM_RE.test(text))
    throw new ConfigurationError(`input '${name}': file ${JSON.stringify(v)} holds no PEM block`);
  return text;
}

export function parseEtcdAccess(src: InputSource): EtcdAccess {
  const v = readInputs(etcdAccessInputs, src);
  const raw = v["etcd-endpoint"];
  let endpoint: string | undefined;
  if (raw !== undefined) {
    const m = /^(?:https:\/\/)?([^/\s:]+|\[[0-9a-fA-F:]+\]):(\d{1,5})\/?$/.exec(raw);
    if (!m) {
      if (/^http:\/\//.test(raw))
        throw badInput("etcd-endpoint", raw, "an https:// address: etcd must use TLS");
      throw badInput("etcd-endpoint", raw, "https://host:port, e.g. https://10.0.0.10:2379");
    }
    endpoint = `${m[1]}:${m[2]}`;
  }
  const tls = {
    ca: pem("etcd-ca", v["etcd-ca"]),
    cert: pem("etcd-cert", v["etcd-cert"]),
    key: pem("etcd-key", v["etcd-key"], true),
  };
  const pod = v["etcd-pod"];
  return {
    ...(endpoint ? { endpoint } : {}),
    tls,
    ...(pod ? { pod } : {}),
    cluster: parseClusterConfig(src),
    stallTimeoutMs: stallTimeout(src),
  };
}

export function parseStorage(src: InputSource): StorageConfig {
  const v = readInputs(storageInputs, src);
  const bucket = v["s3-bucket"];
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw badInput("s3-bucket", bucket, "a bucket name (3-63 lowercase letters, digits, dots, hyphens)");
  }
  let prefix = v["s3-prefix"];
  prefix = prefix.replace(/^\/+/, "");
  if (prefix !== "" && !prefix.endsWith("/")) prefix += "/";
  // The prefix is part of every key, and keys reach outputs that a workflow
  // may paste into a shell line: the same safe characters as a snapshot name.
  if (
    !/^[A-Za-z0-9._/-]*$/.test(prefix) ||
    prefix.split("/").some((part) => part === "..") ||
    prefix.includes("//")
  )
    throw badInput(
      "s3-prefix",
      v["s3-prefix"],
      "letters, digits, '.', '_', '-' and '/' (no '..' segment, no '//'), e.g. etcd/",
    );
  const endpoint = v["s3-endpoint"];
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    throw badInput("s3-endpoint", endpoint, "a URL such as https://minio.example.com:9000");
  }
  const sse = v["s3-sse"];
  const kmsKeyId = v["s3-sse-kms-key-id"];
  if (kmsKeyId && sse !== "aws:kms") {
    throw new ConfigurationError("input 's3-sse-kms-key-id' needs s3-sse: aws:kms");
  }
  const region = v["s3-region"];
  const partSize = v["s3-part-size"];
  if (partSize < 5 * 1024 * 1024)
    throw badInput("s3-part-size", src("s3-part-size"), "at least 5Mi (S3's minimum part size)");
  const s3: S3Config = {
    bucket,
    prefix,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    forcePathStyle: v["s3-force-path-style"] ?? endpoint !== undefined,
    sse,
    ...(kmsKeyId ? { kmsKeyId } : {}),
    checksum: v["s3-checksum"],
    partSize,
    queueSize: v["s3-queue-size"],
    stallTimeoutMs: stallTimeout(src),
  };
  const clusterName = v["cluster-name"];
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(clusterName)) {
    throw badInput(
      "cluster-name",
      clusterName,
      "letters, digits, '.', '_' or '-' (it becomes part of the object key)",
    );
  }
  const keyText = v["encryption-key"];
  let encryptionKey: Buffer | undefined;
  if (keyText !== undefined) {
    const text = !/\s/.test(keyText) && fs.existsSync(keyText) ? fs.readFileSync(keyText, "utf8") : keyText;
    encryptionKey = parseKey(text);
    if (!encryptionKey) {
      throw new ConfigurationError(
        "input 'encryption-key': expected a 32-byte key as 64 hex digits or base64 (e.g. `openssl rand -base64 32`), or a file holding one (value not shown: it is secret)",
      );
    }
  }
  const allowUnauthenticated = v["allow-unauthenticated-snapshots"];
  return {
    s3,
    clusterName,
    ...(encryptionKey ? { encryptionKey } : {}),
    ...(allowUnauthenticated ? { allowUnauthenticated } : {}),
  };
}

export function parseRetention(src: InputSource): RetentionPolicy {
  const v = readInputs(retentionInputs, src);
  const p: RetentionPolicy = {};
  if (v["keep-last"]) p.keepLast = v["keep-last"];
  if (v["max-age"] !== undefined) p.maxAgeMs = v["max-age"];
  if (v["keep-daily"]) p.daily = v["keep-daily"];
  if (v["keep-weekly"]) p.weekly = v["keep-weekly"];
  if (v["keep-monthly"]) p.monthly = v["keep-monthly"];
  return p;
}

export function parseSnapshotConfig(src: InputSource): SnapshotConfig {
  const v = readInputs(snapshotInputs, src);
  if (v["verify-hashkv"] && !v.verify) {
    throw new ConfigurationError("input 'verify-hashkv' needs verify: true (it checks the downloaded copy)");
  }
  const storage = parseStorage(src);
  const objectLock = parseObjectLock(src);
  return {
    etcd: parseEtcdAccess(src),
    storage: objectLock ? { ...storage, s3: { ...storage.s3, objectLock } } : storage,
    compression: v.compression,
    verify: v.verify,
    verifyHashKV: v["verify-hashkv"],
    retention: parseRetention(src),
    dryRun: v["dry-run"],
  };
}

/** object-lock-mode and object-lock-retain: both or neither. */
export function parseObjectLock(src: InputSource): S3Config["objectLock"] {
  const v = readInputs(objectLockInputs, src);
  const mode = v["object-lock-mode"];
  const retainMs = v["object-lock-retain"];
  if (mode === "none") {
    if (retainMs !== undefined)
      throw new ConfigurationError(
        "input 'object-lock-retain' needs object-lock-mode: GOVERNANCE or COMPLIANCE",
      );
    return undefined;
  }
  if (retainMs === undefined)
    throw new ConfigurationError(
      `input 'object-lock-mode': ${mode} needs object-lock-retain, how long each object is retained (e.g. 30d)`,
    );
  return { mode, retainMs };
}

export function parseVerifyConfig(src: InputSource): VerifyConfig {
  const key = readInputs(keyInput, src).key;
  return { storage: parseStorage(src), ...(key ? { key } : {}) };
}

/** etcd-list: the storage alone (it lists every snapshot, so it takes no key). */
export function parseListConfig(src: InputSource): VerifyConfig {
  return { storage: parseStorage(src) };
}

export function parsePruneConfig(src: InputSource): PruneConfig {
  return {
    storage: parseStorage(src),
    retention: parseRetention(src),
    dryRun: readInputs(retentionInputs, src)["dry-run"],
  };
}

export function parseRestoreConfig(src: InputSource): RestoreConfig {
  const v = readInputs(restoreInputs, src);
  return {
    storage: parseStorage(src),
    ...(v.key ? { key: v.key } : {}),
    output: v.output,
    dataDir: v["data-dir"],
    run: v["run-restore"],
    etcdutl: v.etcdutl,
    etcdutlTimeoutMs: v["etcdutl-timeout"],
    ...(v["member-name"] !== undefined ? { memberName: v["member-name"] } : {}),
    ...(v["initial-cluster"] !== undefined ? { initialCluster: v["initial-cluster"] } : {}),
    ...(v["initial-advertise-peer-urls"] !== undefined ? { peerUrls: v["initial-advertise-peer-urls"] } : {}),
  };
}

/** Masks every secret a config holds. */
export function maskSecrets(logger: Logger, config: { etcd?: EtcdAccess; storage: StorageConfig }): void {
  if (config.etcd) {
    for (const line of config.etcd.tls.key.split("\n"))
      if (line.length >= 16 && !line.startsWith("-----")) logger.setSecret(line);
  }
  if (config.storage.encryptionKey) {
    logger.setSecret(config.storage.encryptionKey.toString("hex"));
    logger.setSecret(config.storage.encryptionKey.toString("base64"));
    logger.setSecret(config.storage.encryptionKey.toString("base64url"));
  }
}
