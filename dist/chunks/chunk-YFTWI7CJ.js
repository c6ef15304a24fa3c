import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  chooseProxy,
  isUnreachable,
  unreachableProxy
} from "./chunk-PU6KKUXJ.js";
import {
  DEFAULT_STALL_TIMEOUT_MS,
  seconds,
  withDeadline
} from "./chunk-A2QQ3WGS.js";
import {
  require_node_http
} from "./chunk-IZKOCMEM.js";
import {
  silentLogger
} from "./chunk-3NY4DX7F.js";
import {
  ConfigurationError,
  OperationalError,
  UserFacingError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

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
  static async open(config, logger = silentLogger) {
    let credentials;
    if (config.identity) {
      const { roleSession } = await import("./session-NMUTNQN5.js");
      const session = roleSession(config.identity, logger);
      credentials = () => session.credentials();
    }
    return new _SnapshotStore(config, await import("./s3-sdk-O3NGPTDX.js"), credentials);
  }
  constructor(config, sdk, credentials) {
    this.config = config;
    this.sdk = sdk;
    this.proxy = chooseProxy(new URL(config.endpoint ?? "https://s3.amazonaws.com"), void 0, process.env);
    this.client = new sdk.S3Client({
      ...config.endpoint ? { endpoint: config.endpoint } : {},
      ...credentials ? { credentials } : {},
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
   * Object Lock on every write when object-lock-mode is given: the object's
   * own retention, counted from now, and an explicit checksum. S3 refuses a
   * PUT (or an upload part) into an Object Lock bucket without a Content-MD5
   * or x-amz-checksum header; s3-checksum when_supported (the default) sends
   * one anyway, when_required would not without this.
   */
  writeParams() {
    const lock = this.config.objectLock;
    if (!lock) return {};
    return {
      ChecksumAlgorithm: "CRC32",
      ObjectLockMode: lock.mode,
      ObjectLockRetainUntilDate: new Date(Date.now() + lock.retainMs)
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
        ...this.sseParams(),
        ...this.writeParams()
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
          ...this.sseParams(),
          ...this.writeParams()
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
  /**
   * The objects directly in the folder `prefix` (listed with the delimiter
   * `/`), and the names of the folders below it: a key nested deeper is never
   * taken for one of the folder's own objects.
   */
  async list(prefix) {
    const objects = [];
    const folders = [];
    let token;
    try {
      do {
        const res = await this.client.send(
          new this.sdk.ListObjectsV2Command({
            Bucket: this.config.bucket,
            Prefix: prefix,
            Delimiter: "/",
            ContinuationToken: token
          })
        );
        for (const o of res.Contents ?? []) {
          if (o.Key)
            objects.push({
              key: o.Key,
              size: o.Size ?? 0,
              ...o.LastModified ? { lastModified: o.LastModified } : {}
            });
        }
        for (const p of res.CommonPrefixes ?? []) if (p.Prefix) folders.push(p.Prefix);
        token = res.IsTruncated ? res.NextContinuationToken : void 0;
      } while (token);
    } catch (err) {
      throw this.describe(err, `ListObjectsV2 ${prefix}`);
    }
    return { objects, folders };
  }
  /**
   * Why the object at `key` cannot be deleted now, or undefined when it can:
   * an Object Lock retention date still ahead, or a legal hold. (On a
   * versioned bucket a delete would only hide a locked object behind a delete
   * marker, so a locked snapshot is left in place instead.)
   */
  async lockOf(key, now = /* @__PURE__ */ new Date()) {
    try {
      const res = await this.client.send(
        new this.sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key: key })
      );
      if (res.ObjectLockLegalHoldStatus === "ON") return "under a legal hold";
      const until = res.ObjectLockRetainUntilDate;
      if (until && until.getTime() > now.getTime())
        return `locked (${res.ObjectLockMode ?? "retention"}) until ${until.toISOString()}`;
      return void 0;
    } catch (err) {
      if (isNotFound(err)) return void 0;
      throw this.describe(err, `HeadObject ${key}`);
    }
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

export {
  SnapshotStore
};
