/**
 * How a front end (the CLI, an Action step) tells the user what went wrong:
 * a ConfigurationError or an OperationalError is its message alone; anything
 * else is a bug, told as one line plus how to get the stack and where to
 * report it. Stacks are printed only on request (--verbose, runner debug).
 *
 * Well-known network and TLS failures (a refused connection, a DNS name that
 * does not resolve, an expired certificate) and error answers from the API
 * server or S3 that reach the front end unwrapped are operational too: they
 * say the world failed, never kubekeep, wherever the domain code forgot to
 * wrap them. Calling them bugs would send users to file reports instead of
 * checking the address or the server; the stack stays one flag away for the
 * cases where the missing wrap is worth fixing.
 */
import { inspect } from "node:util";
import { ConfigurationError, UserFacingError } from "./errors.ts";

/** What to do about a 403 from the API server, wherever it is reported. */
export const RBAC_HINT = "docs/rbac/ holds one file per capability with the least it needs";

export type FailureKind = "configuration" | "operational" | "bug";

const NETWORK: Record<string, string> = {
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
  UND_ERR_SOCKET: "connection closed by the peer",
};

const TLS =
  /^(CERT_|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;

interface Coded {
  code?: unknown;
  address?: unknown;
  port?: unknown;
  hostname?: unknown;
  host?: unknown;
  cause?: unknown;
}

/** The error itself or one of its causes that carries a network or TLS code. */
function networkCause(err: unknown): (Error & Coded) | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 6 && e instanceof Error; depth++) {
    const code = (e as Coded).code;
    if (typeof code === "string" && (code in NETWORK || TLS.test(code))) return e;
    e = (e as Coded).cause ?? (e instanceof AggregateError ? e.errors[0] : undefined);
  }
  return undefined;
}

function networkMessage(err: Error, e: Error & Coded): string {
  const code = e.code as string;
  const where =
    typeof e.address === "string"
      ? ` ${e.address}${typeof e.port === "number" ? `:${e.port}` : ""}`
      : typeof e.hostname === "string"
        ? ` ${e.hostname}`
        : typeof e.host === "string"
          ? ` ${e.host}`
          : "";
  const what = NETWORK[code] ?? `TLS: ${e.message}`;
  const check =
    code in NETWORK
      ? "check the address (kubeconfig server, s3-endpoint, etcd-endpoint, proxy) and that the server is up and reachable from here"
      : "check the server's certificate and the CA you gave (kubeconfig certificate-authority, etcd-ca)";
  const context = err === e ? "" : `${err.message}: `;
  return `${context}${what}${where ? ` (${where.trim()})` : ""} [${code}]; ${check}`;
}

/** An API server answer (the cluster client's ApiError) or an AWS SDK service error. */
function serviceAnswer(err: Error): string | undefined {
  const e = err as Error & { code?: unknown; reason?: unknown; $metadata?: { httpStatusCode?: number } };
  // A refusal the domain code did not wrap: the server's message names the
  // verb and resource; say where the permissions each capability needs are.
  if (e.name === "ApiError" && typeof e.code === "number")
    return e.code === 403
      ? `${err.message}; check the RBAC rules of the kubeconfig's user (${RBAC_HINT})`
      : err.message;
  if (e.$metadata && typeof e.$metadata === "object") {
    const status = e.$metadata.httpStatusCode;
    return `S3 answered${status ? ` ${status}` : ""} ${e.name}: ${err.message}`;
  }
  return undefined;
}

export function classifyFailure(err: unknown): { kind: FailureKind; message: string } {
  if (err instanceof ConfigurationError) return { kind: "configuration", message: err.message };
  // OperationalError and CapabilityFailure alike: every other message written for the user.
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

/**
 * What a front end prints for a failure: the message (a bug adds a line on
 * how to get the stack, finished by `howToGetStack`: "rerun with --verbose",
 * "enable debug logging"), and the stack when `stacks` asks for it.
 */
export function describeFailure(
  err: unknown,
  options: { stacks: boolean; howToGetStack: string },
): { message: string; stack?: string } {
  const { kind, message } = classifyFailure(err);
  const lines = [message];
  if (kind === "bug")
    lines.push(
      options.stacks
        ? "this is a bug in kubekeep; please report it with the stack trace"
        : `this is a bug in kubekeep; ${options.howToGetStack} for the stack trace, and report it`,
    );
  return {
    message: lines.join("\n"),
    ...(options.stacks && err instanceof Error ? { stack: inspect(err, { depth: 4 }) } : {}),
  };
}
