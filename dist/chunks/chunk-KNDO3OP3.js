import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  ConfigurationError,
  UserFacingError
} from "./chunk-YBANDQLS.js";

// src/core/failure.ts
import { inspect } from "node:util";
var RBAC_HINT = "docs/rbac/ holds one file per capability with the least it needs";
var NETWORK = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset by the peer",
  ETIMEDOUT: "connection timed out",
  ECONNABORTED: "connection aborted",
  EPIPE: "connection closed by the peer",
  ENOTFOUND: "host name not found (DNS)",
  EAI_AGAIN: "host name lookup failed for now (DNS)",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed by the peer"
};
var TLS = /^(CERT_|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;
function networkCause(err) {
  let e = err;
  for (let depth = 0; depth < 6 && e instanceof Error; depth++) {
    const code = e.code;
    if (typeof code === "string" && (code in NETWORK || TLS.test(code))) return e;
    e = e.cause ?? (e instanceof AggregateError ? e.errors[0] : void 0);
  }
  return void 0;
}
function networkMessage(err, e) {
  const code = e.code;
  const where = typeof e.address === "string" ? ` ${e.address}${typeof e.port === "number" ? `:${e.port}` : ""}` : typeof e.hostname === "string" ? ` ${e.hostname}` : typeof e.host === "string" ? ` ${e.host}` : "";
  const what = NETWORK[code] ?? `TLS: ${e.message}`;
  const check = code in NETWORK ? "check the address (kubeconfig server, s3-endpoint, etcd-endpoint, proxy) and that the server is up and reachable from here" : "check the server's certificate and the CA you gave (kubeconfig certificate-authority, etcd-ca)";
  const context = err === e ? "" : `${err.message}: `;
  return `${context}${what}${where ? ` (${where.trim()})` : ""} [${code}]; ${check}`;
}
function serviceAnswer(err) {
  const e = err;
  if (e.name === "ApiError" && typeof e.code === "number")
    return e.code === 403 ? `${err.message}; check the RBAC rules of the kubeconfig's user (${RBAC_HINT})` : err.message;
  if (e.$metadata && typeof e.$metadata === "object") {
    const status = e.$metadata.httpStatusCode;
    return `S3 answered${status ? ` ${status}` : ""} ${e.name}: ${err.message}`;
  }
  return void 0;
}
function classifyFailure(err) {
  if (err instanceof ConfigurationError) return { kind: "configuration", message: err.message };
  if (err instanceof UserFacingError) return { kind: "operational", message: err.message };
  if (err instanceof Error) {
    const net = networkCause(err);
    if (net) return { kind: "operational", message: networkMessage(err, net) };
    const answer = serviceAnswer(err);
    if (answer) return { kind: "operational", message: answer };
    return { kind: "bug", message: err.message || err.name };
  }
  return { kind: "bug", message: String(err) };
}
function describeFailure(err, options) {
  const { kind, message } = classifyFailure(err);
  const lines = [message];
  if (kind === "bug")
    lines.push(
      options.stacks ? "this is a bug in kubekeep; please report it with the stack trace" : `this is a bug in kubekeep; ${options.howToGetStack} for the stack trace, and report it`
    );
  return {
    message: lines.join("\n"),
    ...options.stacks && err instanceof Error ? { stack: inspect(err, { depth: 4 }) } : {}
  };
}

export {
  RBAC_HINT,
  describeFailure
};
