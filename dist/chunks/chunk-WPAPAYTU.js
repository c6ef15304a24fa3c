import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  stallInputs,
  stallTimeout
} from "./chunk-RFV4WAL7.js";
import {
  input,
  readInputs
} from "./chunk-3J7THEQH.js";
import {
  ConfigurationError,
  OperationalError,
  badInput
} from "./chunk-YBANDQLS.js";

// src/storage/encryption.ts
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { Transform } from "node:stream";
var MAGIC = Buffer.from("KKENC1", "ascii");
var HEADER_V1 = MAGIC.length + 1 + 4 + 7;
var FINGERPRINT_SIZE = 8;
var HEADER_V2 = HEADER_V1 + FINGERPRINT_SIZE;
var TAG = 16;
var DEFAULT_CHUNK = 64 * 1024;
var MAX_CHUNK = 16 * 1024 * 1024;
var ENCRYPTION_SCHEME = "aes-256-gcm-stream-64k";
var FINGERPRINT_LABEL = "kubekeep encryption key fingerprint v1";
var DecryptionError = class extends OperationalError {
  name = "DecryptionError";
};
var WrongKeyError = class extends DecryptionError {
  name = "WrongKeyError";
};
function keyFingerprint(key) {
  return createHmac("sha256", key).update(FINGERPRINT_LABEL).digest().subarray(0, FINGERPRINT_SIZE);
}
function wrongKeyMessage(stored, given) {
  return `encryption key does not match the one the snapshot was written with (fingerprint ${stored}; the key given has ${given}); give the key it was written with`;
}
function nonce(prefix, counter, last) {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(counter, 7);
  n[11] = last ? 1 : 0;
  return n;
}
var EncryptStream = class extends Transform {
  key;
  header;
  prefix;
  chunkSize;
  pending = [];
  pendingLength = 0;
  counter = 0;
  constructor(key, chunkSize = DEFAULT_CHUNK) {
    super();
    if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
    this.key = key;
    this.chunkSize = chunkSize;
    this.prefix = randomBytes(7);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(chunkSize);
    this.header = Buffer.concat([MAGIC, Buffer.from([2]), size, this.prefix, keyFingerprint(key)]);
  }
  seal(plain, last) {
    const c = createCipheriv("aes-256-gcm", this.key, nonce(this.prefix, this.counter++, last));
    c.setAAD(this.header);
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([body, c.getAuthTag()]);
  }
  _transform(chunk, _enc, cb) {
    if (this.counter === 0 && this.pendingLength === 0 && this.pending.length === 0) this.push(this.header);
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.pendingLength > this.chunkSize) {
      let data = Buffer.concat(this.pending);
      while (data.length > this.chunkSize) {
        this.push(this.seal(data.subarray(0, this.chunkSize), false));
        data = data.subarray(this.chunkSize);
      }
      this.pending = [data];
      this.pendingLength = data.length;
    }
    cb();
  }
  _flush(cb) {
    if (this.counter === 0 && this.pendingLength === 0) this.push(this.header);
    this.push(this.seal(Buffer.concat(this.pending), true));
    cb();
  }
};
var DecryptStream = class extends Transform {
  key;
  header;
  prefix = Buffer.alloc(0);
  frame = 0;
  buffered = Buffer.alloc(0);
  counter = 0;
  fingerprinted = false;
  keyKnownRight;
  /**
   * `keyKnownRight`: the sidecar already says this key wrote the object, so a
   * header fingerprint that differs is damage, not a wrong key.
   */
  constructor(key, keyKnownRight = false) {
    super();
    this.key = key;
    this.keyKnownRight = keyKnownRight;
  }
  open(sealed, last) {
    const d = createDecipheriv("aes-256-gcm", this.key, nonce(this.prefix, this.counter, last));
    d.setAAD(this.header);
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    try {
      const out = Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
      this.counter++;
      return out;
    } catch {
      const cause = this.fingerprinted ? "the object was truncated or altered" : "wrong encryption key, or the object was truncated or altered (it predates key fingerprints)";
      throw new DecryptionError(
        `decryption failed at chunk ${this.counter}${last ? " (the last one)" : ""}: ${cause}`
      );
    }
  }
  _transform(chunk, _enc, cb) {
    try {
      let data = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      if (!this.header) {
        if (data.length < HEADER_V1) {
          this.buffered = data;
          return cb();
        }
        const version = data[MAGIC.length];
        if (!data.subarray(0, MAGIC.length).equals(MAGIC) || version !== 1 && version !== 2) {
          throw new DecryptionError(
            "not a kubekeep-encrypted object (bad header): the object is damaged, or was not written encrypted"
          );
        }
        const size = version === 1 ? HEADER_V1 : HEADER_V2;
        if (data.length < size) {
          this.buffered = data;
          return cb();
        }
        const header = data.subarray(0, size);
        if (version === 2) {
          const stored = header.subarray(HEADER_V1);
          const mine = keyFingerprint(this.key);
          if (!stored.equals(mine)) {
            if (this.keyKnownRight)
              throw new DecryptionError("the encryption header is damaged (its key fingerprint was altered)");
            throw new WrongKeyError(wrongKeyMessage(stored.toString("hex"), mine.toString("hex")));
          }
          this.fingerprinted = true;
        }
        this.header = Buffer.from(header);
        const chunkSize = header.readUInt32BE(MAGIC.length + 1);
        if (chunkSize < 1 || chunkSize > MAX_CHUNK)
          throw new DecryptionError(`the encryption header is damaged (chunk size ${chunkSize})`);
        this.frame = chunkSize + TAG;
        this.prefix = Buffer.from(header.subarray(MAGIC.length + 5, HEADER_V1));
        data = data.subarray(size);
      }
      while (data.length > this.frame) {
        this.push(this.open(data.subarray(0, this.frame), false));
        data = data.subarray(this.frame);
      }
      this.buffered = Buffer.from(data);
      cb();
    } catch (err) {
      cb(err);
    }
  }
  _flush(cb) {
    try {
      if (!this.header || this.buffered.length < TAG) {
        throw new DecryptionError("encrypted object is truncated (no final chunk)");
      }
      this.push(this.open(this.buffered, true));
      cb();
    } catch (err) {
      cb(err);
    }
  }
};
function parseKey(text) {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(t)) {
    const b = Buffer.from(t, t.includes("-") || t.includes("_") ? "base64url" : "base64");
    if (b.length === 32) return b;
  }
  return void 0;
}

// src/storage/config.ts
import fs from "node:fs";
var storageInputs = {
  ...stallInputs,
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
    description: "Endpoint of an S3-compatible store (MinIO, Ceph, R2, versitygw, ...). Credentials come from the SDK's default chain (AWS_* variables, OIDC web identity via aws-actions/configure-aws-credentials, instance roles).",
    defaultText: "AWS S3"
  }),
  "s3-region": input.string({ description: "Bucket region.", defaultText: "$AWS_REGION, else us-east-1" }),
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
    default: "5Mi"
  }),
  "s3-queue-size": input.integer({ description: "Parts uploaded in parallel.", default: 4, min: 1, max: 64 }),
  "encryption-key": input.string({
    description: "Client-side encryption key (masked): 32 bytes as 64 hex digits or base64 (openssl rand -base64 32), or a file holding one. Snapshots are then sealed with AES-256-GCM in 64 KiB authenticated chunks. Needed to verify or restore encrypted snapshots.",
    secret: true
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
  const endpoint = v["s3-endpoint"];
  if (endpoint !== void 0 && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
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
    stallTimeoutMs: stallTimeout(src)
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
  return { s3, clusterName, ...encryptionKey ? { encryptionKey } : {} };
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
  ENCRYPTION_SCHEME,
  DecryptionError,
  WrongKeyError,
  keyFingerprint,
  wrongKeyMessage,
  EncryptStream,
  DecryptStream,
  storageInputs,
  parseStorage,
  snapshotKeyInputs,
  maskStorageSecrets
};
