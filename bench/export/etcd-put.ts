/**
 * Puts keys straight into a sandbox's etcd over gRPC (etcdserverpb.KV/Put),
 * many at a time: filling a sandbox with 200,000 objects through the API
 * server takes most of an hour on a shared 2-CPU machine, and a minute or
 * two this way. The API server reads what it finds under /registry (JSON is
 * one of the encodings its storage decodes) and its watch cache picks the
 * new keys up from etcd's watch.
 */
import fs from "node:fs";
import * as grpc from "@grpc/grpc-js";
import type { SandboxInfo } from "../../src/sandbox/sandbox.ts";
import { encodeVarint } from "../../src/etcd/proto.ts";

export interface EtcdPutter {
  /** Puts the pairs in one transaction (at most 128: etcd's default --max-txn-ops). */
  put(pairs: [key: string, value: string][]): Promise<void>;
  close(): void;
}

export function etcdPutter(etcd: SandboxInfo["etcd"]): EtcdPutter {
  const client = new grpc.Client(
    etcd.endpoint.replace(/^https:\/\//, ""),
    grpc.credentials.createSsl(
      fs.readFileSync(etcd.caFile),
      fs.readFileSync(etcd.keyFile),
      fs.readFileSync(etcd.certFile),
    ),
  );
  const field = (no: number, b: Buffer) =>
    Buffer.concat([encodeVarint(BigInt((no << 3) | 2)), encodeVarint(BigInt(b.length)), b]);
  return {
    // TxnRequest { success (2): RequestOp { request_put (2): PutRequest { key (1), value (2) } } ... }
    put: (pairs) =>
      new Promise<void>((resolve, reject) =>
        client.makeUnaryRequest(
          "/etcdserverpb.KV/Txn",
          (b: Buffer) => b,
          (b: Buffer) => b,
          Buffer.concat(
            pairs.map(([key, value]) =>
              field(2, field(2, Buffer.concat([field(1, Buffer.from(key)), field(2, Buffer.from(value))]))),
            ),
          ),
          (err) => (err ? reject(err) : resolve()),
        ),
      ),
    close: () => client.close(),
  };
}
