/**
 * A thin REST client for the Kubernetes API that hands back the server's JSON
 * untouched. Typed models drop fields they do not know and rewrite timestamps;
 * exports and drains need the objects exactly as the server has them.
 *
 * The kubeconfig is read by kubeconfig-load.ts. Users whose credentials come
 * from an exec plugin or an auth provider are the exception: for them alone
 * @kubernetes/client-node is imported (it is heavy: see kubeconfig-load.ts)
 * and its KubeConfig asks the plugin, as before.
 */
import { spawn, type SpawnOptions } from "node:child_process";
import https from "node:https";
import http from "node:http";
import type { IncomingMessage } from "node:http";
import type { KubeConfig } from "@kubernetes/client-node";
import { pluginEnv } from "../core/child-env.ts";
import { ConfigurationError, OperationalError } from "../core/errors.ts";
import { DEFAULT_STALL_TIMEOUT_MS, seconds, stallError } from "../core/stall.ts";
import { loadKubeconfig, type LoadedKubeconfig } from "./kubeconfig-load.ts";
import {
  chooseProxy,
  isUnreachable,
  unreachableProxy,
  type NetworkError,
  type ProxyChoice,
} from "../core/proxy.ts";

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /**
   * Milliseconds the server may send nothing (no headers, no body bytes)
   * before the request fails; default: the client's stall timeout. Not a
   * bound on the whole request: a long LIST streams for as long as it flows.
   */
  timeoutMs?: number;
  /** Extra request headers (e.g. an `Accept` asking for aggregated discovery). */
  headers?: Record<string, string>;
}

/** A non-2xx answer from the API server, with the Status object's fields lifted out. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly code: number;
  readonly reason: string;
  readonly method: string;
  readonly path: string;
  readonly details: unknown;
  /** The server's own message, without the method and path. */
  readonly serverMessage: string;

  constructor(
    code: number,
    reason: string,
    message: string,
    method: string,
    path: string,
    details?: unknown,
  ) {
    super(`${method} ${path}: ${code} ${reason}: ${message}`);
    this.code = code;
    this.reason = reason;
    this.method = method;
    this.path = path;
    this.details = details;
    this.serverMessage = message;
  }
}

interface StatusBody {
  kind?: string;
  reason?: string;
  message?: string;
  details?: unknown;
}

/** What a request needs to authenticate, beyond the agent's TLS material. */
interface RequestAuth {
  headers: Record<string, string>;
  /** user:password for basic auth. */
  auth?: string;
}

function requestAuth(opts: https.RequestOptions): RequestAuth {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (typeof v === "string") headers[k] = v;
  }
  return opts.auth ? { headers, auth: opts.auth } : { headers };
}

/**
 * What @kubernetes/client-node's WebSocketHandler (port-forward) asks of the
 * KubeConfig it is given: the server, and the TLS and auth options for a
 * connection, set the way KubeConfig.applyToHTTPSOptions sets them.
 */
export interface WebSocketConfig {
  getCurrentCluster(): { server: string } | null;
  applyToHTTPSOptions(opts: https.RequestOptions): Promise<void>;
}

export class KubeClient {
  readonly server: string;
  private readonly agent: https.Agent | http.Agent;
  private readonly base: URL;
  private readonly tls: https.AgentOptions;
  /**
   * The credentials for the next request. Client certificates, a static
   * token and basic auth are resolved once; a token file is re-read when a
   * minute old; exec plugins and auth providers are asked per request
   * (client-node caches their tokens until expiry).
   */
  private readonly auth: () => RequestAuth | Promise<RequestAuth>;
  /** client-node's KubeConfig, for plugin users only. */
  private readonly plugin: KubeConfig | undefined;
  /** The HTTP proxy in the way, if any (see proxy.ts). */
  private readonly proxy: ProxyChoice | undefined;
  /** How long the server may send nothing before a request fails (`stall-timeout`). */
  readonly stallTimeoutMs: number;

  private constructor(
    config: LoadedKubeconfig,
    tls: https.AgentOptions,
    auth: () => RequestAuth | Promise<RequestAuth>,
    stallTimeoutMs: number,
    plugin?: KubeConfig,
  ) {
    this.server = config.server;
    this.stallTimeoutMs = stallTimeoutMs;
    this.base = new URL(config.server);
    this.tls = tls;
    this.auth = auth;
    this.plugin = plugin;
    this.proxy = chooseProxy(this.base, config.proxyUrl, process.env);
    // One keep-alive agent for the client's lifetime: exports open many
    // requests in parallel and TLS handshakes would dominate otherwise.
    // Always an explicit proxyEnv ({}: no proxy), so that Node's own
    // NODE_USE_ENV_PROXY can never choose differently from kubectl.
    const proxyEnv = this.proxy?.env ?? {};
    this.agent =
      this.base.protocol === "https:"
        ? new https.Agent({ ...tls, keepAlive: true, maxSockets: 32, proxyEnv })
        : new http.Agent({ keepAlive: true, maxSockets: 32, proxyEnv });
  }

  /** Builds a client from a kubeconfig file (or the default loading rules when no path is given). */
  static async fromFile(
    path?: string,
    context?: string,
    stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS,
  ): Promise<KubeClient> {
    const config = loadKubeconfig({ path, context });
    if (config.auth.kind === "plugin") return KubeClient.withPlugin(config, path, stallTimeoutMs);
    const tls: https.AgentOptions = { ...config.tls };
    const { auth, headers } = config;
    if (auth.kind === "tokenFile") {
      return new KubeClient(
        config,
        tls,
        () => ({ headers: { ...headers, Authorization: `Bearer ${auth.tokenFile.current()}` } }),
        stallTimeoutMs,
      );
    }
    // Set as client-node's applyToHTTPSOptions sets them: a bearer header, basic auth as `auth`.
    const fixed: RequestAuth =
      auth.kind === "token"
        ? { headers: { ...headers, Authorization: `Bearer ${auth.token}` } }
        : auth.kind === "basic"
          ? { headers, auth: `${auth.username}:${auth.password}` }
          : { headers };
    return new KubeClient(config, tls, () => fixed, stallTimeoutMs);
  }

  /**
   * A client for `server` whose bearer token `token()` gives anew for every
   * request (an EKS token source renews it before it expires; it may return
   * the same one until then).
   */
  static withBearer(
    server: string,
    ca: Buffer,
    token: () => Promise<string>,
    stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS,
  ): KubeClient {
    const config: LoadedKubeconfig = {
      context: "eks",
      server,
      tls: { ca },
      auth: { kind: "none" },
      headers: {},
    };
    return new KubeClient(
      config,
      { ca },
      async () => ({ headers: { Authorization: `Bearer ${await token()}` } }),
      stallTimeoutMs,
    );
  }

  /**
   * Exec plugins and auth providers, through client-node's KubeConfig exactly
   * as before this client read kubeconfigs itself: loaded from the same file,
   * on the context chosen above (which is kubectl's choice when $KUBECONFIG
   * lists several files; client-node would take the last current-context).
   */
  private static async withPlugin(
    config: LoadedKubeconfig,
    path: string | undefined,
    stallTimeoutMs: number,
  ): Promise<KubeClient> {
    const { KubeConfig } = await import("@kubernetes/client-node/dist/config.js");
    const { ExecAuth } = await import("@kubernetes/client-node/dist/exec_auth.js");
    const kc = new KubeConfig();
    confineExecPlugins(kc, ExecAuth);
    try {
      if (path) kc.loadFromFile(path);
      else kc.loadFromDefault();
    } catch (err) {
      throw new ConfigurationError(
        `cannot read kubeconfig ${path ?? "(default: $KUBECONFIG or ~/.kube/config)"}: ${(err as Error).message}`,
      );
    }
    kc.setCurrentContext(config.context);
    const opts: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(opts);
    const tls: https.AgentOptions = {};
    if (opts.ca) tls.ca = opts.ca;
    if (opts.cert) tls.cert = opts.cert;
    if (opts.key) tls.key = opts.key;
    if (opts.rejectUnauthorized !== undefined) tls.rejectUnauthorized = opts.rejectUnauthorized;
    if (opts.servername) tls.servername = opts.servername;
    const rotating = async (): Promise<RequestAuth> => {
      const fresh: https.RequestOptions = {};
      await kc.applyToHTTPSOptions(fresh);
      return requestAuth(fresh);
    };
    return new KubeClient(config, tls, rotating, stallTimeoutMs, kc);
  }

  /**
   * The "KubeConfig" for client-node's WebSocketHandler: credentials from
   * client-node's own KubeConfig for plugin users, otherwise from this
   * client's, so that port-forwarding does not load client-node's config
   * module; and this client's proxy either way.
   */
  webSocketConfig(): WebSocketConfig {
    const plugin = this.plugin;
    return {
      getCurrentCluster: () => ({ server: this.server }),
      applyToHTTPSOptions: async (opts) => {
        if (plugin) {
          await plugin.applyToHTTPSOptions(opts);
        } else {
          Object.assign(opts, this.tls);
          const auth = await this.auth();
          opts.headers = { ...opts.headers, ...auth.headers };
          if (auth.auth) opts.auth = auth.auth;
        }
        // Through the proxy as well; without one, ws's own connection as before.
        if (this.proxy) opts.agent = this.agent;
        // ws waits for the upgrade forever by default; a frozen API server never sends it.
        (opts as { handshakeTimeout?: number }).handshakeTimeout = this.stallTimeoutMs;
      },
    };
  }

  close(): void {
    this.agent.destroy();
  }

  /** Sends a request and returns the raw response stream (status not checked). */
  async open(method: string, path: string, options: RequestOptions = {}): Promise<IncomingMessage> {
    const url = new URL(this.base.pathname.replace(/\/$/, "") + path, this.base);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== undefined) url.searchParams.set(k, String(v));
    }
    const auth = await this.auth();
    const headers: Record<string, string> = {
      Accept: "application/json",
      ...auth.headers,
      ...options.headers,
    };
    let payload: Buffer | undefined;
    if (options.body !== undefined) {
      payload = Buffer.from(typeof options.body === "string" ? options.body : JSON.stringify(options.body));
      headers["Content-Type"] = options.contentType ?? "application/json";
      headers["Content-Length"] = String(payload.length);
    }
    const mod = url.protocol === "https:" ? https : http;
    const idleMs = options.timeoutMs ?? this.stallTimeoutMs;
    return new Promise<IncomingMessage>((resolve, reject) => {
      let response: IncomingMessage | undefined;
      const req = mod.request(
        url,
        { method, headers, agent: this.agent, auth: auth.auth, signal: options.signal },
        (res) => {
          response = res;
          resolve(res);
        },
      );
      // A frozen API server (or a dead connection) sends nothing at all. The
      // socket's idle timer covers the TLS handshake, the wait for headers and
      // every pause in the body, which is read after this promise resolved:
      // the response is failed with the stall error then, not an "aborted".
      const stalled = (phase: string) => {
        const err = apiStalled(this.server, `${phase} ${method} ${path}`, idleMs);
        response?.destroy(err);
        req.destroy(err);
      };
      req.setTimeout(idleMs, () => stalled(response ? "while sending the answer to" : "in answer to"));
      // The idle timer starts only once connected; a connect that never
      // completes (a blackholed address) has its own deadline.
      req.once("socket", (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => {
          req.destroy(
            new OperationalError(
              `cannot connect to the Kubernetes API at ${this.server} within ${seconds(idleMs)} (stall-timeout) for ${method} ${path}; check the kubeconfig's server address and the network (or proxy) in between`,
            ),
          );
        }, idleMs);
        socket.once("connect", () => clearTimeout(timer));
        socket.once("close", () => clearTimeout(timer));
      });
      req.on("error", (err) => reject(enrichNetworkError(err, this.server, this.proxy)));
      req.end(payload);
    });
  }

  /** Sends a request and parses the JSON answer; non-2xx answers throw ApiError. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const res = await this.open(method, path, options);
    const text = await readText(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw toApiError(status, text, method, path);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>("GET", path, query ? { query } : {});
  }
  post<T>(path: string, body: unknown, query?: Query): Promise<T> {
    return this.request<T>("POST", path, { body, ...(query ? { query } : {}) });
  }
  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PUT", path, { body });
  }
  delete<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("DELETE", path, body === undefined ? {} : { body });
  }
  /** JSON merge patch (RFC 7386). */
  mergePatch<T>(path: string, patch: unknown): Promise<T> {
    return this.request<T>("PATCH", path, { body: patch, contentType: "application/merge-patch+json" });
  }
  /** Server-side apply as `fieldManager`. */
  apply<T>(path: string, object: unknown, fieldManager: string, force = true): Promise<T> {
    return this.request<T>("PATCH", path, {
      body: object,
      contentType: "application/apply-patch+yaml",
      query: { fieldManager, force },
    });
  }

  async serverVersion(): Promise<{ gitVersion: string; major: string; minor: string }> {
    return this.get("/version");
  }
}

/** A response's whole body as bytes. */
export async function readBody(res: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readText(res: IncomingMessage): Promise<string> {
  return (await readBody(res)).toString("utf8");
}

/** One event of a watch (`?watch=1`): ADDED, MODIFIED, DELETED, BOOKMARK or ERROR. */
export interface WatchEvent<T> {
  type: string;
  object: T;
}

/** The events of a watch response as they arrive (one JSON document per line). */
export async function* watchEvents<T>(res: IncomingMessage): AsyncGenerator<WatchEvent<T>> {
  let buffer = "";
  for await (const chunk of res) {
    buffer += (chunk as Buffer).toString("utf8");
    for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield JSON.parse(line) as WatchEvent<T>;
    }
  }
}

export function toApiError(status: number, text: string, method: string, path: string): ApiError {
  let body: StatusBody = {};
  try {
    body = JSON.parse(text) as StatusBody;
  } catch {
    body = { message: text.slice(0, 500) };
  }
  return new ApiError(status, body.reason ?? "Unknown", body.message ?? "", method, path, body.details);
}

function enrichNetworkError(err: Error, server: string, proxy: ProxyChoice | undefined): Error {
  const e = err as NetworkError;
  const atProxy = unreachableProxy(proxy, e, `the Kubernetes API at ${server}`);
  if (atProxy) return atProxy;
  // Not reachable is the world failing (a wrong address is one cause, a server
  // that is down another): operational, with what to check.
  if (isUnreachable(e)) {
    return new OperationalError(
      `cannot reach the Kubernetes API at ${server} (${e.code}); check the kubeconfig's server address and that the API server is up`,
    );
  }
  // Node's tunnel errors ("Failed to establish tunnel ... 407") name the proxy without its password.
  if (proxy && /tunnel|proxy/i.test(err.message)) {
    return new OperationalError(
      `cannot reach the Kubernetes API at ${server} through ${proxy.describe}: ${err.message}`,
    );
  }
  return err;
}

/** The API server went quiet: what it was doing, and what to check. */
export function apiStalled(server: string, doing: string, idleMs: number): OperationalError {
  return stallError(
    `the Kubernetes API at ${server}`,
    `sent nothing ${doing}`,
    idleMs,
    "check that the API server is up and not overloaded (and the network or proxy in between), or raise stall-timeout",
  );
}

export function isApiError(err: unknown, code?: number): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}

/**
 * client-node starts an exec plugin with kubekeep's whole environment (the
 * action's INPUT_* variables: the kubeconfig's content, keys). kubectl gives
 * a plugin the user's environment and the kubeconfig's `env` entries: so does
 * this (core/child-env.ts), by starting it through its own spawn.
 */
function confineExecPlugins(kc: object, execAuth: abstract new (...args: never[]) => object): void {
  const authenticators = (kc as { authenticators?: unknown }).authenticators;
  const plugins = Array.isArray(authenticators) ? authenticators.filter((a) => a instanceof execAuth) : [];
  if (plugins.length === 0 || !plugins.every((a) => typeof (a as { execFn?: unknown }).execFn === "function"))
    throw new Error(
      "client-node's ExecAuth changed shape: exec plugins would get kubekeep's whole environment",
    );
  for (const a of plugins)
    (a as { execFn: typeof spawn }).execFn = ((
      command: string,
      args: readonly string[],
      opts?: SpawnOptions,
    ) => spawn(command, args, { ...opts, env: pluginEnv(opts?.env) })) as typeof spawn;
}
