/**
 * Reads kubeconfigs the way kubectl does, into a plain result: the server,
 * the TLS material and the credentials of one context. @kubernetes/client-node's
 * KubeConfig does this too, but importing it loads the whole generated API
 * (~0.3 s and ~90 MB per process) that every kubekeep command would pay for;
 * only users whose credentials come from a plugin (exec, auth-provider) need
 * it, and the client loads it for them alone.
 *
 * Which files: the given path; else the files listed in $KUBECONFIG, merged
 * (the first file to define a cluster, user or context name wins, and the
 * first to set current-context chooses it); else ~/.kube/config; else, in a
 * pod, its service account. Relative paths inside a kubeconfig are relative
 * to that file's directory.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parse, YAMLError } from "yaml";
import { ConfigurationError, errorMessage } from "../core/errors.ts";
import { proxyScheme, redactUserinfo } from "../core/proxy.ts";

export interface KubeconfigTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  /** false when the cluster sets insecure-skip-tls-verify; otherwise Node's default (verify). */
  rejectUnauthorized?: boolean;
  /** tls-server-name: the name the server certificate is checked against, when not the URL's host. */
  servername?: string;
}

export type KubeconfigAuth =
  | { kind: "none" }
  | { kind: "token"; token: string }
  | { kind: "tokenFile"; tokenFile: TokenFile }
  | { kind: "basic"; username: string; password: string }
  /** exec or auth-provider: only @kubernetes/client-node knows how to run these. */
  | { kind: "plugin"; plugin: "exec" | "auth-provider" };

export interface LoadedKubeconfig {
  /** The context in use (inClusterContext for a pod's service account, as client-node names it). */
  context: string;
  /** The API server's URL, without a trailing slash. */
  server: string;
  tls: KubeconfigTls;
  auth: KubeconfigAuth;
  /** Headers every request carries besides Authorization: the impersonated user (`as`). */
  headers: Record<string, string>;
  /** The cluster's proxy-url (http:// or https://), used for every request to it. */
  proxyUrl?: string;
}

export interface LoadOptions {
  /** A kubeconfig file; without it, $KUBECONFIG, ~/.kube/config or the in-cluster service account. */
  path?: string;
  /** The context to use instead of current-context. */
  context?: string;
}

/** Where the default loading rules look; tests point it elsewhere. */
export interface Environment {
  env: NodeJS.ProcessEnv;
  home: string;
  serviceAccountDir: string;
}

export function defaultEnvironment(): Environment {
  return {
    env: process.env,
    home: os.homedir(),
    serviceAccountDir: "/var/run/secrets/kubernetes.io/serviceaccount",
  };
}

/** Bound service-account tokens rotate; client-go re-reads token files after a minute, and so do we. */
export const TOKEN_FILE_MAX_AGE_MS = 60_000;

/**
 * A bearer token kept in a file. An export or drain can outlive the token it
 * started with (the kubelet rewrites projected tokens well before they
 * expire), so the file is read again once the copy is a minute old. A failed
 * re-read keeps the last token, as client-go does, rather than failing the run.
 */
export class TokenFile {
  readonly file: string;
  private token: string | undefined;
  private readAt = -Infinity;

  /** `fallback` is the user's static `token`, which client-go uses while the file cannot be read. */
  constructor(file: string, fallback?: string, now = Date.now()) {
    this.file = file;
    this.token = fallback;
    const error = this.refresh(now);
    if (error && this.token === undefined)
      throw new ConfigurationError(`cannot read tokenFile ${file}: ${error}`);
  }

  current(now = Date.now()): string {
    if (now - this.readAt >= TOKEN_FILE_MAX_AGE_MS) this.refresh(now);
    return this.token ?? "";
  }

  /** Reads the file; returns why it could not, if it could not. */
  private refresh(now: number): string | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, "utf8").trim();
    } catch (err) {
      return fileProblem(err);
    }
    if (!text) return "the file is empty";
    this.token = text;
    this.readAt = now;
    return undefined;
  }
}

type Mapping = Record<string, unknown>;

/** One kubeconfig (or several merged): its entries by name, paths already absolute. */
interface Kubeconfig {
  clusters: Map<string, Mapping>;
  users: Map<string, Mapping>;
  contexts: Map<string, Mapping>;
  currentContext?: string;
}

const DEFAULT_LABEL = "(default: $KUBECONFIG or ~/.kube/config)";

export function loadKubeconfig(
  options: LoadOptions = {},
  environment: Environment = defaultEnvironment(),
): LoadedKubeconfig {
  return resolve(findKubeconfig(options.path, environment), options.context);
}

/** Applies the loading rules: the file given, $KUBECONFIG, ~/.kube/config, then the pod's service account. */
function findKubeconfig(file: string | undefined, environment: Environment): Kubeconfig {
  if (file) return readFile(file, file);
  // Empty entries are skipped, as kubectl does: KUBECONFIG=":a" or a trailing delimiter are common.
  const listed = (environment.env.KUBECONFIG ?? "").split(path.delimiter).filter((f) => f);
  if (listed.length) return merge(listed.map((f) => readFile(f, DEFAULT_LABEL)));
  const home = path.join(environment.home, ".kube", "config");
  if (fs.existsSync(home)) return readFile(home, DEFAULT_LABEL);
  const inCluster = inClusterKubeconfig(environment);
  if (inCluster) return inCluster;
  throw new ConfigurationError(
    `cannot read kubeconfig ${DEFAULT_LABEL}: $KUBECONFIG is not set, ${home} does not exist, and this is not a pod with a service account (KUBERNETES_SERVICE_HOST/PORT unset or no token in ${environment.serviceAccountDir}); give a kubeconfig`,
  );
}

/** `label` is how the error names the kubeconfig: the path the user gave, or the default rules. */
function readFile(file: string, label: string): Kubeconfig {
  // Errors name the file only when the label does not already.
  const where = label === file ? "" : `${file}: `;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new ConfigurationError(`cannot read kubeconfig ${label}: ${where}${fileProblem(err)}`);
  }
  try {
    return parseKubeconfig(text, path.dirname(path.resolve(file)));
  } catch (err) {
    throw new ConfigurationError(`cannot read kubeconfig ${label}: ${where}${errorMessage(err)}`);
  }
}

/** The fields holding file paths, which are relative to the kubeconfig's directory. */
const PATH_FIELDS: Record<"cluster" | "user" | "context", readonly string[]> = {
  cluster: ["certificate-authority"],
  // `token-file` is client-node's spelling; kubectl's is `tokenFile`. Both keep working.
  user: ["client-certificate", "client-key", "tokenFile", "token-file"],
  context: [],
};

function parseKubeconfig(text: string, dir: string): Kubeconfig {
  let doc: unknown;
  try {
    // Merge keys (<<) because client-node's js-yaml accepted them.
    doc = parse(text, { merge: true });
  } catch (err) {
    throw new Error(yamlProblem(err));
  }
  // An empty file is an empty kubeconfig, as for kubectl.
  doc ??= {};
  if (!isMapping(doc)) throw new Error("expected a mapping with clusters, users and contexts");
  const current = doc["current-context"];
  return {
    clusters: entries(doc, "clusters", "cluster", dir),
    users: entries(doc, "users", "user", dir),
    contexts: entries(doc, "contexts", "context", dir),
    ...(typeof current === "string" && current ? { currentContext: current } : {}),
  };
}

/**
 * YAML errors quote the offending source line, which may hold a token or a
 * key; report only where it is and what kind of error it is.
 */
function yamlProblem(err: unknown): string {
  if (err instanceof YAMLError) {
    const at = err.linePos?.[0];
    return `not valid YAML${at ? ` at line ${at.line}, column ${at.col}` : ""} (${err.code})`;
  }
  return "not valid YAML";
}

function entries(doc: Mapping, list: string, body: "cluster" | "user" | "context", dir: string) {
  const out = new Map<string, Mapping>();
  const items = doc[list];
  if (items === undefined || items === null) return out;
  if (!Array.isArray(items)) throw new Error(`${list}: expected a list of {name, ${body}} entries`);
  items.forEach((item: unknown, i) => {
    const name = isMapping(item) ? item.name : undefined;
    if (typeof name !== "string" || !name) throw new Error(`${list}[${i}]: expected a name`);
    const value = (item as Mapping)[body] ?? {};
    if (!isMapping(value)) throw new Error(`${list}[${i}] ('${name}'): expected ${body} to be a mapping`);
    const absolute: Mapping = { ...value };
    for (const field of PATH_FIELDS[body]) {
      const p = absolute[field];
      if (typeof p === "string" && p && !path.isAbsolute(p)) absolute[field] = path.join(dir, p);
    }
    // Within one file, as across files, the first definition of a name wins.
    if (!out.has(name)) out.set(name, absolute);
  });
  return out;
}

/** kubectl's merge of $KUBECONFIG files: first definition of each name, first current-context set. */
function merge(configs: Kubeconfig[]): Kubeconfig {
  const merged: Kubeconfig = { clusters: new Map(), users: new Map(), contexts: new Map() };
  for (const config of configs) {
    for (const kind of ["clusters", "users", "contexts"] as const) {
      for (const [name, value] of config[kind]) if (!merged[kind].has(name)) merged[kind].set(name, value);
    }
    if (merged.currentContext === undefined && config.currentContext !== undefined) {
      merged.currentContext = config.currentContext;
    }
  }
  return merged;
}

/** In a pod: the API server from the environment, the service account's token and CA. */
function inClusterKubeconfig({ env, serviceAccountDir }: Environment): Kubeconfig | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const tokenFile = path.join(serviceAccountDir, "token");
  if (!host || !port || !fs.existsSync(tokenFile)) return undefined;
  // client-node's rule: these ports are plain-HTTP proxies (kubectl proxy and the like).
  const scheme = ["80", "8080", "8001"].includes(port) ? "http" : "https";
  const server = `${scheme}://${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
  const ca = path.join(serviceAccountDir, "ca.crt");
  const cluster: Mapping = { server };
  if (fs.existsSync(ca)) cluster["certificate-authority"] = ca;
  return {
    clusters: new Map([["inCluster", cluster]]),
    users: new Map([["inClusterUser", { tokenFile }]]),
    contexts: new Map([["inClusterContext", { cluster: "inCluster", user: "inClusterUser" }]]),
    currentContext: "inClusterContext",
  };
}

/** Picks the context and resolves its cluster and user into what a client needs. */
function resolve(config: Kubeconfig, wanted: string | undefined): LoadedKubeconfig {
  const contexts = [...config.contexts.keys()];
  if (wanted !== undefined && !config.contexts.has(wanted)) {
    throw new ConfigurationError(
      `kubeconfig has no context '${wanted}'; it has: ${contexts.join(", ") || "none"}`,
    );
  }
  const name = wanted ?? config.currentContext;
  if (name === undefined) {
    throw new ConfigurationError(
      contexts.length
        ? `the kubeconfig sets no current-context; choose one of its contexts with the 'context' input: ${contexts.join(", ")}`
        : "the kubeconfig defines no contexts; it needs a context naming a cluster and a user",
    );
  }
  const context = config.contexts.get(name);
  if (!context) {
    throw new ConfigurationError(
      `the kubeconfig's current-context '${name}' is not one of its contexts (${contexts.join(", ") || "none"}); fix current-context or choose a context with the 'context' input`,
    );
  }
  const clusterName = text(context, "cluster", `context '${name}'`);
  if (!clusterName) throw new ConfigurationError(`context '${name}' names no cluster`);
  const cluster = config.clusters.get(clusterName);
  if (!cluster) throw missingEntry(name, "cluster", clusterName, config.clusters);
  const userName = text(context, "user", `context '${name}'`);
  // A context without a user is anonymous access, as for kubectl.
  const user = userName ? config.users.get(userName) : {};
  if (!user) throw missingEntry(name, "user", userName ?? "", config.users);

  const where = `cluster '${clusterName}'`;
  const server = text(cluster, "server", where);
  if (!server)
    throw new ConfigurationError(`${where} has no server; expected its URL, e.g. https://host:6443`);
  if (!/^https?:\/\//i.test(server) || !URL.canParse(server)) {
    throw new ConfigurationError(
      `${where}: server ${JSON.stringify(server)} is not an https:// or http:// URL`,
    );
  }
  const tls: KubeconfigTls = {};
  const ca = material(cluster, "certificate-authority", where);
  if (ca) tls.ca = ca;
  if (cluster["insecure-skip-tls-verify"] === true) tls.rejectUnauthorized = false;
  const servername = text(cluster, "tls-server-name", where);
  if (servername) tls.servername = servername;

  const proxyUrl = text(cluster, "proxy-url", where, true);
  if (proxyUrl !== undefined) checkProxyUrl(proxyUrl, where);

  const { auth, headers } = userCredentials(
    user,
    userName ? `user '${userName}'` : "the context's user",
    tls,
  );
  return {
    context: name,
    server: server.replace(/\/$/, ""),
    tls,
    auth,
    headers,
    ...(proxyUrl ? { proxyUrl } : {}),
  };
}

/**
 * kubectl also takes socks5:// proxies; Node's built-in proxy support (which
 * the client uses) speaks HTTP CONNECT only, so those are refused by name
 * rather than bypassed.
 */
function checkProxyUrl(proxyUrl: string, where: string): void {
  const scheme = proxyScheme(proxyUrl);
  if (scheme === undefined) {
    throw new ConfigurationError(
      `${where}: proxy-url ${JSON.stringify(redactUserinfo(proxyUrl))} is not a URL; expected e.g. http://proxy.example:3128`,
    );
  }
  if (scheme !== "http" && scheme !== "https") {
    throw new ConfigurationError(
      `${where}: proxy-url ${JSON.stringify(redactUserinfo(proxyUrl))} uses ${scheme}, which kubekeep does not support; ` +
        "expected an HTTP proxy (http:// or https://, as for HTTPS_PROXY)",
    );
  }
}

function missingEntry(
  context: string,
  kind: "cluster" | "user",
  name: string,
  defined: Map<string, Mapping>,
) {
  return new ConfigurationError(
    `context '${context}' uses ${kind} '${name}', which the kubeconfig does not define; it has: ${[...defined.keys()].join(", ") || "none"}`,
  );
}

/** The user's credentials; client certificates go into `tls`. */
function userCredentials(
  user: Mapping,
  where: string,
  tls: KubeconfigTls,
): { auth: KubeconfigAuth; headers: Record<string, string> } {
  const headers: Record<string, string> = {};
  const as = text(user, "as", where);
  if (as) headers["Impersonate-User"] = as;
  // Plugins are left to client-node whole (it also applies their certificates), so nothing else is read.
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
      headers,
    };
  }
  return { auth: { kind: "none" }, headers };
}

/**
 * PEM material given inline (`<field>-data`, base64) or as a file. The inline
 * form wins when both are set, as in client-go.
 */
function material(entry: Mapping, field: string, where: string): Buffer | undefined {
  const data = text(entry, `${field}-data`, where, true);
  if (data) {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(data)) {
      throw new ConfigurationError(`${where}: ${field}-data is not base64 (value not shown)`);
    }
    return Buffer.from(data, "base64");
  }
  const file = text(entry, field, where);
  if (!file) return undefined;
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new ConfigurationError(`${where}: cannot read ${field} ${file}: ${fileProblem(err)}`);
  }
}

/** A string field, or undefined when absent; `secret` keeps the value out of the error. */
function text(entry: Mapping, field: string, where: string, secret = false): string | undefined {
  const value = entry[field];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  const shown = secret ? "" : ` ${JSON.stringify(value)}`;
  throw new ConfigurationError(`${where}: ${field}${shown} is not a string; quote it in the kubeconfig`);
}

function isMapping(value: unknown): value is Mapping {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fileProblem(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES") return "permission denied";
  if (code === "EISDIR") return "it is a directory";
  return errorMessage(err);
}
