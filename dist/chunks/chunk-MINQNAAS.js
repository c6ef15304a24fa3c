import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  parseKey
} from "./chunk-VGEDGZPT.js";
import {
  awsInputs,
  parseAwsIdentity
} from "./chunk-TL42P4WJ.js";
import {
  stallInputs,
  stallTimeout
} from "./chunk-OD4EXP6E.js";
import {
  input,
  readInputs
} from "./chunk-UMKYBFFO.js";
import {
  ConfigurationError,
  badInput
} from "./chunk-YBANDQLS.js";

// src/storage/config.ts
import fs from "node:fs";
var storageInputs = {
  ...stallInputs,
  ...awsInputs,
  "s3-bucket": input.string({ description: "The S3 bucket that holds the snapshots.", required: true }),
  "s3-prefix": input.string({
    description: "Key prefix; snapshots go to <prefix><cluster-name>/<cluster-name>-etcd-<UTC time>.db[.zst|.gz][.enc] with a .json metadata sidecar.",
    default: "etcd/"
  }),
  "cluster-name": input.string({
    description: "Cluster name in the object keys (kubeadm's default clusterName is kubernetes).",
    default: "kubernetes"
  }),
  "s3-endpoint": input.string({
    description: "Endpoint of an S3-compatible store (MinIO, Ceph, R2, versitygw, ...). Credentials: the role of aws-role-arn when given, renewed by kubekeep; otherwise the SDK's default chain (AWS_* variables, aws-actions/configure-aws-credentials, instance roles).",
    defaultText: "AWS S3"
  }),
  "s3-region": input.string({
    description: "Bucket region.",
    defaultText: "aws-region, else $AWS_REGION, else us-east-1"
  }),
  "s3-force-path-style": input.boolean({
    description: "Path-style addressing (bucket in the path).",
    defaultText: "true when s3-endpoint is set, else false"
  }),
  "s3-sse": input.enum(["none", "AES256", "aws:kms"], {
    description: "Server-side encryption: none (the bucket's default applies), AES256 (SSE-S3) or aws:kms (SSE-KMS).",
    default: "none"
  }),
  "s3-sse-kms-key-id": input.string({
    description: "KMS key for s3-sse: aws:kms.",
    defaultText: "the account's aws/s3 key"
  }),
  "s3-checksum": input.enum(["when_supported", "when_required"], {
    description: "Request checksums: when_supported (AWS default) or when_required (for S3-compatible stores that reject the SDK's CRC checksums).",
    default: "when_supported"
  }),
  "s3-part-size": input.size({
    description: "Multipart part size (at least 5Mi, S3's minimum). Memory used by the upload is about s3-part-size x s3-queue-size.",
    // The AWS CLI's defaults (8 MiB parts, 10 at once): with 5Mi x 4 the upload
    // was the snapshot's bottleneck (bench/etcd, docs/benchmarks.md).
    default: "8Mi"
  }),
  "s3-queue-size": input.integer({
    description: "Parts uploaded in parallel.",
    default: 10,
    min: 1,
    max: 64
  }),
  "encryption-key": input.string({
    description: "Client-side encryption key (masked): 32 bytes as 64 hex digits or base64 (openssl rand -base64 32), or a file holding one. Snapshots are then sealed with AES-256-GCM in 64 KiB authenticated chunks. Needed to verify or restore encrypted snapshots.",
    secret: true
  }),
  "allow-unauthenticated-snapshots": input.boolean({
    description: "With encryption-key: also use snapshots that are not authenticated (plain objects, and objects and sidecars of the format before name binding) as the newest, for retention and for verify. Off, they are reported and left alone; anyone who can write to the bucket can put such an object there (SECURITY.md).",
    default: false
  })
};
function parseStorage(src) {
  const v = readInputs(storageInputs, src);
  const bucket = v["s3-bucket"];
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw badInput("s3-bucket", bucket, "a bucket name (3-63 lowercase letters, digits, dots, hyphens)");
  }
  let prefix = v["s3-prefix"];
  prefix = prefix.replace(/^\/+/, "");
  if (prefix !== "" && !prefix.endsWith("/")) prefix += "/";
  if (!/^[A-Za-z0-9._/-]*$/.test(prefix) || prefix.split("/").some((part) => part === "..") || prefix.includes("//"))
    throw badInput(
      "s3-prefix",
      v["s3-prefix"],
      "letters, digits, '.', '_', '-' and '/' (no '..' segment, no '//'), e.g. etcd/"
    );
  const endpoint = v["s3-endpoint"];
  if (endpoint !== void 0 && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    throw badInput("s3-endpoint", endpoint, "a URL such as https://minio.example.com:9000");
  }
  const sse = v["s3-sse"];
  const kmsKeyId = v["s3-sse-kms-key-id"];
  if (kmsKeyId && sse !== "aws:kms") {
    throw new ConfigurationError("input 's3-sse-kms-key-id' needs s3-sse: aws:kms");
  }
  const identity = parseAwsIdentity(src);
  const region = v["s3-region"] ?? identity?.region;
  const partSize = v["s3-part-size"];
  if (partSize < 5 * 1024 * 1024)
    throw badInput("s3-part-size", src("s3-part-size"), "at least 5Mi (S3's minimum part size)");
  const s3 = {
    bucket,
    prefix,
    ...endpoint ? { endpoint } : {},
    ...region ? { region } : {},
    forcePathStyle: v["s3-force-path-style"] ?? endpoint !== void 0,
    sse,
    ...kmsKeyId ? { kmsKeyId } : {},
    checksum: v["s3-checksum"],
    partSize,
    queueSize: v["s3-queue-size"],
    stallTimeoutMs: stallTimeout(src),
    ...identity ? { identity } : {}
  };
  const clusterName = v["cluster-name"];
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(clusterName)) {
    throw badInput(
      "cluster-name",
      clusterName,
      "letters, digits, '.', '_' or '-' (it becomes part of the object key)"
    );
  }
  const keyText = v["encryption-key"];
  let encryptionKey;
  if (keyText !== void 0) {
    const text = !/\s/.test(keyText) && fs.existsSync(keyText) ? fs.readFileSync(keyText, "utf8") : keyText;
    encryptionKey = parseKey(text);
    if (!encryptionKey) {
      throw new ConfigurationError(
        "input 'encryption-key': expected a 32-byte key as 64 hex digits or base64 (e.g. `openssl rand -base64 32`), or a file holding one (value not shown: it is secret)"
      );
    }
  }
  const allowUnauthenticated = v["allow-unauthenticated-snapshots"];
  return {
    s3,
    clusterName,
    ...encryptionKey ? { encryptionKey } : {},
    ...allowUnauthenticated ? { allowUnauthenticated } : {}
  };
}
var snapshotKeyInputs = {
  key: input.string({ description: "Object key of the snapshot.", defaultText: "the newest" })
};
function maskStorageSecrets(logger, storage) {
  if (storage.encryptionKey) {
    logger.setSecret(storage.encryptionKey.toString("hex"));
    logger.setSecret(storage.encryptionKey.toString("base64"));
    logger.setSecret(storage.encryptionKey.toString("base64url"));
  }
}

export {
  storageInputs,
  parseStorage,
  snapshotKeyInputs,
  maskStorageSecrets
};
