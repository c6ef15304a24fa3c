/**
 * A gRPC client for etcd's Maintenance service over mutual TLS: Status,
 * HashKV and the Snapshot stream; and the KV service's Range, keys only. Certificates are given as PEM contents
 * (read from files by the config parser).
 */
import net from "node:net";
import * as grpc from "@grpc/grpc-js";
import { ConfigurationError, errorMessage, OperationalError } from "../core/errors.ts";
import { DEFAULT_STALL_TIMEOUT_MS, seconds } from "../core/stall.ts";
import {
  decodeHashKV,
  decodeRangeKeys,
  decodeSnapshot,
  decodeStatus,
  encodeHashKVRequest,
  encodeRangeKeysRequest,
  type HashKVResponse,
  type RangeKeysResponse,
  type SnapshotResponse,
  type StatusResponse,
} from "./proto.ts";

export interface EtcdTls {
  ca: string;
  cert: string;
  key: string;
}

const SERVICE = "/etcdserverpb.Maintenance";
const empty = () => Buffer.alloc(0);
const identity = (b: Buffer) => b;

export class EtcdClient {
  /** host:port as dialled (may be a local port-forward). */
  readonly target: string;
  /** What the user asked for, for messages. */
  readonly description: string;
  /** How long etcd may send nothing on a stream, or take to answer a small request (`stall-timeout`). */
  readonly stallTimeoutMs: number;
  private readonly client: grpc.Client;

  constructor(target: string, tls: EtcdTls, description = target, stallTimeoutMs = DEFAULT_STALL_TIMEOUT_MS) {
    this.target = target;
    this.description = description;
    this.stallTimeoutMs = stallTimeoutMs;
    if (net.isIP(target.replace(/:\d+$/, "").replace(/^\[|\]$/g, ""))) quietIpServernameWarning();
    const creds = grpc.credentials.createSsl(
      Buffer.from(tls.ca),
      Buffer.from(tls.key),
      Buffer.from(tls.cert),
    );
    this.client = new grpc.Client(target, creds, {
      // Snapshot chunks are 32 KiB, but keep etcd's own client limit.
      "grpc.max_receive_message_length": 2 * 1024 * 1024 * 1024 - 1,
      // HTTP/2's default 64 KiB receive window allows two 32 KiB snapshot
      // chunks in flight per round trip; 4 MiB keeps etcd streaming while
      // bounding what can queue up in memory.
      "grpc-node.flow_control_window": 4 * 1024 * 1024,
    });
  }

  close(): void {
    this.client.close();
  }

  status(timeoutMs = this.stallTimeoutMs): Promise<StatusResponse> {
    return this.unary("Status", empty(), decodeStatus, timeoutMs);
  }

  hashKV(revision: number, timeoutMs = 120_000): Promise<HashKVResponse> {
    return this.unary("HashKV", encodeHashKVRequest(revision), decodeHashKV, timeoutMs);
  }

  /** One page of the keys in [key, rangeEnd) (KV service, keys only), at `revision` (0: the newest). */
  rangeKeys(key: Buffer, rangeEnd: Buffer, limit: number, revision = 0): Promise<RangeKeysResponse> {
    return this.unary(
      "Range",
      encodeRangeKeysRequest(key, rangeEnd, limit, revision),
      decodeRangeKeys,
      this.stallTimeoutMs,
      "/etcdserverpb.KV",
    );
  }

  /**
   * Opens the snapshot stream; a Node Readable in object mode with flow
   * control. No deadline (a large database streams for long): the reader
   * watches it for stalls (see streamSnapshot).
   */
  snapshot(): grpc.ClientReadableStream<SnapshotResponse> {
    return this.client.makeServerStreamRequest(`${SERVICE}/Snapshot`, identity, decodeSnapshot, empty(), {});
  }

  private unary<T>(
    method: string,
    req: Buffer,
    decode: (b: Buffer) => T,
    timeoutMs: number,
    service = SERVICE,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        `${service}/${method}`,
        identity,
        decode,
        req,
        new grpc.Metadata(),
        { deadline: Date.now() + timeoutMs },
        (err, value) => {
          if (err) reject(describeGrpcError(err, this.description, method, timeoutMs));
          else resolve(value as T);
        },
      );
    });
  }
}

let quieted = false;

/**
 * grpc-js hands the target host to tls.connect as the TLS server name even
 * when it is an IP address (etcd endpoints usually are, and port-forwards
 * always: 127.0.0.1). Node then warns, once per process, that an IP is not a
 * valid server name (DEP0123) and sends no SNI, which is already right; the
 * certificate is still checked against the IP. The warning is a line in every
 * job log that nobody can act on, so exactly that one is dropped.
 */
function quietIpServernameWarning(): void {
  if (quieted) return;
  quieted = true;
  const emit = process.emitWarning.bind(process);
  process.emitWarning = (warning: string | Error, ...rest: unknown[]) => {
    const options = rest[0];
    const code =
      typeof options === "object" && options !== null ? (options as { code?: string }).code : rest[1];
    if (code === "DEP0123") return;
    (emit as (...args: unknown[]) => void)(warning, ...rest);
  };
}

const PKI_HINT =
  "check etcd-ca, etcd-cert and etcd-key (the etcd client certificate, e.g. /etc/kubernetes/pki/apiserver-etcd-client.crt and its key, and the etcd CA /etc/kubernetes/pki/etcd/ca.crt)";

/**
 * Why a connection to etcd failed, told apart from grpc-js's details: a peer
 * that closed the connection before any TLS (nothing, or not etcd, listens
 * there: a port-forward to a pod whose etcd is not on that port does this), a
 * peer that does not speak TLS, a real TLS refusal (certificates), or no
 * connection at all. Only the certificate cases are the user's inputs.
 */
export function classifyConnectFailure(
  details: string,
): "closed-before-tls" | "not-tls" | "server-cert" | "client-cert" | "unreachable" {
  if (
    /before secure TLS connection was established|ECONNRESET|socket hang up|Connection dropped|EPIPE/i.test(
      details,
    )
  )
    return "closed-before-tls";
  if (
    /wrong version number|packet length too long|http request|unknown protocol|record layer failure/i.test(
      details,
    )
  )
    return "not-tls";
  if (
    /self[- ]signed certificate|unable to (verify|get local issuer)|certificate verify failed|CERT_|does not match certificate|altnames|certificate has expired|not yet valid/i.test(
      details,
    )
  )
    return "server-cert";
  if (/alert|certificate|handshake|ssl|tls/i.test(details)) return "client-cert";
  return "unreachable";
}

/**
 * Turns gRPC failures into errors that say what failed and what to check: a
 * member that does not answer in time, or a connection that failed (see
 * classifyConnectFailure: only the certificate cases are the user's inputs).
 */
export function describeGrpcError(
  err: unknown,
  endpoint: string,
  method: string,
  deadlineMs?: number,
): Error {
  const e = err as Partial<grpc.ServiceError>;
  // OpenSSL's errors end in a newline inside grpc-js's details: one line reads better.
  const details = (e.details ?? errorMessage(err)).replace(/\s*\n\s*/g, " ").trim();
  if (
    e.code === grpc.status.DEADLINE_EXCEEDED &&
    deadlineMs !== undefined &&
    !/connect|handshake/i.test(details)
  ) {
    return new OperationalError(
      `etcd at ${endpoint} did not answer ${method} within ${seconds(deadlineMs)} (${details}); check etcd's health and load${endpoint.includes("port-forward") ? ", and the API server and kubelet on the port-forward path" : ""}`,
    );
  }
  if (e.code === grpc.status.UNAVAILABLE || e.code === grpc.status.DEADLINE_EXCEEDED) {
    const forwarded = endpoint.includes("port-forward");
    switch (classifyConnectFailure(details)) {
      case "closed-before-tls":
        return new OperationalError(
          `the connection to etcd at ${endpoint} was closed before the TLS handshake (${details}); nothing that speaks TLS answered there: ${
            forwarded
              ? "check that etcd listens on port 2379 in that pod (its --listen-client-urls) and that the pod is etcd's"
              : "check etcd-endpoint (etcd's client port, usually 2379) and that etcd listens on it"
          }`,
        );
      case "not-tls":
        return new ConfigurationError(
          `etcd at ${endpoint} does not speak TLS (${details}); etcd-endpoint must be etcd's https client URL (port 2379), not a plain-HTTP port`,
        );
      case "server-cert":
        return new ConfigurationError(
          `etcd at ${endpoint} refused the TLS handshake: its server certificate is not trusted with etcd-ca (${details}); ${PKI_HINT}`,
        );
      case "client-cert":
        return new ConfigurationError(
          `etcd at ${endpoint} refused the TLS handshake: it rejected the client certificate (${details}); ${PKI_HINT}`,
        );
      default:
        return new OperationalError(
          `cannot reach etcd at ${endpoint} (${details}); ${
            forwarded
              ? "check that the pod is running and that etcd listens on port 2379 in it (its --listen-client-urls)"
              : "check etcd-endpoint and that etcd is up, or leave etcd-endpoint empty to port-forward through the Kubernetes API"
          }`,
        );
    }
  }
  if (e.code === grpc.status.PERMISSION_DENIED || e.code === grpc.status.UNAUTHENTICATED) {
    return new ConfigurationError(
      `etcd at ${endpoint} denied ${method} (${details}); the client certificate needs the root role when etcd auth is on`,
    );
  }
  if (typeof e.code === "number") {
    return new OperationalError(
      `etcd ${method} at ${endpoint} failed (${grpc.status[e.code] ?? e.code}: ${details})`,
    );
  }
  return new Error(`etcd ${method} at ${endpoint} failed: ${details}`);
}
