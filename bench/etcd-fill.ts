/**
 * What the etcd benchmarks share: their flags (`--name value` or
 * BENCH_<NAME>) and filling a sandbox etcd with ~1 MiB values straight over
 * gRPC, half random (so compression has real work) and half YAML-like text.
 */
import { randomBytes } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import type { Logger } from "../src/core/logger.ts";
import { encodeVarint } from "../src/etcd/proto.ts";

export function benchFlag(name: string, fallback: string): string {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1]
    ? (args[i + 1] as string)
    : (process.env[`BENCH_${name.toUpperCase()}`] ?? fallback);
}

export async function fillEtcd(
  endpoint: string,
  tls: { ca: Buffer; cert: Buffer; key: Buffer },
  bytes: number,
  prefix: string,
  logger: Logger,
): Promise<void> {
  const client = new grpc.Client(
    endpoint.replace(/^https:\/\//, ""),
    grpc.credentials.createSsl(tls.ca, tls.key, tls.cert),
  );
  const valueSize = 1024 * 1024;
  const count = Math.ceil(bytes / valueSize);
  const field = (no: number, b: Buffer) =>
    Buffer.concat([encodeVarint(BigInt((no << 3) | 2)), encodeVarint(BigInt(b.length)), b]);
  const pattern = Buffer.alloc(valueSize / 2, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const req = Buffer.concat([
        field(1, Buffer.from(`${prefix}${String(i).padStart(6, "0")}`)),
        field(2, Buffer.concat([randomBytes(valueSize / 2), pattern])),
      ]);
      await new Promise<void>((resolve, reject) =>
        client.makeUnaryRequest(
          "/etcdserverpb.KV/Put",
          (b: Buffer) => b,
          (b: Buffer) => b,
          req,
          (err) => (err ? reject(err) : resolve()),
        ),
      );
      if (i % 128 === 0) logger.info(`fill: ${i}/${count} MiB`);
    }
  };
  try {
    await Promise.all([worker(), worker(), worker(), worker()]);
  } finally {
    client.close();
  }
  logger.info(`filled ${count} MiB in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}
