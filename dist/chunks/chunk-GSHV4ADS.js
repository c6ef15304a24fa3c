import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  pluginEnv
} from "./chunk-EUSUB6M6.js";
import {
  require_dist
} from "./chunk-XIQOQISJ.js";
import {
  chooseProxy,
  isUnreachable,
  proxyScheme,
  redactUserinfo,
  unreachableProxy
} from "./chunk-PU6KKUXJ.js";
import {
  DEFAULT_STALL_TIMEOUT_MS,
  seconds,
  stallError
} from "./chunk-A2QQ3WGS.js";
import {
  require_node_http
} from "./chunk-IZKOCMEM.js";
import {
  ConfigurationError,
  OperationalError,
  errorMessage
} from "./chunk-YBANDQLS.js";
import {
  __toESM
} from "./chunk-DY6RLOVI.js";

// src/cluster/client.ts
var import_node_http = __toESM(require_node_http(), 1);
import { spawn } from "node:child_process";
import https from "node:https";

// src/cluster/kubeconfig-load.ts
var import_yaml = __toESM(require_dist(), 1);
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
function defaultEnvironment() {
  return {
    env: process.env,
    home: os.homedir(),
    serviceAccountDir: "/var/run/secrets/kubernetes.io/serviceaccount"
  };
}
var TOKEN_FILE_MAX_AGE_MS = 6e4;
var TokenFile = class {
  file;
  token;
  readAt = -Infinity;
  /** `fallback` is the user's static `token`, which client-go uses while the file cannot be read. */
  constructor(file, fallback, now = Date.now()) {
    this.file = file;
    this.token = fallback;
    const error = this.refresh(now);
    if (error && this.token === void 0)
      throw new ConfigurationError(`cannot read tokenFile ${file}: ${error}`);
  }
  current(now = Date.now()) {
    if (now - this.readAt >= TOKEN_FILE_MAX_AGE_MS) this.refresh(now);
    return this.token ?? "";
  }
  /** Reads the file; returns why it could not, if it could not. */
  refresh(now) {
    let text2;
    try {
      text2 = fs.readFileSync(this.file, "utf8").trim();
    } catch (err) {
      return fileProblem(err);
    }
    if (!text2) return "the file is empty";
    this.token = text2;
    this.readAt = now;
    return void 0;
  }
};
var DEFAULT_LABEL = "(default: $KUBECONFIG or ~/.kube/config)";
function loadKubeconfig(options = {}, environment = defaultEnvironment()) {
  return resolve(findKubeconfig(options.path, environment), options.context);
}
function findKubeconfig(file, environment) {
  if (file) return readFile(file, file);
  const listed = (environment.env.KUBECONFIG ?? "").split(path.delimiter).filter((f) => f);
  if (listed.length) return merge(listed.map((f) => readFile(f, DEFAULT_LABEL)));
  const home = path.join(environment.home, ".kube", "config");
  if (fs.existsSync(home)) return readFile(home, DEFAULT_LABEL);
  const inCluster = inClusterKubeconfig(environment);
  if (inCluster) return inCluster;
  throw new ConfigurationError(
    `cannot read kubeconfig ${DEFAULT_LABEL}: $KUBECONFIG is not set, ${home} does not exist, and this is not a pod with a service account (KUBERNETES_SERVICE_HOST/PORT unset or no token in ${environment.serviceAccountDir}); give a kubeconfig`
  );
}
function readFile(file, label) {
  const where = label === file ? "" : `${file}: `;
  let text2;
  try {
    text2 = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigurationError(`cannot read kubeconfig ${label}: ${where}${fileProblem(err)}`);
  }
  try {
    return parseKubeconfig(text2, path.dirname(path.resolve(file)));
  } catch (err) {
    throw new ConfigurationError(`cannot read kubeconfig ${label}: ${where}${errorMessage(err)}`);
  }
}
var PATH_FIELDS = {
  cluster: ["certificate-authority"],
  // `token-file` is client-node's spelling; kubectl's is `tokenFile`. Both keep working.
  user: ["client-certificate", "client-key", "tokenFile", "token-file"],
  context: []
};
function parseKubeconfig(text2, dir) {
  let doc;
  try {
    doc = (0, import_yaml.parse)(text2, { merge: true });
  } catch (err) {
    throw new Error(yamlProblem(err));
  }
  doc ??= {};
  if (!isMapping(doc)) throw new Error("expected a mapping with clusters, users and contexts");
  const current = doc["current-context"];
  return {
    clusters: entries(doc, "clusters", "cluster", dir),
    users: entries(doc, "users", "user", dir),
    contexts: entries(doc, "contexts", "context", dir),
    ...typeof current === "string" && current ? { currentContext: current } : {}
  };
}
function yamlProblem(err) {
  if (err instanceof import_yaml.YAMLError) {
    const at = err.linePos?.[0];
    return `not valid YAML${at ? ` at line ${at.line}, column ${at.col}` : ""} (${err.code})`;
  }
  return "not valid YAML";
}
function entries(doc, list, body, dir) {
  const out = /* @__PURE__ */ new Map();
  const items = doc[list];
  if (items === void 0 || items === null) return out;
  if (!Array.isArray(items)) throw new Error(`${list}: expected a list of {name, ${body}} entries`);
  items.forEach((item, i) => {
    const name = isMapping(item) ? item.name : void 0;
    if (typeof name !== "string" || !name) throw new Error(`${list}[${i}]: expected a name`);
    const value = item[body] ?? {};
    if (!isMapping(value)) throw new Error(`${list}[${i}] ('${name}'): expected ${body} to be a mapping`);
    const absolute = { ...value };
    for (const field of PATH_FIELDS[body]) {
      const p = absolute[field];
      if (typeof p === "string" && p && !path.isAbsolute(p)) absolute[field] = path.join(dir, p);
    }
    if (!out.has(name)) out.set(name, absolute);
  });
  return out;
}
function merge(configs) {
  const merged = { clusters: /* @__PURE__ */ new Map(), users: /* @__PURE__ */ new Map(), contexts: /* @__PURE__ */ new Map() };
  for (const config of configs) {
    for (const kind of ["clusters", "users", "contexts"]) {
      for (const [name, value] of config[kind]) if (!merged[kind].has(name)) merged[kind].set(name, value);
    }
    if (merged.currentContext === void 0 && config.currentContext !== void 0) {
      merged.currentContext = config.currentContext;
    }
  }
  return merged;
}
function inClusterKubeconfig({ env, serviceAccountDir }) {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const tokenFile = path.join(serviceAccountDir, "token");
  if (!host || !port || !fs.existsSync(tokenFile)) return void 0;
  const scheme = ["80", "8080", "8001"].includes(port) ? "http" : "https";
  const server = `${scheme}://${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
  const ca = path.join(serviceAccountDir, "ca.crt");
  const cluster = { server };
  if (fs.existsSync(ca)) cluster["certificate-authority"] = ca;
  return {
    clusters: /* @__PURE__ */ new Map([["inCluster", cluster]]),
    users: /* @__PURE__ */ new Map([["inClusterUser", { tokenFile }]]),
    contexts: /* @__PURE__ */ new Map([["inClusterContext", { cluster: "inCluster", user: "inClusterUser" }]]),
    currentContext: "inClusterContext"
  };
}
function resolve(config, wanted) {
  const contexts = [...config.contexts.keys()];
  if (wanted !== void 0 && !config.contexts.has(wanted)) {
    throw new ConfigurationError(
      `kubeconfig has no context '${wanted}'; it has: ${contexts.join(", ") || "none"}`
    );
  }
  const name = wanted ?? config.currentContext;
  if (name === void 0) {
    throw new ConfigurationError(
      contexts.length ? `the kubeconfig sets no current-context; choose one of its contexts with the 'context' input: ${contexts.join(", ")}` : "the kubeconfig defines no contexts; it needs a context naming a cluster and a user"
    );
  }
  const context = config.contexts.get(name);
  if (!context) {
    throw new ConfigurationError(
      `the kubeconfig's current-context '${name}' is not one of its contexts (${contexts.join(", ") || "none"}); fix current-context or choose a context with the 'context' input`
    );
  }
  const clusterName = text(context, "cluster", `context '${name}'`);
  if (!clusterName) throw new ConfigurationError(`context '${name}' names no cluster`);
  const cluster = config.clusters.get(clusterName);
  if (!cluster) throw missingEntry(name, "cluster", clusterName, config.clusters);
  const userName = text(context, "user", `context '${name}'`);
  const user = userName ? config.users.get(userName) : {};
  if (!user) throw missingEntry(name, "user", userName ?? "", config.users);
  const where = `cluster '${clusterName}'`;
  const server = text(cluster, "server", where);
  if (!server)
    throw new ConfigurationError(`${where} has no server; expected its URL, e.g. https://host:6443`);
  if (!/^https?:\/\//i.test(server) || !URL.canParse(server)) {
    throw new ConfigurationError(
      `${where}: server ${JSON.stringify(server)} is not an https:// or http:// URL`
    );
  }
  const tls = {};
  const ca = material(cluster, "certificate-authority", where);
  if (ca) tls.ca = ca;
  if (cluster["insecure-skip-tls-verify"] === true) tls.rejectUnauthorized = false;
  const servername = text(cluster, "tls-server-name", where);
  if (servername) tls.servername = servername;
  const proxyUrl = text(cluster, "proxy-url", where, true);
  if (proxyUrl !== void 0) checkProxyUrl(proxyUrl, where);
  const { auth, headers } = userCredentials(
    user,
    userName ? `user '${userName}'` : "the context's user",
    tls
  );
  return {
    context: name,
    server: server.replace(/\/$/, ""),
    tls,
    auth,
    headers,
    ...proxyUrl ? { proxyUrl } : {}
  };
}
function checkProxyUrl(proxyUrl, where) {
  const scheme = proxyScheme(proxyUrl);
  if (scheme === void 0) {
    throw new ConfigurationError(
      `${where}: proxy-url ${JSON.stringify(redactUserinfo(proxyUrl))} is not a URL; expected e.g. http://proxy.example:3128`
    );
  }
  if (scheme !== "http" && scheme !== "https") {
    throw new ConfigurationError(
      `${where}: proxy-url ${JSON.stringify(redactUserinfo(proxyUrl))} uses ${scheme}, which kubekeep does not support; expected an HTTP proxy (http:// or https://, as for HTTPS_PROXY)`
    );
  }
}
function missingEntry(context, kind, name, defined) {
  return new ConfigurationError(
    `context '${context}' uses ${kind} '${name}', which the kubeconfig does not define; it has: ${[...defined.keys()].join(", ") || "none"}`
  );
}
function userCredentials(user, where, tls) {
  const headers = {};
  const as = text(user, "as", where);
  if (as) headers["Impersonate-User"] = as;
  if (user.exec) return { auth: { kind: "plugin", plugin: "exec" }, headers };
  if (user["auth-provider"]) return { auth: { kind: "plugin", plugin: "auth-provider" }, headers };
  const cert = material(user, "client-certificate", where);
  if (cert) tls.cert = cert;
  const key = material(user, "client-key", where);
  if (key) tls.key = key;
  const token = text(user, "token", where, true);
  const tokenFile = text(user, "tokenFile", where) ?? text(user, "token-file", where);
  if (tokenFile) return { auth: { kind: "tokenFile", tokenFile: new TokenFile(tokenFile, token) }, headers };
  if (token) return { auth: { kind: "token", token }, headers };
  const username = text(user, "username", where);
  if (username) {
    return {
      auth: { kind: "basic", username, password: text(user, "password", where, true) ?? "" },
      headers
    };
  }
  return { auth: { kind: "none" }, headers };
}
function material(entry, field, where) {
  const data = text(entry, `${field}-data`, where, true);
  if (data) {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(data)) {
      throw new ConfigurationError(`${where}: ${field}-data is not base64 (value not shown)`);
    }
    return Buffer.from(data, "base64");
  }
  const file = text(entry, field, where);
  if (!file) return void 0;
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new ConfigurationError(`${where}: cannot read ${field} ${file}: ${fileProblem(err)}`);
  }
}
function text(entry, field, where, secret = false) {
  const value = entry[field];
  if (value === void 0 || value === null || value === "") return void 0;
  if (typeof value === "string") return value;
  const shown = secret ? "" : ` ${JSON.stringify(value)}`;
  throw new ConfigurationError(`${where}: ${field}${shown} is not a string; quote it in the kubeconfig`);
}
function isMapping(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function fileProblem(err) {
  const code = err.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return errorMessage(err);
}

// src/cluster/client.ts
var ApiError = class extends Error {
  name = "ApiError";
  code;
  reason;
  method;
  path;
  details;
  /** The server's own message, without the method and path. */
  serverMessage;
  constructor(code, reason, message, method, path2, details) {
    super(`${method} ${path2}: ${code} ${reason}: ${message}`);
    this.code = code;
    this.reason = reason;
    this.method = method;
    this.path = path2;
    this.details = details;
    this.serverMessage = message;
  }
};
function requestAuth(opts) {
  const headers = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) {
    if (typeof v === "string") headers[k] = v;
  }
  return opts.auth ? { headers, auth: opts.auth } : { headers };
}
var KubeClient = class _KubeClient {
  server;
  agent;
  base;
  tls;
  /**
   * The credentials for the next request. Client certificates, a static
   * token and basic auth are resolved once; a token file is re-read when a
   * minute old; exec plugins and auth providers are asked per request
   * (client-node caches their tokens until expiry).
   */
  auth;
  /** client-node's KubeConfig, for plugin users only. */
  plugin;
  /** The HTTP proxy in the way, if any (see proxy.ts). */
  proxy;
  /** How long the server may send nothing before a request fails (`stall-timeout`). */
  stallTimeoutMs;
  constructor(config, tls, auth, stallTimeoutMs, plugin) {
    this.server = config.server;
    this.stallTimeoutMs = stallTimeoutMs;
    this.base = new URL(config.server);
    this.tls = tls;
    this.auth = auth;
    this.plugin = plugin;
    this.proxy = chooseProxy(this.base, config.proxyUrl, process.env);
    const proxyEnv = this.proxy?.env ?? {};
    this.agent = this.base.protocol === "https:" ? new https.Agent({ ...tls, keepAlive: true, maxSockets: 32, proxyEnv }) : new import_node_http.default.Agent({ keepAlive: true, maxSockets: 32, proxyEnv });
  }
  /** Builds a client from a kubeconfig file (or the default loading rules when no path is given). */
  static async fromFile(path2, context, stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS) {
    const config = loadKubeconfig({ path: path2, context });
    if (config.auth.kind === "plugin") return _KubeClient.withPlugin(config, path2, stallTimeoutMs);
    const tls = { ...config.tls };
    const { auth, headers } = config;
    if (auth.kind === "tokenFile") {
      return new _KubeClient(
        config,
        tls,
        () => ({ headers: { ...headers, Authorization: `Bearer ${auth.tokenFile.current()}` } }),
        stallTimeoutMs
      );
    }
    const fixed = auth.kind === "token" ? { headers: { ...headers, Authorization: `Bearer ${auth.token}` } } : auth.kind === "basic" ? { headers, auth: `${auth.username}:${auth.password}` } : { headers };
    return new _KubeClient(config, tls, () => fixed, stallTimeoutMs);
  }
  /**
   * A client for `server` whose bearer token `token()` gives anew for every
   * request (an EKS token source renews it before it expires; it may return
   * the same one until then).
   */
  static withBearer(server, ca, token, stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS) {
    const config = {
      context: "eks",
      server,
      tls: { ca },
      auth: { kind: "none" },
      headers: {}
    };
    return new _KubeClient(
      config,
      { ca },
      async () => ({ headers: { Authorization: `Bearer ${await token()}` } }),
      stallTimeoutMs
    );
  }
  /**
   * Exec plugins and auth providers, through client-node's KubeConfig exactly
   * as before this client read kubeconfigs itself: loaded from the same file,
   * on the context chosen above (which is kubectl's choice when $KUBECONFIG
   * lists several files; client-node would take the last current-context).
   */
  static async withPlugin(config, path2, stallTimeoutMs) {
    const { KubeConfig } = await import("./config-B65HBJKZ.js");
    const { ExecAuth } = await import("./exec_auth-76DEWAUU.js");
    const kc = new KubeConfig();
    confineExecPlugins(kc, ExecAuth);
    try {
      if (path2) kc.loadFromFile(path2);
      else kc.loadFromDefault();
    } catch (err) {
      throw new ConfigurationError(
        `cannot read kubeconfig ${path2 ?? "(default: $KUBECONFIG or ~/.kube/config)"}: ${err.message}`
      );
    }
    kc.setCurrentContext(config.context);
    const opts = {};
    await kc.applyToHTTPSOptions(opts);
    const tls = {};
    if (opts.ca) tls.ca = opts.ca;
    if (opts.cert) tls.cert = opts.cert;
    if (opts.key) tls.key = opts.key;
    if (opts.rejectUnauthorized !== void 0) tls.rejectUnauthorized = opts.rejectUnauthorized;
    if (opts.servername) tls.servername = opts.servername;
    const rotating = async () => {
      const fresh = {};
      await kc.applyToHTTPSOptions(fresh);
      return requestAuth(fresh);
    };
    return new _KubeClient(config, tls, rotating, stallTimeoutMs, kc);
  }
  /**
   * The "KubeConfig" for client-node's WebSocketHandler: credentials from
   * client-node's own KubeConfig for plugin users, otherwise from this
   * client's, so that port-forwarding does not load client-node's config
   * module; and this client's proxy either way.
   */
  webSocketConfig() {
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
        if (this.proxy) opts.agent = this.agent;
        opts.handshakeTimeout = this.stallTimeoutMs;
      }
    };
  }
  close() {
    this.agent.destroy();
  }
  /** Sends a request and returns the raw response stream (status not checked). */
  async open(method, path2, options = {}) {
    const url = new URL(this.base.pathname.replace(/\/$/, "") + path2, this.base);
    for (const [k, v] of Object.entries(options.query ?? {})) {
      if (v !== void 0) url.searchParams.set(k, String(v));
    }
    const auth = await this.auth();
    const headers = {
      Accept: "application/json",
      ...auth.headers,
      ...options.headers
    };
    let payload;
    if (options.body !== void 0) {
      payload = Buffer.from(typeof options.body === "string" ? options.body : JSON.stringify(options.body));
      headers["Content-Type"] = options.contentType ?? "application/json";
      headers["Content-Length"] = String(payload.length);
    }
    const mod = url.protocol === "https:" ? https : import_node_http.default;
    const idleMs = options.timeoutMs ?? this.stallTimeoutMs;
    return new Promise((resolve2, reject) => {
      let response;
      const req = mod.request(
        url,
        { method, headers, agent: this.agent, auth: auth.auth, signal: options.signal },
        (res) => {
          response = res;
          resolve2(res);
        }
      );
      const stalled = (phase) => {
        const err = apiStalled(this.server, `${phase} ${method} ${path2}`, idleMs);
        response?.destroy(err);
        req.destroy(err);
      };
      req.setTimeout(idleMs, () => stalled(response ? "while sending the answer to" : "in answer to"));
      req.once("socket", (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => {
          req.destroy(
            new OperationalError(
              `cannot connect to the Kubernetes API at ${this.server} within ${seconds(idleMs)} (stall-timeout) for ${method} ${path2}; check the kubeconfig's server address and the network (or proxy) in between`
            )
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
  async request(method, path2, options = {}) {
    const res = await this.open(method, path2, options);
    const text2 = await readText(res);
    const status = res.statusCode ?? 0;
    if (status < 200 || status >= 300) throw toApiError(status, text2, method, path2);
    return text2 ? JSON.parse(text2) : void 0;
  }
  get(path2, query) {
    return this.request("GET", path2, query ? { query } : {});
  }
  post(path2, body, query) {
    return this.request("POST", path2, { body, ...query ? { query } : {} });
  }
  put(path2, body) {
    return this.request("PUT", path2, { body });
  }
  delete(path2, body) {
    return this.request("DELETE", path2, body === void 0 ? {} : { body });
  }
  /** JSON merge patch (RFC 7386). */
  mergePatch(path2, patch) {
    return this.request("PATCH", path2, { body: patch, contentType: "application/merge-patch+json" });
  }
  /** Server-side apply as `fieldManager`. */
  apply(path2, object, fieldManager, force = true) {
    return this.request("PATCH", path2, {
      body: object,
      contentType: "application/apply-patch+yaml",
      query: { fieldManager, force }
    });
  }
  async serverVersion() {
    return this.get("/version");
  }
};
async function readBody(res) {
  const chunks = [];
  for await (const chunk of res) chunks.push(chunk);
  return Buffer.concat(chunks);
}
async function readText(res) {
  return (await readBody(res)).toString("utf8");
}
async function* watchEvents(res) {
  let buffer = "";
  for await (const chunk of res) {
    buffer += chunk.toString("utf8");
    for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield JSON.parse(line);
    }
  }
}
function toApiError(status, text2, method, path2) {
  let body = {};
  try {
    body = JSON.parse(text2);
  } catch {
    body = { message: text2.slice(0, 500) };
  }
  return new ApiError(status, body.reason ?? "Unknown", body.message ?? "", method, path2, body.details);
}
function enrichNetworkError(err, server, proxy) {
  const e = err;
  const atProxy = unreachableProxy(proxy, e, `the Kubernetes API at ${server}`);
  if (atProxy) return atProxy;
  if (isUnreachable(e)) {
    return new OperationalError(
      `cannot reach the Kubernetes API at ${server} (${e.code}); check the kubeconfig's server address and that the API server is up`
    );
  }
  if (proxy && /tunnel|proxy/i.test(err.message)) {
    return new OperationalError(
      `cannot reach the Kubernetes API at ${server} through ${proxy.describe}: ${err.message}`
    );
  }
  return err;
}
function apiStalled(server, doing, idleMs) {
  return stallError(
    `the Kubernetes API at ${server}`,
    `sent nothing ${doing}`,
    idleMs,
    "check that the API server is up and not overloaded (and the network or proxy in between), or raise stall-timeout"
  );
}
function isApiError(err, code) {
  return err instanceof ApiError && (code === void 0 || err.code === code);
}
function confineExecPlugins(kc, execAuth) {
  const authenticators = kc.authenticators;
  const plugins = Array.isArray(authenticators) ? authenticators.filter((a) => a instanceof execAuth) : [];
  if (plugins.length === 0 || !plugins.every((a) => typeof a.execFn === "function"))
    throw new Error(
      "client-node's ExecAuth changed shape: exec plugins would get kubekeep's whole environment"
    );
  for (const a of plugins)
    a.execFn = ((command, args, opts) => spawn(command, args, { ...opts, env: pluginEnv(opts?.env) }));
}

export {
  ApiError,
  KubeClient,
  readBody,
  readText,
  watchEvents,
  toApiError,
  apiStalled,
  isApiError
};
