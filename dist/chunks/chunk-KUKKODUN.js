import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  chooseProxy,
  isUnreachable,
  unreachableProxy
} from "./chunk-PU6KKUXJ.js";
import {
  require_node_http
} from "./chunk-IZKOCMEM.js";
import {
  clusterInputs,
  parseClusterConfig,
  stallInputs,
  stallTimeout
} from "./chunk-YBLN4ZAO.js";
import {
  DEFAULT_STALL_TIMEOUT_MS,
  seconds,
  withDeadline
} from "./chunk-A2QQ3WGS.js";
import {
  input,
  readInputs
} from "./chunk-3J7THEQH.js";
import {
  formatBytes
} from "./chunk-T4ZVIX6G.js";
import {
  ConfigurationError,
  OperationalError,
  UserFacingError,
  badInput,
  errorMessage
} from "./chunk-YBANDQLS.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/storage/compression.ts
import zlib from "node:zlib";
var COMPRESSIONS = ["zstd", "gzip", "none"];
var hasZstd = () => typeof zlib.createZstdCompress === "function";
function effectiveCompression(wanted) {
  return wanted === "zstd" && !hasZstd() ? "gzip" : wanted;
}
function compressor(c) {
  if (c === "zstd") {
    return zlib.createZstdCompress({ params: { [zlib.constants.ZSTD_c_compressionLevel]: 3 } });
  }
  if (c === "gzip") return zlib.createGzip({ level: 6 });
  return void 0;
}
function decompressor(c) {
  if (c === "zstd") {
    if (!hasZstd())
      throw new OperationalError("this object is zstd-compressed and this Node.js has no zstd; use Node 24");
    return zlib.createZstdDecompress();
  }
  if (c === "gzip") return zlib.createGunzip();
  return void 0;
}
var EXTENSIONS = { zstd: ".zst", gzip: ".gz", none: "" };

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

// src/storage/keys.ts
import { randomBytes as randomBytes2 } from "node:crypto";
var SIDECAR_SUFFIX = ".json";
function timestamp(d) {
  return d.toISOString().replace(/[-:]/g, "");
}
function clusterPrefix(prefix, cluster) {
  return `${prefix}${cluster}/`;
}
function newRunId() {
  return randomBytes2(5).toString("hex");
}
function snapshotKey(prefix, cluster, at, runId, compression, encrypted) {
  return `${clusterPrefix(prefix, cluster)}${cluster}-etcd-${timestamp(at)}-${runId}.db${EXTENSIONS[compression]}${encrypted ? ".enc" : ""}`;
}
var KEY_RE = /(?:^|\/)([^/]+)-etcd-(\d{8})T(\d{6})(?:\.(\d{3}))?Z(?:-([0-9a-f]{10}))?\.db(\.zst|\.gz)?(\.enc)?$/;
function parseSnapshotKey(key) {
  const m = KEY_RE.exec(key);
  if (!m) return void 0;
  const [, cluster, day2, time, ms, runId, ext, enc] = m;
  if (ms === void 0 !== (runId === void 0)) return void 0;
  const iso = `${day2.slice(0, 4)}-${day2.slice(4, 6)}-${day2.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.${ms ?? "000"}Z`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return void 0;
  return {
    key,
    cluster,
    time: at,
    runId: runId ?? "",
    compression: ext === ".zst" ? "zstd" : ext === ".gz" ? "gzip" : "none",
    encrypted: enc !== void 0
  };
}
function newestFirst(a, b) {
  return b.time.getTime() - a.time.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

// src/storage/retention.ts
var INCOMPLETE_GRACE_MS = 36e5;
function policyIsEmpty(p) {
  return !p.keepLast && p.maxAgeMs === void 0 && !p.daily && !p.weekly && !p.monthly;
}
var day = (d) => d.toISOString().slice(0, 10);
var month = (d) => d.toISOString().slice(0, 7);
function isoWeek(d) {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 864e5 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}
function planRetention(snapshots, policy, now) {
  const sorted = [...snapshots].sort(
    (a, b) => b.time.getTime() - a.time.getTime() || (a.key < b.key ? 1 : -1)
  );
  const decisions = sorted.map((s) => ({ key: s.key, time: s.time, keep: false, reasons: [] }));
  const keep = (i, reason) => {
    const d = decisions[i];
    d.keep = true;
    d.reasons.push(reason);
  };
  if (policyIsEmpty(policy)) {
    decisions.forEach((_, i) => keep(i, "no retention policy"));
    return decisions;
  }
  const complete = (s) => s.complete !== false;
  sorted.forEach((s, i) => {
    if (complete(s)) return;
    const age = now.getTime() - (s.storedAt ?? s.time).getTime();
    if (age < INCOMPLETE_GRACE_MS) keep(i, "no metadata yet: may be being written");
    else decisions[i].reasons.push("no metadata: an interrupted run's leftover");
  });
  const ranked = sorted.map((s, i) => ({ s, i })).filter(({ s }) => complete(s));
  ranked.forEach(({ s, i }, rank) => {
    if (policy.keepLast && rank < policy.keepLast) keep(i, `last ${policy.keepLast}`);
    if (policy.maxAgeMs !== void 0 && now.getTime() - s.time.getTime() < policy.maxAgeMs)
      keep(i, "within max-age");
  });
  const tier = (count, name, period) => {
    if (!count) return;
    const seen = /* @__PURE__ */ new Set();
    ranked.forEach(({ s, i }) => {
      const p = period(s.time);
      if (seen.has(p) || seen.size >= count) return;
      seen.add(p);
      keep(i, `${name} ${p}`);
    });
  };
  tier(policy.daily, "daily", day);
  tier(policy.weekly, "weekly", isoWeek);
  tier(policy.monthly, "monthly", month);
  const newestVerified = sorted.findIndex((s) => s.verified && complete(s));
  if (newestVerified >= 0 && !decisions[newestVerified].keep)
    keep(newestVerified, "newest verified");
  return decisions;
}

// src/storage/s3.ts
var import_node_http = __toESM(require_node_http(), 1);
import https from "node:https";
import { PassThrough } from "node:stream";
var SnapshotStore = class _SnapshotStore {
  config;
  client;
  /** HTTPS_PROXY / NO_PROXY, as for the Kubernetes API (core/proxy.ts). */
  proxy;
  sdk;
  /** A store on `config`; the SDK is loaded here, on first use, not when this module is. */
  static async open(config) {
    return new _SnapshotStore(config, await import("./s3-sdk-52HHDJMH.js"));
  }
  constructor(config, sdk) {
    this.config = config;
    this.sdk = sdk;
    this.proxy = chooseProxy(new URL(config.endpoint ?? "https://s3.amazonaws.com"), void 0, process.env);
    this.client = new sdk.S3Client({
      ...config.endpoint ? { endpoint: config.endpoint } : {},
      region: config.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
      forcePathStyle: config.forcePathStyle,
      requestChecksumCalculation: config.checksum === "when_required" ? "WHEN_REQUIRED" : "WHEN_SUPPORTED",
      responseChecksumValidation: config.checksum === "when_required" ? "WHEN_REQUIRED" : "WHEN_SUPPORTED",
      maxAttempts: 3,
      requestHandler: {
        // A frozen S3 accepts the connection (the kernel does) and then
        // never answers; the SDK waits forever by default. The socket's idle
        // timer counts bytes either way, so a part still flowing on a slow
        // link is never cut: only silence is.
        connectionTimeout: this.stallTimeoutMs,
        socketTimeout: this.stallTimeoutMs,
        ...this.proxy ? proxyAgents(this.proxy) : {}
      }
    });
    noRetryAfterStall(this.client);
  }
  get stallTimeoutMs() {
    return this.config.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  }
  close() {
    this.client.destroy();
  }
  get where() {
    return `s3://${this.config.bucket}/${this.config.prefix}`;
  }
  /** Fails early, and clearly, when the bucket is missing or not ours to use. */
  async checkBucket() {
    try {
      await this.client.send(new this.sdk.HeadBucketCommand({ Bucket: this.config.bucket }));
    } catch (err) {
      throw this.describe(err, "HeadBucket");
    }
  }
  sseParams() {
    if (this.config.sse === "none") return {};
    return {
      ServerSideEncryption: this.config.sse,
      ...this.config.kmsKeyId ? { SSEKMSKeyId: this.config.kmsKeyId } : {}
    };
  }
  /**
   * Streams `body` to `key` as a multipart upload. On failure the multipart
   * upload is aborted, so no object (partial or otherwise) appears. The write
   * is conditional (If-None-Match: *, on the PutObject or the
   * CompleteMultipartUpload): it never replaces an object already at `key`.
   * Returns the stored object's ETag.
   */
  async upload(key, body, metadata, onProgress) {
    const upload = new this.sdk.Upload({
      client: this.client,
      queueSize: this.config.queueSize,
      partSize: this.config.partSize,
      // Aborted here instead (abandon()), with a deadline: lib-storage's own
      // abort would wait on a frozen S3 as long as the failed part did.
      leavePartsOnError: true,
      params: {
        Bucket: this.config.bucket,
        Key: key,
        Body: body,
        ContentType: "application/octet-stream",
        Metadata: metadata,
        IfNoneMatch: "*",
        ...this.sseParams()
      }
    });
    upload.on("httpUploadProgress", (p) => {
      if (p.loaded !== void 0) onProgress?.(p.loaded);
    });
    try {
      const res = await upload.done();
      return { etag: ("ETag" in res ? res.ETag : void 0) ?? "" };
    } catch (err) {
      const abandoned = upload.uploadId ? await this.abandon(key, upload.uploadId) : "";
      if (isPreconditionFailed(err)) {
        const there = await this.head(key);
        const runId = metadata["run-id"];
        if (there && runId && there.metadata["run-id"] === runId) return { etag: there.etag };
        throw new OperationalError(
          `an object already exists at s3://${this.config.bucket}/${key}: another run wrote it first; it was left as it is and this upload was dropped`
        );
      }
      throw this.describe(err, `upload of ${key}`, abandoned);
    }
  }
  /**
   * Aborts a failed multipart upload so that its parts do not linger (and
   * cost), within the stall timeout: when S3 itself is what failed, it may
   * not answer, and the next run's sweep (abortStaleUploads) removes the
   * parts instead. Says which happened, for the error message.
   */
  async abandon(key, uploadId) {
    try {
      await withDeadline(
        (abortSignal) => this.client.send(
          new this.sdk.AbortMultipartUploadCommand({
            Bucket: this.config.bucket,
            Key: key,
            UploadId: uploadId
          }),
          { abortSignal }
        ),
        this.stallTimeoutMs,
        () => new OperationalError(`no answer within ${seconds(this.stallTimeoutMs)}`)
      );
      return "the multipart upload was aborted and no object was written";
    } catch (err) {
      return `no object was written; the multipart upload could not be aborted (${errorMessage(err)}): a later snapshot run removes its parts (uploads older than a day)`;
    }
  }
  /** Size, ETag and user metadata of the object at `key`, or undefined when there is none. */
  async head(key) {
    try {
      const res = await this.client.send(
        new this.sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key: key })
      );
      return { size: res.ContentLength ?? 0, etag: res.ETag ?? "", metadata: res.Metadata ?? {} };
    } catch (err) {
      if (isNotFound(err)) return void 0;
      throw this.describe(err, `HeadObject ${key}`);
    }
  }
  /**
   * Aborts multipart uploads under `prefix` started before `olderThan`: the
   * parts a run left behind when S3 itself failed and could not take the
   * abort. Best effort (stores without the API are skipped); returns the keys.
   */
  async abortStaleUploads(prefix, olderThan) {
    const aborted = [];
    let keyMarker;
    let uploadIdMarker;
    do {
      const res = await this.client.send(
        new this.sdk.ListMultipartUploadsCommand({
          Bucket: this.config.bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker
        })
      );
      for (const u of res.Uploads ?? []) {
        if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated >= olderThan) continue;
        await this.client.send(
          new this.sdk.AbortMultipartUploadCommand({
            Bucket: this.config.bucket,
            Key: u.Key,
            UploadId: u.UploadId
          })
        );
        aborted.push(u.Key);
      }
      keyMarker = res.IsTruncated ? res.NextKeyMarker : void 0;
      uploadIdMarker = res.IsTruncated ? res.NextUploadIdMarker : void 0;
    } while (keyMarker);
    return aborted;
  }
  /** Writes `value` as JSON; with `create`, only when no object is at `key` yet. */
  async putJson(key, value, options = {}) {
    try {
      await this.client.send(
        new this.sdk.PutObjectCommand({
          Bucket: this.config.bucket,
          Key: key,
          Body: JSON.stringify(value, null, 2) + "\n",
          ContentType: "application/json",
          ...options.create ? { IfNoneMatch: "*" } : {},
          ...this.sseParams()
        })
      );
    } catch (err) {
      if (options.create && isPreconditionFailed(err)) {
        const there = await this.getJson(key);
        if (JSON.stringify(there) === JSON.stringify(value)) return;
        throw new OperationalError(
          `an object already exists at s3://${this.config.bucket}/${key}: another run wrote it first; it was left as it is`
        );
      }
      throw this.describe(err, `PutObject ${key}`);
    }
  }
  /** True when an object is stored at `key`. */
  async exists(key) {
    try {
      await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw this.describe(err, `HeadObject ${key}`);
    }
  }
  async getJson(key) {
    try {
      const res = await this.client.send(
        new this.sdk.GetObjectCommand({ Bucket: this.config.bucket, Key: key })
      );
      return JSON.parse(
        await res.Body.transformToString()
      );
    } catch (err) {
      if (isNotFound(err)) return void 0;
      if (err instanceof SyntaxError) {
        throw new OperationalError(
          `s3://${this.config.bucket}/${key} is not valid JSON (${err.message}); the metadata object is damaged`
        );
      }
      throw this.describe(err, `GetObject ${key}`);
    }
  }
  /** The object at `key` as a stream, with its size and ETag. */
  async download(key) {
    try {
      const res = await this.client.send(
        new this.sdk.GetObjectCommand({ Bucket: this.config.bucket, Key: key })
      );
      const raw = res.Body;
      const body = new PassThrough();
      raw.on("error", (err) => body.destroy(this.describe(err, `download of ${key}`)));
      body.on("close", () => raw.destroy());
      raw.pipe(body);
      return { body, size: res.ContentLength ?? 0, etag: res.ETag ?? "" };
    } catch (err) {
      if (isNotFound(err)) {
        throw new OperationalError(
          `no snapshot at s3://${this.config.bucket}/${key} (NoSuchKey); check the key (\`kubekeep etcd list\` shows the stored ones), s3-prefix and cluster-name`
        );
      }
      throw this.describe(err, `GetObject ${key}`);
    }
  }
  async list(prefix) {
    const out = [];
    let token;
    try {
      do {
        const res = await this.client.send(
          new this.sdk.ListObjectsV2Command({
            Bucket: this.config.bucket,
            Prefix: prefix,
            ContinuationToken: token
          })
        );
        for (const o of res.Contents ?? []) {
          if (o.Key)
            out.push({
              key: o.Key,
              size: o.Size ?? 0,
              ...o.LastModified ? { lastModified: o.LastModified } : {}
            });
        }
        token = res.IsTruncated ? res.NextContinuationToken : void 0;
      } while (token);
    } catch (err) {
      throw this.describe(err, `ListObjectsV2 ${prefix}`);
    }
    return out;
  }
  async delete(keys) {
    for (let i = 0; i < keys.length; i += 1e3) {
      const batch = keys.slice(i, i + 1e3);
      try {
        const res = await this.client.send(
          new this.sdk.DeleteObjectsCommand({
            Bucket: this.config.bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true }
          })
        );
        if (res.Errors?.length) {
          throw new OperationalError(
            `S3 did not delete ${res.Errors.length} of ${batch.length} objects on s3://${this.config.bucket} (${res.Errors.map((e) => `${e.Key}: ${e.Code} ${e.Message}`).join("; ")}); check the bucket policy allows s3:DeleteObject`
          );
        }
      } catch (err) {
        throw this.describe(err, "DeleteObjects");
      }
    }
  }
  /**
   * Names what failed and what to check: a missing bucket is the user's input
   * (ConfigurationError); denials, stalls, unreachable endpoints and S3's own
   * errors are operational (OperationalError); `upshot` says what became of a
   * failed upload. Anything else is a bug and kept.
   */
  describe(err, what, upshot = "") {
    if (err instanceof UserFacingError) return err;
    const e = err;
    const status = e.$metadata?.httpStatusCode;
    const where = `s3://${this.config.bucket}${this.config.endpoint ? ` at ${this.config.endpoint}` : ""}`;
    const then = upshot ? `; ${upshot}` : "";
    if (isStall(err)) {
      return new OperationalError(
        `S3 at ${where} sent or took no data for ${seconds(this.stallTimeoutMs)} during ${what} (stall-timeout)${then}; check that the S3 endpoint is up and reachable (and the proxy in between), or raise stall-timeout for a very slow link`
      );
    }
    if (e.name === "NoSuchBucket" || what === "HeadBucket" && status === 404) {
      return new ConfigurationError(`bucket ${where} does not exist; create it or fix s3-bucket`);
    }
    if (status === 403 || e.name === "AccessDenied" || e.name === "InvalidAccessKeyId" || e.name === "SignatureDoesNotMatch") {
      return new OperationalError(
        `S3 denied ${what} on ${where} (${e.name ?? status}); check the credentials (AWS_* variables or the role) and the bucket policy`
      );
    }
    const net = err;
    const code = net.code ?? e.name;
    const upload = what.startsWith("upload of");
    if (!upload && isUnreachable(net)) {
      const atProxy = unreachableProxy(this.proxy, net, `S3 at ${where}`);
      if (atProxy) return atProxy;
      return new OperationalError(
        `cannot reach S3 at ${where} during ${what} (${code}: ${errorMessage(err)}); check s3-endpoint (and s3-region) and that the store is up`
      );
    }
    if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "ENOTFOUND" || code === "EPIPE") {
      return new OperationalError(
        `S3 at ${where} failed during ${what} (${code}: ${errorMessage(err)})` + (upload ? `; ${upshot || "the multipart upload was abandoned and no object was written"}` : "")
      );
    }
    if (status !== void 0) {
      const detail = `${e.name ?? "error"} ${errorMessage(err)}`.trim();
      return new OperationalError(
        `S3 ${what} on ${where} failed with HTTP ${status} (${detail})` + (status >= 500 ? "; the store is failing: check its health and retry" : "") + (upload ? `; ${upshot || "the multipart upload was abandoned and no object was written"}` : "")
      );
    }
    return new Error(`S3 ${what} on ${where} failed: ${e.name ?? ""} ${errorMessage(err)}`.trim() + then);
  }
};
function statusOf(err) {
  return err.$metadata?.httpStatusCode;
}
function isNotFound(err) {
  const name = err.name;
  return name === "NotFound" || name === "NoSuchKey" || statusOf(err) === 404;
}
function isPreconditionFailed(err) {
  const name = err.name;
  return name === "PreconditionFailed" || statusOf(err) === 412;
}
function isStall(err) {
  const e = err;
  return e.name === "TimeoutError" && /did not establish a connection|of inactivity/.test(e.message ?? "");
}
function noRetryAfterStall(client) {
  const config = client.config;
  const resolve = config.retryStrategy;
  let wrapped;
  config.retryStrategy = () => wrapped ??= resolve().then((strategy) => {
    if (typeof strategy.refreshRetryTokenForRetry !== "function") return strategy;
    const refresh = strategy.refreshRetryTokenForRetry.bind(strategy);
    return new Proxy(strategy, {
      get: (target, prop, receiver) => prop === "refreshRetryTokenForRetry" ? (token, info) => isStall(info.error) && info.error instanceof Error ? Promise.reject(info.error) : refresh(token, info) : bindTo(target, Reflect.get(target, prop, receiver))
    });
  });
}
function bindTo(target, value) {
  return typeof value === "function" ? value.bind(target) : value;
}
function proxyAgents(proxy) {
  const options = { keepAlive: true, maxSockets: 50, proxyEnv: proxy.env };
  return { httpAgent: new import_node_http.default.Agent(options), httpsAgent: new https.Agent(options) };
}

// src/etcd/snapshot-stream.ts
import { createHash } from "node:crypto";
import { Transform as Transform2 } from "node:stream";

// src/etcd/revision-scan.ts
var PAGE_HEADER = 16;
var LEAF = 2;
var BUCKET_LEAF = 1;
var BOLT_MAGIC = 3977042669;
var MAX_GATHER = 64 * 1024 * 1024;
var FINISHED_COMPACT = Buffer.from("finishedCompactRev");
var RevisionScanner = class {
  pageSize = 0;
  carry = Buffer.alloc(0);
  gathering = [];
  disabled = false;
  /** The newest revision seen in a revision-shaped leaf key. */
  keyRevision = 0;
  /** The newest finishedCompactRev seen. */
  compactRevision = 0;
  /** The revision a member restored from the database starts at (0: not a bolt file). */
  get revision() {
    return Math.max(this.keyRevision, this.compactRevision);
  }
  add(data) {
    if (this.disabled || data.length === 0) return;
    let off = 0;
    if (!this.pageSize) {
      const head = this.carry.length ? Buffer.concat([this.carry, data]) : data;
      if (head.length < PAGE_HEADER + 12) {
        this.carry = Buffer.from(head);
        return;
      }
      const size = head.readUInt32LE(PAGE_HEADER + 8);
      if (head.readUInt32LE(PAGE_HEADER) !== BOLT_MAGIC || size < 512 || size > 65536 || size & size - 1) {
        this.disabled = true;
        this.carry = Buffer.alloc(0);
        return;
      }
      this.pageSize = size;
    }
    if (this.carry.length) {
      const need = this.pageSize - this.carry.length;
      if (data.length < need) {
        this.carry = Buffer.concat([this.carry, data]);
        return;
      }
      this.page(Buffer.concat([this.carry, data.subarray(0, need)]));
      off = need;
    }
    for (; off + this.pageSize <= data.length; off += this.pageSize) {
      this.page(data.subarray(off, off + this.pageSize));
    }
    this.carry = Buffer.from(data.subarray(off));
  }
  page(page) {
    if (this.gathering.length) {
      const done = [];
      for (const g of this.gathering) {
        g.parts.push(Buffer.from(page));
        g.have += page.length;
        if (g.have >= g.need) done.push(g);
      }
      if (done.length) {
        this.gathering = this.gathering.filter((g) => !done.includes(g));
        for (const g of done) this.leaf(Buffer.concat(g.parts));
      }
    }
    if (page.readUInt16LE(8) !== LEAF) return;
    const overflow = page.readUInt32LE(12);
    if (overflow === 0) return this.leaf(page);
    const need = (overflow + 1) * this.pageSize;
    const gathered = this.gathering.reduce((n, g) => n + g.need, 0);
    if (gathered + need <= MAX_GATHER)
      this.gathering.push({ parts: [Buffer.from(page)], have: page.length, need });
    this.leaf(page);
  }
  leaf(page, depth = 0) {
    const count = page.readUInt16LE(10);
    for (let i = 0; i < count; i++) {
      const el = PAGE_HEADER + i * 16;
      if (el + 16 > page.length) return;
      const flags = page.readUInt32LE(el);
      const start = el + page.readUInt32LE(el + 4);
      const ksize = page.readUInt32LE(el + 8);
      const vsize = page.readUInt32LE(el + 12);
      if (start + ksize > page.length) continue;
      if (flags === BUCKET_LEAF) {
        const end = start + ksize + vsize;
        if (end > page.length || vsize < 16 + PAGE_HEADER || depth > 4) continue;
        const value = page.subarray(start + ksize, end);
        if (value.readBigUInt64LE(0) === 0n && value.readUInt16LE(16 + 8) === LEAF) {
          this.leaf(value.subarray(16), depth + 1);
        }
        continue;
      }
      if (flags !== 0) continue;
      const key = page.subarray(start, start + ksize);
      if (isRevisionKey(key)) {
        this.keyRevision = Math.max(this.keyRevision, Number(key.readBigUInt64BE(0)));
      } else if (key.equals(FINISHED_COMPACT) && vsize === 17 && start + ksize + vsize <= page.length) {
        const value = page.subarray(start + ksize, start + ksize + vsize);
        if (isRevisionKey(value)) {
          this.compactRevision = Math.max(this.compactRevision, Number(value.readBigUInt64BE(0)));
        }
      }
    }
  }
};
function isRevisionKey(k) {
  if (k.length !== 17 && !(k.length === 18 && k[17] === 116)) return false;
  return k[8] === 95 && k[0] === 0 && k[1] === 0 && k[9] === 0 && k[10] === 0 && k[11] === 0 && k[12] === 0;
}

// src/etcd/snapshot-stream.ts
var SHA256_SIZE = 32;
var SnapshotIntegrityError = class extends OperationalError {
  name = "SnapshotIntegrityError";
};
var HEAD_BYTES = 64 * 1024;
var DatabaseDigest = class {
  hash = createHash("sha256");
  revisions = new RevisionScanner();
  headChunks = [];
  headLength = 0;
  bytes = 0;
  add(out) {
    if (out.length === 0) return;
    this.hash.update(out);
    this.revisions.add(out);
    this.bytes += out.length;
    if (this.headLength < HEAD_BYTES) {
      const part = out.subarray(0, HEAD_BYTES - this.headLength);
      this.headChunks.push(Buffer.from(part));
      this.headLength += part.length;
    }
  }
  digest() {
    return this.hash.digest();
  }
  head() {
    return Buffer.concat(this.headChunks);
  }
};
var SnapshotReader = class extends Transform2 {
  db = new DatabaseDigest();
  held = Buffer.alloc(0);
  announced = -1;
  version = "";
  onProgress;
  result;
  constructor(onProgress) {
    super({ writableObjectMode: true, readableHighWaterMark: 1024 * 1024 });
    this.onProgress = onProgress;
  }
  _transform(msg, _enc, cb) {
    if (this.announced < 0) this.announced = msg.remainingBytes + msg.blob.length;
    if (msg.version) this.version = msg.version;
    const blob = msg.blob;
    if (blob.length >= SHA256_SIZE) {
      this.release(this.held);
      this.release(blob.subarray(0, blob.length - SHA256_SIZE));
      this.held = Buffer.from(blob.subarray(blob.length - SHA256_SIZE));
    } else {
      const data = Buffer.concat([this.held, blob]);
      const cut = Math.max(0, data.length - SHA256_SIZE);
      this.release(data.subarray(0, cut));
      this.held = Buffer.from(data.subarray(cut));
    }
    this.onProgress?.(this.db.bytes, this.announced);
    cb();
  }
  release(out) {
    if (out.length === 0) return;
    this.db.add(out);
    this.push(out);
  }
  _flush(cb) {
    if (this.announced < 0) return cb(new SnapshotIntegrityError("etcd sent an empty snapshot stream"));
    if (this.held.length < SHA256_SIZE) {
      return cb(new SnapshotIntegrityError("the snapshot stream ended before its sha256 trailer"));
    }
    const sha = this.db.digest();
    if (!sha.equals(this.held)) {
      return cb(
        new SnapshotIntegrityError(
          `snapshot sha256 mismatch: the stream's trailer says ${this.held.toString("hex")}, the ${this.db.bytes} bytes received hash to ${sha.toString("hex")}`
        )
      );
    }
    if (this.db.bytes !== this.announced) {
      return cb(
        new SnapshotIntegrityError(
          `snapshot size mismatch: etcd announced ${this.announced} bytes and sent ${this.db.bytes}`
        )
      );
    }
    this.result = {
      dbSize: this.db.bytes,
      announcedSize: this.announced,
      sha256: sha.toString("hex"),
      storageVersion: this.version,
      head: this.db.head(),
      revision: this.db.revisions.revision
    };
    this.push(this.held);
    cb();
  }
};
var TrailerVerifier = class extends Transform2 {
  db = new DatabaseDigest();
  held = Buffer.alloc(0);
  result;
  _transform(chunk, _enc, cb) {
    const data = this.held.length ? Buffer.concat([this.held, chunk]) : chunk;
    const release = Math.max(0, data.length - SHA256_SIZE);
    const out = data.subarray(0, release);
    this.held = Buffer.from(data.subarray(release));
    this.db.add(out);
    this.push(chunk);
    cb();
  }
  _flush(cb) {
    const sha = this.db.digest();
    if (this.held.length < SHA256_SIZE || !sha.equals(this.held)) {
      return cb(
        new SnapshotIntegrityError(
          `snapshot sha256 trailer mismatch: trailer ${this.held.toString("hex") || "(missing)"}, content hashes to ${sha.toString("hex")}`
        )
      );
    }
    this.result = {
      dbSize: this.db.bytes,
      sha256: sha.toString("hex"),
      head: this.db.head(),
      revision: this.db.revisions.revision
    };
    cb();
  }
};

// src/etcd/catalog.ts
import { Transform as Transform3, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/etcd/bolt.ts
var MAGIC2 = 3977042669;
var VERSION = 2;
var PAGE_HEADER2 = 16;
var META_FLAG = 4;
function fnv64a(buf) {
  let h = 0xcbf29ce484222325n;
  for (const b of buf) {
    h ^= BigInt(b);
    h = BigInt.asUintN(64, h * 0x100000001b3n);
  }
  return h;
}
function readMeta(head, offset) {
  if (head.length < offset + PAGE_HEADER2 + 64) return "file too short for a bolt meta page";
  const flags = head.readUInt16LE(offset + 8);
  if ((flags & META_FLAG) === 0) return `page at ${offset} is not a meta page`;
  const m = offset + PAGE_HEADER2;
  if (head.readUInt32LE(m) !== MAGIC2) return "bad magic (not a bolt database)";
  if (head.readUInt32LE(m + 4) !== VERSION) return `unsupported bolt version ${head.readUInt32LE(m + 4)}`;
  const pageSize = head.readUInt32LE(m + 8);
  const checksum = head.readBigUInt64LE(m + 56);
  if (fnv64a(head.subarray(m, m + 56)) !== checksum) return "meta page checksum mismatch";
  return {
    pageSize,
    txid: head.readBigUInt64LE(m + 48),
    highWaterPage: head.readBigUInt64LE(m + 40),
    root: head.readBigUInt64LE(m + 16)
  };
}
function checkBolt(head, dbSize) {
  const first = readMeta(head, 0);
  if (typeof first === "string") throw new Error(`bolt structure check failed: meta page 0: ${first}`);
  const second = readMeta(head, first.pageSize);
  if (typeof second === "string") throw new Error(`bolt structure check failed: meta page 1: ${second}`);
  const meta = second.txid > first.txid ? second : first;
  if (dbSize % meta.pageSize !== 0) {
    throw new Error(
      `bolt structure check failed: size ${dbSize} is not a multiple of the page size ${meta.pageSize}`
    );
  }
  if (BigInt(dbSize) < meta.highWaterPage * BigInt(meta.pageSize)) {
    throw new Error(
      `bolt structure check failed: the database uses ${meta.highWaterPage} pages of ${meta.pageSize} bytes but the file has ${dbSize} bytes (truncated)`
    );
  }
  return meta;
}

// src/etcd/catalog.ts
async function listSnapshots(store, storage) {
  const objects = await store.list(clusterPrefix(storage.s3.prefix, storage.clusterName));
  const keys = new Set(objects.map((o) => o.key));
  const out = [];
  for (const o of objects) {
    const parsed = parseSnapshotKey(o.key);
    if (!parsed || parsed.cluster !== storage.clusterName) continue;
    const sidecar = o.key + SIDECAR_SUFFIX;
    const metadata = keys.has(sidecar) ? await store.getJson(sidecar) : void 0;
    out.push({
      ...parsed,
      size: o.size,
      ...o.lastModified ? { lastModified: o.lastModified } : {},
      // A sidecar is only this object's when it names it (and, for new keys, the same run).
      ...metadata && pairedWith(metadata, parsed) ? { metadata } : {}
    });
  }
  return out.sort(newestFirst);
}
function pairedWith(meta, key) {
  return meta.key === key.key && (!key.runId || !meta.runId || meta.runId === key.runId);
}
async function resolveKey(store, storage, key, logger) {
  const all = await listSnapshots(store, storage);
  if (key) {
    const found = all.find((s) => s.key === key);
    if (found) return found;
    const parsed = parseSnapshotKey(key);
    if (!parsed)
      throw new ConfigurationError(
        `input 'key': ${JSON.stringify(key)} is not a kubekeep snapshot key (expected <prefix><cluster>/<cluster>-etcd-<time>-<run id>.db[.zst|.gz][.enc])`
      );
    const sidecar = await store.getJson(key + SIDECAR_SUFFIX);
    return { ...parsed, size: 0, ...sidecar && pairedWith(sidecar, parsed) ? { metadata: sidecar } : {} };
  }
  const newest = all.find((s) => s.metadata) ?? all[0];
  if (!newest) {
    throw new OperationalError(
      `no snapshots of cluster '${storage.clusterName}' under s3://${storage.s3.bucket}/${clusterPrefix(storage.s3.prefix, storage.clusterName)}; check cluster-name and s3-prefix`
    );
  }
  const skipped = all.indexOf(newest);
  if (skipped > 0)
    logger?.warning(
      `skipping ${skipped} newer snapshot(s) without metadata (interrupted, or being written right now): ${all.slice(0, skipped).map((s) => s.key).join(", ")}`
    );
  if (!newest.metadata)
    logger?.warning(`${newest.key} has no metadata: checking its trailer and structure only`);
  return newest;
}
function corrupt(key, detail) {
  return new OperationalError(`snapshot ${key} is corrupt or truncated: ${detail}`);
}
function isCodecError(err) {
  const code = err.code;
  return typeof code === "string" && /^(Z_|ZSTD_|ERR_ZLIB|ERR_ZSTD)/.test(code) && code !== "Z_MEM_ERROR";
}
async function verifyStored(store, storage, snap, logger, sink) {
  const meta = snap.metadata;
  const key = storage.encryptionKey;
  let opened;
  try {
    opened = await openChecked(store, snap, key);
  } catch (err) {
    sink?.destroy();
    throw err;
  }
  const { body, size } = opened;
  let objectSize = 0;
  const counter = new Transform3({
    transform(chunk, _enc, cb) {
      objectSize += chunk.length;
      cb(null, chunk);
    }
  });
  const verifier = new TrailerVerifier();
  const stages = [body, counter];
  if (snap.encrypted && key) stages.push(new DecryptStream(key, meta?.keyFingerprint !== void 0));
  const dec = decompressor(snap.compression);
  if (dec) stages.push(dec);
  stages.push(verifier);
  stages.push(
    sink ?? new Writable({
      write(_c, _e, cb) {
        cb();
      }
    })
  );
  logger.info(`checking ${snap.key} (${formatBytes(size)})`);
  try {
    await pipeline(stages);
  } catch (err) {
    if (err instanceof WrongKeyError) throw new WrongKeyError(`snapshot ${snap.key}: ${err.message}`);
    if (err instanceof DecryptionError || err instanceof SnapshotIntegrityError || isCodecError(err)) {
      throw corrupt(snap.key, errorMessage(err));
    }
    if (err instanceof UserFacingError) throw err;
    const e = err;
    if (e.syscall && e.path) {
      throw new OperationalError(
        `cannot write ${e.path} (${e.code ?? ""} ${e.message}); check the output folder`
      );
    }
    if (typeof e.code === "string") {
      throw new OperationalError(
        `the download of s3://${storage.s3.bucket}/${snap.key} failed after ${objectSize} bytes (${e.code}: ${e.message}); check the S3 endpoint and retry`
      );
    }
    throw err;
  }
  const result = verifier.result;
  if (!result) throw new Error("verification produced no result");
  if (meta && meta.sha256 !== result.sha256) {
    throw corrupt(snap.key, `its database hashes to ${result.sha256}, its metadata records ${meta.sha256}`);
  }
  if (meta && meta.dbSize !== result.dbSize) {
    throw corrupt(snap.key, `its database has ${result.dbSize} bytes, its metadata records ${meta.dbSize}`);
  }
  if (meta?.runId && meta.revision !== result.revision) {
    throw corrupt(
      snap.key,
      `its database holds revision ${result.revision}, its metadata records ${meta.revision}`
    );
  }
  let bolt;
  try {
    bolt = checkBolt(result.head, result.dbSize);
  } catch (err) {
    throw corrupt(snap.key, errorMessage(err));
  }
  return { dbSize: result.dbSize, sha256: result.sha256, objectSize, revision: result.revision, bolt };
}
async function openChecked(store, snap, key) {
  const meta = snap.metadata;
  if (snap.encrypted && !key) {
    throw new ConfigurationError(`snapshot ${snap.key} is encrypted: give encryption-key`);
  }
  if (snap.encrypted && key && meta?.keyFingerprint) {
    const mine = keyFingerprint(key).toString("hex");
    if (mine !== meta.keyFingerprint)
      throw new WrongKeyError(`snapshot ${snap.key}: ${wrongKeyMessage(meta.keyFingerprint, mine)}`);
  }
  const opened = await store.download(snap.key);
  const { body, size, etag } = opened;
  if (meta && meta.objectSize !== size) {
    body.destroy();
    throw corrupt(
      snap.key,
      `S3 holds ${size} bytes, its metadata (${snap.key}${SIDECAR_SUFFIX}) records ${meta.objectSize}`
    );
  }
  if (meta?.etag && etag && meta.etag !== etag) {
    body.destroy();
    throw corrupt(
      snap.key,
      `its ETag is ${etag}, not the recorded ${meta.etag}: the object was altered or written over since the backup`
    );
  }
  return opened;
}
async function markVerified(store, meta) {
  const updated = { ...meta, verified: true, verifiedAt: (/* @__PURE__ */ new Date()).toISOString() };
  await store.putJson(meta.key + SIDECAR_SUFFIX, updated);
  return updated;
}
async function prune(store, snapshots, policy, dryRun, logger, now = /* @__PURE__ */ new Date()) {
  const decisions = planRetention(
    snapshots.map((s) => ({
      key: s.key,
      time: s.time,
      verified: s.metadata?.verified ?? false,
      complete: s.metadata !== void 0,
      ...s.lastModified ? { storedAt: s.lastModified } : {}
    })),
    policy,
    now
  );
  const doomed = decisions.filter((d) => !d.keep).map((d) => d.key);
  if (doomed.length === 0) {
    logger.info(`retention: all ${decisions.length} snapshots are kept`);
    return { decisions, deleted: [] };
  }
  if (dryRun) {
    logger.info(`retention (dry run): would delete ${doomed.length} of ${decisions.length} snapshots`);
    return { decisions, deleted: [] };
  }
  await store.delete(doomed.flatMap((k) => [k, k + SIDECAR_SUFFIX]));
  logger.info(`retention: deleted ${doomed.length} of ${decisions.length} snapshots`);
  return { decisions, deleted: doomed };
}
function retentionTable(decisions, dryRun) {
  return {
    caption: dryRun ? "Retention (dry run: nothing deleted)" : "Retention",
    header: ["snapshot", "taken (UTC)", "decision", "why"],
    rows: decisions.map((d) => [
      d.key.slice(d.key.lastIndexOf("/") + 1),
      d.time.toISOString().replace(".000Z", "Z"),
      d.keep ? "keep" : dryRun ? "would delete" : "deleted",
      d.reasons.join(", ") || "no rule keeps it"
    ])
  };
}

// src/etcd/config.ts
import fs from "node:fs";
var PEM_RE = /-----BEGIN [A-Z ]+-----/;
var etcdAccessInputs = {
  kubeconfig: {
    ...clusterInputs.kubeconfig,
    description: "Kubeconfig content (from a secret) or a path to one, used to port-forward to an etcd static pod when etcd-endpoint is empty."
  },
  "kubeconfig-path": clusterInputs["kubeconfig-path"],
  context: clusterInputs.context,
  ...stallInputs,
  "etcd-endpoint": input.string({
    description: "etcd client address, https://host:2379, for a runner that can reach etcd. Empty: port-forward through the Kubernetes API to the etcd static pod (label component=etcd in kube-system) of a kubeadm control plane."
  }),
  "etcd-pod": input.string({
    description: "The etcd pod to port-forward to.",
    defaultText: "the first Running pod labelled component=etcd in kube-system"
  }),
  "etcd-ca": input.string({
    description: "The etcd CA certificate: PEM content (from a secret) or a file path (kubeadm: /etc/kubernetes/pki/etcd/ca.crt).",
    required: true
  }),
  "etcd-cert": input.string({
    description: "An etcd client certificate: PEM content or a file path (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.crt).",
    required: true
  }),
  "etcd-key": input.string({
    description: "That certificate's private key: PEM content (masked) or a file path (kubeadm: /etc/kubernetes/pki/apiserver-etcd-client.key).",
    required: true,
    secret: true
  })
};
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
var retentionInputs = {
  "keep-last": input.integer({ description: "Retention: keep the N newest snapshots.", min: 0 }),
  "max-age": input.duration({
    description: "Retention: keep every snapshot younger than this (e.g. 7d, 36h)."
  }),
  "keep-daily": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent days (UTC).",
    min: 0
  }),
  "keep-weekly": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent ISO weeks.",
    min: 0
  }),
  "keep-monthly": input.integer({
    description: "Retention: keep the newest snapshot of each of the N most recent months.",
    min: 0
  }),
  "dry-run": input.boolean({ description: "Retention: only show what would be deleted.", default: false })
};
var keyInput = {
  key: input.string({ description: "Object key of the snapshot.", defaultText: "the newest" })
};
var snapshotInputs = {
  ...etcdAccessInputs,
  ...storageInputs,
  compression: input.enum(COMPRESSIONS, {
    description: "zstd, gzip or none. zstd falls back to gzip on runtimes without it.",
    default: "zstd"
  }),
  verify: input.boolean({
    description: "After the upload, download the snapshot and check its sha256, size and bolt structure. Retention only prunes after a successful verify.",
    default: true
  }),
  "verify-hashkv": input.boolean({
    description: "Also recompute etcd's HashKV from the downloaded snapshot and compare it with the live member's HashKV at the snapshot's revision (a mismatch fails the run). Needs temporary disk space for the database.",
    default: false
  }),
  ...retentionInputs
};
var verifyInputs = { ...storageInputs, ...keyInput };
var listInputs = storageInputs;
var pruneInputs = { ...storageInputs, ...retentionInputs };
var restoreInputs = {
  ...storageInputs,
  ...keyInput,
  output: input.string({ description: "Where to write the .db file.", default: "etcd-snapshot.db" }),
  "data-dir": input.string({
    description: "Data dir for the restored member.",
    default: "/var/lib/etcd-restored"
  }),
  "run-restore": input.boolean({
    description: "Run etcdutl snapshot restore into data-dir (must not exist or be empty). When false, only print the commands.",
    default: false
  }),
  etcdutl: input.string({ description: "etcdutl to run (a name on PATH or a path).", default: "etcdutl" }),
  "etcdutl-timeout": input.duration({
    description: "How long etcdutl snapshot restore may run; at the deadline its process group is ended (SIGTERM, then SIGKILL) and the restore fails, leaving data-dir to be removed.",
    default: "30m"
  }),
  "member-name": input.string({ description: "etcdutl --name." }),
  "initial-cluster": input.string({ description: "etcdutl --initial-cluster." }),
  "initial-advertise-peer-urls": input.string({ description: "etcdutl --initial-advertise-peer-urls." })
};
function pem(name, v, secret = false) {
  if (PEM_RE.test(v)) return v.replace(/\\n/g, "\n");
  if (!fs.existsSync(v)) {
    throw new ConfigurationError(
      `input '${name}': ${secret ? "the value (not shown: it may be secret)" : JSON.stringify(v)} is neither PEM content (-----BEGIN ...) nor an existing file`
    );
  }
  const text = fs.readFileSync(v, "utf8");
  if (!PEM_RE.test(text))
    throw new ConfigurationError(`input '${name}': file ${JSON.stringify(v)} holds no PEM block`);
  return text;
}
function parseEtcdAccess(src) {
  const v = readInputs(etcdAccessInputs, src);
  const raw = v["etcd-endpoint"];
  let endpoint;
  if (raw !== void 0) {
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
    key: pem("etcd-key", v["etcd-key"], true)
  };
  const pod = v["etcd-pod"];
  return {
    ...endpoint ? { endpoint } : {},
    tls,
    ...pod ? { pod } : {},
    cluster: parseClusterConfig(src),
    stallTimeoutMs: stallTimeout(src)
  };
}
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
function parseRetention(src) {
  const v = readInputs(retentionInputs, src);
  const p = {};
  if (v["keep-last"]) p.keepLast = v["keep-last"];
  if (v["max-age"] !== void 0) p.maxAgeMs = v["max-age"];
  if (v["keep-daily"]) p.daily = v["keep-daily"];
  if (v["keep-weekly"]) p.weekly = v["keep-weekly"];
  if (v["keep-monthly"]) p.monthly = v["keep-monthly"];
  return p;
}
function parseSnapshotConfig(src) {
  const v = readInputs(snapshotInputs, src);
  if (v["verify-hashkv"] && !v.verify) {
    throw new ConfigurationError("input 'verify-hashkv' needs verify: true (it checks the downloaded copy)");
  }
  return {
    etcd: parseEtcdAccess(src),
    storage: parseStorage(src),
    compression: v.compression,
    verify: v.verify,
    verifyHashKV: v["verify-hashkv"],
    retention: parseRetention(src),
    dryRun: v["dry-run"]
  };
}
function parseVerifyConfig(src) {
  const key = readInputs(keyInput, src).key;
  return { storage: parseStorage(src), ...key ? { key } : {} };
}
function parseListConfig(src) {
  return { storage: parseStorage(src) };
}
function parsePruneConfig(src) {
  return {
    storage: parseStorage(src),
    retention: parseRetention(src),
    dryRun: readInputs(retentionInputs, src)["dry-run"]
  };
}
function parseRestoreConfig(src) {
  const v = readInputs(restoreInputs, src);
  return {
    storage: parseStorage(src),
    ...v.key ? { key: v.key } : {},
    output: v.output,
    dataDir: v["data-dir"],
    run: v["run-restore"],
    etcdutl: v.etcdutl,
    etcdutlTimeoutMs: v["etcdutl-timeout"],
    ...v["member-name"] !== void 0 ? { memberName: v["member-name"] } : {},
    ...v["initial-cluster"] !== void 0 ? { initialCluster: v["initial-cluster"] } : {},
    ...v["initial-advertise-peer-urls"] !== void 0 ? { peerUrls: v["initial-advertise-peer-urls"] } : {}
  };
}
function maskSecrets(logger, config) {
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

export {
  effectiveCompression,
  compressor,
  ENCRYPTION_SCHEME,
  keyFingerprint,
  EncryptStream,
  SIDECAR_SUFFIX,
  clusterPrefix,
  newRunId,
  snapshotKey,
  parseSnapshotKey,
  policyIsEmpty,
  SnapshotStore,
  checkBolt,
  SnapshotIntegrityError,
  SnapshotReader,
  listSnapshots,
  resolveKey,
  verifyStored,
  markVerified,
  prune,
  retentionTable,
  storageInputs,
  snapshotInputs,
  verifyInputs,
  listInputs,
  pruneInputs,
  restoreInputs,
  parseStorage,
  parseSnapshotConfig,
  parseVerifyConfig,
  parseListConfig,
  parsePruneConfig,
  parseRestoreConfig,
  maskSecrets
};
