/**
 * A gRPC client for etcd's Maintenance service over mutual TLS: Status,
 * HashKV and the Snapshot stream. Certificates are given as PEM contents
 * (read from files by the config parser).
 */
import net from "node:net";
import * as grpc from "@grpc/grpc-js";
import { ConfigurationError, errorMessage, OperationalError } from "../core/errors.ts";
import { DEFAULT_STALL_TIMEOUT_MS, seconds } from "../core/stall.ts";
import {
  decodeHashKV,
  decodeSnapshot,
  decodeStatus,
  encodeHashKVRequest,
  type HashKVResponse,
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

  /**
   * Opens the snapshot stream; a Node Readable in object mode with flow
   * control. No deadline (a large database streams for long): the reader
   * watches it for stalls (see streamSnapshot).
   */
  snapshot(): grpc.ClientReadableStream<SnapshotResponse> {
    return this.client.makeServerStreamRequest(`${SERVICE}/Snapshot`, identity, decodeSnapshot, empty(), {});
  }

  private unary<T>(method: string, req: Buffer, decode: (b: Buffer) => T, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      this.client.makeUnaryRequest(
        `${SERVICE}/${method}`,
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

/**
 * Turns gRPC failures a user can fix (unreachable, TLS refused) into
 * ConfigurationErrors, and a member that does not answer in time into an
 * OperationalError.
 */
export function describeGrpcError(
  err: unknown,
  endpoint: string,
  method: string,
  deadlineMs?: number,
): Error {
  const e = err as Partial<grpc.ServiceError>;
  const details = e.details ?? errorMessage(err);
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
    const tls = /certificate|handshake|ssl|tls|alert/i.test(details);
    return new ConfigurationError(
      tls
        ? `etcd at ${endpoint} refused the TLS handshake (${details}); check etcd-ca, etcd-cert and etcd-key (the etcd client certificate, e.g. /etc/kubernetes/pki/apiserver-etcd-client.crt and its key, and the etcd CA /etc/kubernetes/pki/etcd/ca.crt)`
        : `cannot reach etcd at ${endpoint} (${details}); check etcd-endpoint, or leave it empty to port-forward through the Kubernetes API`,
    );
  }
  if (e.code === grpc.status.PERMISSION_DENIED || e.code === grpc.status.UNAUTHENTICATED) {
    return new ConfigurationError(
      `etcd at ${endpoint} denied ${method} (${details}); the client certificate needs the root role when etcd auth is on`,
    );
  }
  return new Error(`etcd ${method} at ${endpoint} failed: ${details}`);
}
