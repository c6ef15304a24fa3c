/**
 * Which HTTP proxy a connection goes through, decided as kubectl (Go's
 * net/http) decides. For the Kubernetes API:
 * the cluster's `proxy-url` when the kubeconfig sets one (always used, as
 * client-go does); otherwise HTTPS_PROXY (HTTP_PROXY for an http:// server)
 * and NO_PROXY from the environment, read in Go's order (upper case first)
 * and never for a server on a loopback address (Go's ProxyFromEnvironment
 * never proxies those either). Self-hosted CI runners behind a corporate
 * proxy set exactly these variables.
 *
 * S3 takes the same rule without a proxy-url (the AWS CLI honours these
 * variables too).
 *
 * The answer is a `proxyEnv` for Node's http(s).Agent, whose built-in proxy
 * support tunnels through the proxy with CONNECT and applies NO_PROXY.
 */
import net from "node:net";
import { ConfigurationError } from "./errors.ts";

export interface ProxyChoice {
  /** For the agent's `proxyEnv`. */
  env: Record<string, string>;
  /** The proxy for this server's scheme (NO_PROXY may still send some hosts direct). */
  url: string;
  /** From HTTPS_PROXY/HTTP_PROXY rather than the kubeconfig (then NO_PROXY applies). */
  fromEnvironment: boolean;
  /** For messages: where the setting came from and the proxy, its password hidden. */
  describe: string;
}

export function chooseProxy(
  server: URL,
  proxyUrl: string | undefined,
  env: NodeJS.ProcessEnv,
): ProxyChoice | undefined {
  if (proxyUrl) {
    return {
      env: { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl },
      url: proxyUrl,
      fromEnvironment: false,
      describe: `the kubeconfig's proxy-url ${redactUserinfo(proxyUrl)}`,
    };
  }
  if (isLoopback(server.hostname)) return undefined;
  const name = server.protocol === "https:" ? "HTTPS_PROXY" : "HTTP_PROXY";
  const proxy = first(env, name);
  if (!proxy) return undefined;
  // Go accepts "proxy:3128" and means http://proxy:3128; Node needs the scheme.
  const url = SCHEME.test(proxy) ? proxy : `http://${proxy}`;
  const scheme = proxyScheme(url);
  if (scheme !== "http" && scheme !== "https") {
    throw new ConfigurationError(
      `${name} is ${JSON.stringify(redactUserinfo(proxy))}, which is not an HTTP proxy URL; expected e.g. http://proxy.example:3128 (or unset it)`,
    );
  }
  const noProxy = first(env, "NO_PROXY");
  return {
    env: { [name]: url, ...(noProxy ? { NO_PROXY: noProxy } : {}) },
    url,
    fromEnvironment: true,
    describe: `${name} ${redactUserinfo(url)}`,
  };
}

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** "http", "https", "socks5", ...; undefined when `url` is not a scheme://... URL. */
export function proxyScheme(url: string): string | undefined {
  return SCHEME.test(url) && URL.canParse(url) ? new URL(url).protocol.replace(/:$/, "") : undefined;
}

/** A system error of a connection that never got anywhere. */
export type NetworkError = NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string };

/** The codes of a host that cannot be reached at all: a wrong address (or proxy), not a hiccup. */
export function isUnreachable(err: NetworkError): boolean {
  return err.code === "ECONNREFUSED" || err.code === "ENOTFOUND" || err.code === "EHOSTUNREACH";
}

/**
 * When an unreachable-host error happened on the way to the proxy itself,
 * the error that says so (naming `target`, what the proxy was to reach);
 * otherwise undefined.
 */
export function unreachableProxy(
  proxy: ProxyChoice | undefined,
  err: NetworkError,
  target: string,
): ConfigurationError | undefined {
  if (!proxy || !isUnreachable(err)) return undefined;
  const url = new URL(proxy.url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const atProxy =
    err.hostname === host || (err.address === host && (err.port === undefined || err.port === port));
  if (!atProxy) return undefined;
  return new ConfigurationError(
    `cannot reach ${proxy.describe} (${err.code}) on the way to ${target}; check the proxy's address` +
      (proxy.fromEnvironment ? ", or list its host in NO_PROXY to reach it directly" : ""),
  );
}

function first(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name] || env[name.toLowerCase()] || undefined;
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  if (net.isIPv4(host)) return host.startsWith("127.");
  return net.isIPv6(host) && (host === "::1" || /^(0*:)*:?0*1$/.test(host));
}

/** A proxy URL may carry a password (http://user:secret@proxy): never print it. */
export function redactUserinfo(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/]*@/i, "$1***@");
}
