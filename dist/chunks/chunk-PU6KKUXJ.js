import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ConfigurationError
} from "./chunk-YBANDQLS.js";

// src/core/proxy.ts
import net from "node:net";
function chooseProxy(server, proxyUrl, env) {
  if (proxyUrl) {
    return {
      env: { HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl },
      url: proxyUrl,
      fromEnvironment: false,
      describe: `the kubeconfig's proxy-url ${redactUserinfo(proxyUrl)}`
    };
  }
  if (isLoopback(server.hostname)) return void 0;
  const name = server.protocol === "https:" ? "HTTPS_PROXY" : "HTTP_PROXY";
  const proxy = first(env, name);
  if (!proxy) return void 0;
  const url = SCHEME.test(proxy) ? proxy : `http://${proxy}`;
  const scheme = proxyScheme(url);
  if (scheme !== "http" && scheme !== "https") {
    throw new ConfigurationError(
      `${name} is ${JSON.stringify(redactUserinfo(proxy))}, which is not an HTTP proxy URL; expected e.g. http://proxy.example:3128 (or unset it)`
    );
  }
  const noProxy = first(env, "NO_PROXY");
  return {
    env: { [name]: url, ...noProxy ? { NO_PROXY: noProxy } : {} },
    url,
    fromEnvironment: true,
    describe: `${name} ${redactUserinfo(url)}`
  };
}
var SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
function proxyScheme(url) {
  return SCHEME.test(url) && URL.canParse(url) ? new URL(url).protocol.replace(/:$/, "") : void 0;
}
function isUnreachable(err) {
  return err.code === "ECONNREFUSED" || err.code === "ENOTFOUND" || err.code === "EHOSTUNREACH";
}
function unreachableProxy(proxy, err, target) {
  if (!proxy || !isUnreachable(err)) return void 0;
  const url = new URL(proxy.url);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const atProxy = err.hostname === host || err.address === host && (err.port === void 0 || err.port === port);
  if (!atProxy) return void 0;
  return new ConfigurationError(
    `cannot reach ${proxy.describe} (${err.code}) on the way to ${target}; check the proxy's address` + (proxy.fromEnvironment ? ", or list its host in NO_PROXY to reach it directly" : "")
  );
}
function first(env, name) {
  return env[name] || env[name.toLowerCase()] || void 0;
}
function isLoopback(hostname) {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost") return true;
  if (net.isIPv4(host)) return host.startsWith("127.");
  return net.isIPv6(host) && (host === "::1" || /^(0*:)*:?0*1$/.test(host));
}
function redactUserinfo(url) {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/]*@/i, "$1***@");
}

export {
  chooseProxy,
  proxyScheme,
  isUnreachable,
  unreachableProxy,
  redactUserinfo
};
