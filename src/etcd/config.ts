/**
 * The typed configs of the etcd capabilities, parsed from their inputs in one
 * place. Certificates and the encryption key may be given as file paths or
 * as contents (from secrets); contents are masked.
 */
import fs from "node:fs";
import { parseClusterConfig, type ClusterConfig } from "../config/cluster.ts";
import {
  bool,
  duration,
  integer,
  oneOf,
  optional,
  required,
  size,
  stallTimeout,
  type InputSource,
} from "../config/inputs.ts";
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
  /** etcdutl --name/--initial-cluster/--initial-advertise-peer-urls, when given. */
  memberName?: string;
  initialCluster?: string;
  peerUrls?: string;
}

const PEM_RE = /-----BEGIN [A-Z ]+-----/;

/** A PEM input: the contents themselves, or the path of a file holding them. */
function pem(src: InputSource, name: string, what: string): string {
  const v = required(src, name, what);
  if (PEM_RE.test(v)) return v.replace(/\\n/g, "\n");
  if (!fs.existsSync(v)) {
    throw new ConfigurationError(
      `input '${name}': ${JSON.stringify(v)} is neither PEM content (-----BEGIN ...) nor an existing file`,
    );
  }
  const text = fs.readFileSync(v, "utf8");
  if (!PEM_RE.test(text))
    throw new ConfigurationError(`input '${name}': file ${JSON.stringify(v)} holds no PEM block`);
  return text;
}

export function parseEtcdAccess(src: InputSource): EtcdAccess {
  const raw = optional(src, "etcd-endpoint");
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
    ca: pem(src, "etcd-ca", "the etcd CA certificate (kubeadm: /etc/kubernetes/pki/etcd/ca.crt)"),
    cert: pem(
      src,
      "etcd-cert",
      "an etcd client certificate (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.crt)",
    ),
    key: pem(
      src,
      "etcd-key",
      "the etcd client certificate's key (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.key)",
    ),
  };
  const pod = optional(src, "etcd-pod");
  return {
    ...(endpoint ? { endpoint } : {}),
    tls,
    ...(pod ? { pod } : {}),
    cluster: parseClusterConfig(src),
    stallTimeoutMs: stallTimeout(src),
  };
}

export function parseStorage(src: InputSource): StorageConfig {
  const bucket = required(src, "s3-bucket", "the S3 bucket that holds the snapshots");
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw badInput("s3-bucket", bucket, "a bucket name (3-63 lowercase letters, digits, dots, hyphens)");
  }
  let prefix = optional(src, "s3-prefix") ?? "etcd/";
  prefix = prefix.replace(/^\/+/, "");
  if (prefix !== "" && !prefix.endsWith("/")) prefix += "/";
  const endpoint = optional(src, "s3-endpoint");
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    throw badInput("s3-endpoint", endpoint, "a URL such as https://minio.example.com:9000");
  }
  const sse = oneOf(src, "s3-sse", ["none", "AES256", "aws:kms"] as const, "none");
  const kmsKeyId = optional(src, "s3-sse-kms-key-id");
  if (kmsKeyId && sse !== "aws:kms") {
    throw new ConfigurationError("input 's3-sse-kms-key-id' needs s3-sse: aws:kms");
  }
  const region = optional(src, "s3-region");
  const partSize = size(src, "s3-part-size", "5Mi");
  if (partSize < 5 * 1024 * 1024)
    throw badInput("s3-part-size", src("s3-part-size"), "at least 5Mi (S3's minimum part size)");
  const s3: S3Config = {
    bucket,
    prefix,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    forcePathStyle: bool(src, "s3-force-path-style", endpoint !== undefined),
    sse,
    ...(kmsKeyId ? { kmsKeyId } : {}),
    checksum: oneOf(src, "s3-checksum", ["when_supported", "when_required"] as const, "when_supported"),
    partSize,
    queueSize: integer(src, "s3-queue-size", 4, 1, 64),
    stallTimeoutMs: stallTimeout(src),
  };
  const clusterName = optional(src, "cluster-name") ?? "kubernetes";
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(clusterName)) {
    throw badInput(
      "cluster-name",
      clusterName,
      "letters, digits, '.', '_' or '-' (it becomes part of the object key)",
    );
  }
  const keyText = optional(src, "encryption-key");
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
  return { s3, clusterName, ...(encryptionKey ? { encryptionKey } : {}) };
}

export function parseRetention(src: InputSource): RetentionPolicy {
  const p: RetentionPolicy = {};
  const last = integer(src, "keep-last", 0, 0);
  if (last) p.keepLast = last;
  if (optional(src, "max-age") !== undefined) p.maxAgeMs = duration(src, "max-age", "0s");
  const daily = integer(src, "keep-daily", 0, 0);
  if (daily) p.daily = daily;
  const weekly = integer(src, "keep-weekly", 0, 0);
  if (weekly) p.weekly = weekly;
  const monthly = integer(src, "keep-monthly", 0, 0);
  if (monthly) p.monthly = monthly;
  return p;
}

export function parseSnapshotConfig(src: InputSource): SnapshotConfig {
  if (bool(src, "verify-hashkv", false) && !bool(src, "verify", true)) {
    throw new ConfigurationError("input 'verify-hashkv' needs verify: true (it checks the downloaded copy)");
  }
  return {
    etcd: parseEtcdAccess(src),
    storage: parseStorage(src),
    compression: oneOf(src, "compression", COMPRESSIONS, "zstd"),
    verify: bool(src, "verify", true),
    verifyHashKV: bool(src, "verify-hashkv", false),
    retention: parseRetention(src),
    dryRun: bool(src, "dry-run", false),
  };
}

export function parseVerifyConfig(src: InputSource): VerifyConfig {
  const key = optional(src, "key");
  return { storage: parseStorage(src), ...(key ? { key } : {}) };
}

export function parsePruneConfig(src: InputSource): PruneConfig {
  return { storage: parseStorage(src), retention: parseRetention(src), dryRun: bool(src, "dry-run", false) };
}

export function parseRestoreConfig(src: InputSource): RestoreConfig {
  const key = optional(src, "key");
  return {
    storage: parseStorage(src),
    ...(key ? { key } : {}),
    output: optional(src, "output") ?? "etcd-snapshot.db",
    dataDir: optional(src, "data-dir") ?? "/var/lib/etcd-restored",
    run: bool(src, "run-restore", false),
    etcdutl: optional(src, "etcdutl") ?? "etcdutl",
    ...optionalFields(src, {
      memberName: "member-name",
      initialCluster: "initial-cluster",
      peerUrls: "initial-advertise-peer-urls",
    }),
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

function optionalFields<K extends string>(
  src: InputSource,
  names: Record<K, string>,
): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [field, input] of Object.entries(names) as [K, string][]) {
    const v = optional(src, input);
    if (v !== undefined) out[field] = v;
  }
  return out;
}
