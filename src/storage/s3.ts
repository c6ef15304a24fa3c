/**
 * S3 access for snapshots: streaming multipart upload with bounded memory
 * (lib-storage's Upload buffers at most queueSize x partSize), download as a
 * stream, listing, deletion and JSON sidecars. Credentials come from the
 * SDK's default chain (environment, OIDC web identity, instance roles), so
 * `aws-actions/configure-aws-credentials` works unchanged.
 */
import type { ObjectLockMode, S3Client, ServerSideEncryption } from "@aws-sdk/client-s3";
import http from "node:http";
import https from "node:https";
import { PassThrough, type Readable } from "node:stream";
import { ConfigurationError, errorMessage, OperationalError, UserFacingError } from "../core/errors.ts";
import { DEFAULT_STALL_TIMEOUT_MS, seconds, withDeadline } from "../core/stall.ts";
import {
  chooseProxy,
  isUnreachable,
  unreachableProxy,
  type NetworkError,
  type ProxyChoice,
} from "../core/proxy.ts";
import type * as Sdk from "./s3-sdk.ts";
import type { AwsIdentity } from "../aws/config.ts";
import type { Logger } from "../core/logger.ts";
import { silentLogger } from "../core/logger.ts";

export interface S3Config {
  bucket: string;
  /** Key prefix, "" or ending in "/". */
  prefix: string;
  endpoint?: string;
  region?: string;
  forcePathStyle: boolean;
  /** Server-side encryption: none, AES256 (SSE-S3) or aws:kms (SSE-KMS). */
  sse: "none" | "AES256" | "aws:kms";
  kmsKeyId?: string;
  /** when_supported (AWS default) or when_required (for stores that reject CRC trailers). */
  checksum: "when_supported" | "when_required";
  partSize: number;
  queueSize: number;
  /**
   * Object Lock retention for every object written (snapshot and sidecar):
   * the mode and how long from the write. Unset: the bucket's default, if any.
   */
  objectLock?: { mode: "GOVERNANCE" | "COMPLIANCE"; retainMs: number };
  /**
   * How long S3 may take or send no bytes before a request fails
   * (`stall-timeout`; default 60s). Also bounds a connect.
   */
  stallTimeoutMs?: number;
  /** The role kubekeep assumes and renews itself (aws-role-arn); undefined: the SDK's default chain. */
  identity?: AwsIdentity;
}

/** The SDK's credential provider shape: it asks again once `expiration` is near. */
type CredentialProvider = () => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}>;

export class SnapshotStore {
  readonly config: S3Config;
  readonly client: S3Client;
  /** HTTPS_PROXY / NO_PROXY, as for the Kubernetes API (core/proxy.ts). */
  private readonly proxy: ProxyChoice | undefined;

  private readonly sdk: typeof Sdk;

  /** A store on `config`; the SDK is loaded here, on first use, not when this module is. */
  static async open(config: S3Config, logger: Logger = silentLogger): Promise<SnapshotStore> {
    let credentials: CredentialProvider | undefined;
    if (config.identity) {
      const { roleSession } = await import("../aws/session.ts");
      const session = roleSession(config.identity, logger);
      // The SDK calls this whenever its copy is within 5 minutes of expiry
      // (every request, for short sessions); the session renews only when due.
      credentials = () => session.credentials();
    }
    return new SnapshotStore(config, await import("./s3-sdk.ts"), credentials);
  }

  private constructor(config: S3Config, sdk: typeof Sdk, credentials?: CredentialProvider) {
    this.config = config;
    this.sdk = sdk;
    this.proxy = chooseProxy(new URL(config.endpoint ?? "https://s3.amazonaws.com"), undefined, process.env);
    this.client = new sdk.S3Client({
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(credentials ? { credentials } : {}),
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
        ...(this.proxy ? proxyAgents(this.proxy) : {}),
      },
    });
    noRetryAfterStall(this.client);
  }

  get stallTimeoutMs(): number {
    return this.config.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  }

  close(): void {
    this.client.destroy();
  }

  get where(): string {
    return `s3://${this.config.bucket}/${this.config.prefix}`;
  }

  /** Fails early, and clearly, when the bucket is missing or not ours to use. */
  async checkBucket(): Promise<void> {
    try {
      await this.client.send(new this.sdk.HeadBucketCommand({ Bucket: this.config.bucket }));
    } catch (err) {
      throw this.describe(err, "HeadBucket");
    }
  }

  private sseParams(): { ServerSideEncryption?: ServerSideEncryption; SSEKMSKeyId?: string } {
    if (this.config.sse === "none") return {};
    return {
      ServerSideEncryption: this.config.sse,
      ...(this.config.kmsKeyId ? { SSEKMSKeyId: this.config.kmsKeyId } : {}),
    };
  }

  /**
   * Object Lock on every write when object-lock-mode is given: the object's
   * own retention, counted from now, and an explicit checksum. S3 refuses a
   * PUT (or an upload part) into an Object Lock bucket without a Content-MD5
   * or x-amz-checksum header; s3-checksum when_supported (the default) sends
   * one anyway, when_required would not without this.
   */
  private writeParams(): {
    ChecksumAlgorithm?: "CRC32";
    ObjectLockMode?: ObjectLockMode;
    ObjectLockRetainUntilDate?: Date;
  } {
    const lock = this.config.objectLock;
    if (!lock) return {};
    return {
      ChecksumAlgorithm: "CRC32",
      ObjectLockMode: lock.mode,
      ObjectLockRetainUntilDate: new Date(Date.now() + lock.retainMs),
    };
  }

  /**
   * Streams `body` to `key` as a multipart upload. On failure the multipart
   * upload is aborted, so no object (partial or otherwise) appears. The write
   * is conditional (If-None-Match: *, on the PutObject or the
   * CompleteMultipartUpload): it never replaces an object already at `key`.
   * Returns the stored object's ETag.
   */
  async upload(
    key: string,
    body: Readable,
    metadata: Record<string, string>,
    onProgress?: (bytes: number) => void,
  ): Promise<{ etag: string }> {
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
        ...this.writeParams(),
      },
    });
    upload.on("httpUploadProgress", (p) => {
      if (p.loaded !== undefined) onProgress?.(p.loaded);
    });
    // A failing source fails the body's iteration, and with it the upload,
    // whose multipart upload is then aborted.
    try {
      const res = await upload.done();
      return { etag: ("ETag" in res ? res.ETag : undefined) ?? "" };
    } catch (err) {
      const abandoned = upload.uploadId ? await this.abandon(key, upload.uploadId) : "";
      if (isPreconditionFailed(err)) {
        // A retried CompleteMultipartUpload whose first try did land finds our own object.
        const there = await this.head(key);
        const runId = metadata["run-id"];
        if (there && runId && there.metadata["run-id"] === runId) return { etag: there.etag };
        throw new OperationalError(
          `an object already exists at s3://${this.config.bucket}/${key}: another run wrote it first; it was left as it is and this upload was dropped`,
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
  private async abandon(key: string, uploadId: string): Promise<string> {
    try {
      await withDeadline(
        (abortSignal) =>
          this.client.send(
            new this.sdk.AbortMultipartUploadCommand({
              Bucket: this.config.bucket,
              Key: key,
              UploadId: uploadId,
            }),
            { abortSignal },
          ),
        this.stallTimeoutMs,
        () => new OperationalError(`no answer within ${seconds(this.stallTimeoutMs)}`),
      );
      return "the multipart upload was aborted and no object was written";
    } catch (err) {
      return `no object was written; the multipart upload could not be aborted (${errorMessage(err)}): a later snapshot run removes its parts (uploads older than a day)`;
    }
  }

  /** Size, ETag and user metadata of the object at `key`, or undefined when there is none. */
  async head(
    key: string,
  ): Promise<{ size: number; etag: string; metadata: Record<string, string> } | undefined> {
    try {
      const res = await this.client.send(
        new this.sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key: key }),
      );
      return { size: res.ContentLength ?? 0, etag: res.ETag ?? "", metadata: res.Metadata ?? {} };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw this.describe(err, `HeadObject ${key}`);
    }
  }

  /**
   * Aborts multipart uploads under `prefix` started before `olderThan`: the
   * parts a run left behind when S3 itself failed and could not take the
   * abort. Best effort (stores without the API are skipped); returns the keys.
   */
  async abortStaleUploads(prefix: string, olderThan: Date): Promise<string[]> {
    const aborted: string[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const res = await this.client.send(
        new this.sdk.ListMultipartUploadsCommand({
          Bucket: this.config.bucket,
          Prefix: prefix,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
        }),
      );
      for (const u of res.Uploads ?? []) {
        if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated >= olderThan) continue;
        await this.client.send(
          new this.sdk.AbortMultipartUploadCommand({
            Bucket: this.config.bucket,
            Key: u.Key,
            UploadId: u.UploadId,
          }),
        );
        aborted.push(u.Key);
      }
      keyMarker = res.IsTruncated ? res.NextKeyMarker : undefined;
      uploadIdMarker = res.IsTruncated ? res.NextUploadIdMarker : undefined;
    } while (keyMarker);
    return aborted;
  }

  /** Writes `value` as JSON; with `create`, only when no object is at `key` yet. */
  async putJson(key: string, value: unknown, options: { create?: boolean } = {}): Promise<void> {
    try {
      await this.client.send(
        new this.sdk.PutObjectCommand({
          Bucket: this.config.bucket,
          Key: key,
          Body: JSON.stringify(value, null, 2) + "\n",
          ContentType: "application/json",
          ...(options.create ? { IfNoneMatch: "*" } : {}),
          ...this.sseParams(),
          ...this.writeParams(),
        }),
      );
    } catch (err) {
      if (options.create && isPreconditionFailed(err)) {
        // A retried PutObject whose first try did land finds what it wrote.
        const there = await this.getJson<unknown>(key);
        if (JSON.stringify(there) === JSON.stringify(value)) return;
        throw new OperationalError(
          `an object already exists at s3://${this.config.bucket}/${key}: another run wrote it first; it was left as it is`,
        );
      }
      throw this.describe(err, `PutObject ${key}`);
    }
  }

  /** True when an object is stored at `key`. */
  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new this.sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw this.describe(err, `HeadObject ${key}`);
    }
  }

  async getJson<T>(key: string): Promise<T | undefined> {
    try {
      const res = await this.client.send(
        new this.sdk.GetObjectCommand({ Bucket: this.config.bucket, Key: key }),
      );
      return JSON.parse(
        await (res.Body as { transformToString(): Promise<string> }).transformToString(),
      ) as T;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      if (err instanceof SyntaxError) {
        throw new OperationalError(
          `s3://${this.config.bucket}/${key} is not valid JSON (${err.message}); the metadata object is damaged`,
        );
      }
      throw this.describe(err, `GetObject ${key}`);
    }
  }

  /** The object at `key` as a stream, with its size and ETag. */
  async download(key: string): Promise<{ body: Readable; size: number; etag: string }> {
    try {
      const res = await this.client.send(
        new this.sdk.GetObjectCommand({ Bucket: this.config.bucket, Key: key }),
      );
      // The body streams after this returns; its failures (S3 stalling
      // mid-download) are described like the request's own.
      const raw = res.Body as Readable;
      const body = new PassThrough();
      raw.on("error", (err) => body.destroy(this.describe(err, `download of ${key}`)));
      body.on("close", () => raw.destroy());
      raw.pipe(body);
      return { body, size: res.ContentLength ?? 0, etag: res.ETag ?? "" };
    } catch (err) {
      if (isNotFound(err)) {
        throw new OperationalError(
          `no snapshot at s3://${this.config.bucket}/${key} (NoSuchKey); check the key (\`kubekeep etcd list\` shows the stored ones), s3-prefix and cluster-name`,
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
  async list(prefix: string): Promise<{
    objects: { key: string; size: number; lastModified?: Date }[];
    folders: string[];
  }> {
    const objects: { key: string; size: number; lastModified?: Date }[] = [];
    const folders: string[] = [];
    let token: string | undefined;
    try {
      do {
        const res = await this.client.send(
          new this.sdk.ListObjectsV2Command({
            Bucket: this.config.bucket,
            Prefix: prefix,
            Delimiter: "/",
            ContinuationToken: token,
          }),
        );
        for (const o of res.Contents ?? []) {
          if (o.Key)
            objects.push({
              key: o.Key,
              size: o.Size ?? 0,
              ...(o.LastModified ? { lastModified: o.LastModified } : {}),
            });
        }
        for (const p of res.CommonPrefixes ?? []) if (p.Prefix) folders.push(p.Prefix);
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
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
  async lockOf(key: string, now = new Date()): Promise<string | undefined> {
    try {
      const res = await this.client.send(
        new this.sdk.HeadObjectCommand({ Bucket: this.config.bucket, Key: key }),
      );
      if (res.ObjectLockLegalHoldStatus === "ON") return "under a legal hold";
      const until = res.ObjectLockRetainUntilDate;
      if (until && until.getTime() > now.getTime())
        return `locked (${res.ObjectLockMode ?? "retention"}) until ${until.toISOString()}`;
      return undefined;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw this.describe(err, `HeadObject ${key}`);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      try {
        const res = await this.client.send(
          new this.sdk.DeleteObjectsCommand({
            Bucket: this.config.bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        if (res.Errors?.length) {
          throw new OperationalError(
            `S3 did not delete ${res.Errors.length} of ${batch.length} objects on s3://${this.config.bucket} (${res.Errors.map((e) => `${e.Key}: ${e.Code} ${e.Message}`).join("; ")}); check the bucket policy allows s3:DeleteObject`,
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
  describe(err: unknown, what: string, upshot = ""): Error {
    if (err instanceof UserFacingError) return err;
    const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; code?: string };
    const status = e.$metadata?.httpStatusCode;
    const where = `s3://${this.config.bucket}${this.config.endpoint ? ` at ${this.config.endpoint}` : ""}`;
    const then = upshot ? `; ${upshot}` : "";
    if (isStall(err)) {
      return new OperationalError(
        `S3 at ${where} sent or took no data for ${seconds(this.stallTimeoutMs)} during ${what} (stall-timeout)${then}; check that the S3 endpoint is up and reachable (and the proxy in between), or raise stall-timeout for a very slow link`,
      );
    }
    if (e.name === "NoSuchBucket" || (what === "HeadBucket" && status === 404)) {
      return new ConfigurationError(`bucket ${where} does not exist; create it or fix s3-bucket`);
    }
    if (
      status === 403 ||
      e.name === "AccessDenied" ||
      e.name === "InvalidAccessKeyId" ||
      e.name === "SignatureDoesNotMatch"
    ) {
      return new OperationalError(
        `S3 denied ${what} on ${where} (${e.name ?? status}); check the credentials (AWS_* variables or the role) and the bucket policy`,
      );
    }
    const net = err as NetworkError;
    const code = net.code ?? e.name;
    const upload = what.startsWith("upload of");
    // Not reachable at all: a wrong endpoint or proxy, or the store is down.
    // (Mid-upload the same codes mean the store went away: said below.)
    if (!upload && isUnreachable(net)) {
      const atProxy = unreachableProxy(this.proxy, net, `S3 at ${where}`);
      if (atProxy) return atProxy;
      return new OperationalError(
        `cannot reach S3 at ${where} during ${what} (${code}: ${errorMessage(err)}); check s3-endpoint (and s3-region) and that the store is up`,
      );
    }
    if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "ENOTFOUND" || code === "EPIPE") {
      return new OperationalError(
        `S3 at ${where} failed during ${what} (${code}: ${errorMessage(err)})` +
          (upload ? `; ${upshot || "the multipart upload was abandoned and no object was written"}` : ""),
      );
    }
    if (status !== undefined) {
      // S3 answered: a 5xx is the store's failure (after the SDK's retries), a 4xx a refusal.
      const detail = `${e.name ?? "error"} ${errorMessage(err)}`.trim();
      return new OperationalError(
        `S3 ${what} on ${where} failed with HTTP ${status} (${detail})` +
          (status >= 500 ? "; the store is failing: check its health and retry" : "") +
          (upload ? `; ${upshot || "the multipart upload was abandoned and no object was written"}` : ""),
      );
    }
    return new Error(`S3 ${what} on ${where} failed: ${e.name ?? ""} ${errorMessage(err)}`.trim() + then);
  }
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function isNotFound(err: unknown): boolean {
  const name = (err as { name?: string }).name;
  return name === "NotFound" || name === "NoSuchKey" || statusOf(err) === 404;
}

function isPreconditionFailed(err: unknown): boolean {
  const name = (err as { name?: string }).name;
  return name === "PreconditionFailed" || statusOf(err) === 412;
}

/** The SDK's error for a connection or a socket that stayed silent past its timeout. */
function isStall(err: unknown): boolean {
  const e = err as { name?: string; message?: string };
  return e.name === "TimeoutError" && /did not establish a connection|of inactivity/.test(e.message ?? "");
}

/**
 * A request that stalled is not retried: the SDK would otherwise wait the
 * stall timeout again for each of its attempts (a frozen S3 accepts every new
 * connection and answers none), and a stall must be reported after one
 * timeout, not three. Quick failures (a reset, a 500) are still retried.
 */
function noRetryAfterStall(client: S3Client): void {
  const config = client.config as unknown as { retryStrategy: () => Promise<RetryStrategyLike> };
  const resolve = config.retryStrategy;
  let wrapped: Promise<RetryStrategyLike> | undefined;
  config.retryStrategy = () =>
    (wrapped ??= resolve().then((strategy) => {
      if (typeof strategy.refreshRetryTokenForRetry !== "function") return strategy;
      // The same strategy (and its retry quota) for every request, as before.
      const refresh = strategy.refreshRetryTokenForRetry.bind(strategy);
      return new Proxy(strategy, {
        get: (target, prop, receiver) =>
          prop === "refreshRetryTokenForRetry"
            ? (token: unknown, info: { error?: unknown }) =>
                isStall(info.error) && info.error instanceof Error
                  ? Promise.reject(info.error)
                  : refresh(token, info)
            : bindTo(target, Reflect.get(target, prop, receiver) as unknown),
      });
    }));
}

function bindTo(target: object, value: unknown): unknown {
  return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
}

interface RetryStrategyLike {
  refreshRetryTokenForRetry(token: unknown, info: { error?: unknown }): Promise<unknown>;
}

/**
 * The SDK's own agents ignore HTTPS_PROXY, so a self-hosted runner behind a
 * proxy could not upload; with one in the way, agents that use it. Without,
 * the SDK keeps its default agents.
 */
function proxyAgents(proxy: ProxyChoice): { httpAgent: http.Agent; httpsAgent: https.Agent } {
  // The SDK's defaults otherwise: keep-alive, 50 sockets.
  const options = { keepAlive: true, maxSockets: 50, proxyEnv: proxy.env };
  return { httpAgent: new http.Agent(options), httpsAgent: new https.Agent(options) };
}
