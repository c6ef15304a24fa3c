/**
 * Helpers for the etcd tests: the etcd JSON gateway (/v3/kv/*) for writing
 * and reading keys, the inputs that point a capability at the sandbox's etcd
 * and S3, a restored etcd started on a data dir, and an S3 restart.
 */
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { S3Client, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { ensureBinaries } from "../../src/sandbox/binaries.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { freePorts } from "../../src/core/ports.ts";
import { httpOk } from "../../src/controlplane/probe.ts";
import { startProcess, stopPid, waitUntil, type ManagedProcess } from "../../src/controlplane/supervisor.ts";
import type { Sandbox, SandboxInfo } from "../../src/sandbox/sandbox.ts";

interface Tls {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
}

export function sandboxTls(info: SandboxInfo): Tls {
  return {
    ca: fs.readFileSync(info.etcd.caFile),
    cert: fs.readFileSync(info.etcd.certFile),
    key: fs.readFileSync(info.etcd.keyFile),
  };
}

export function gateway<T>(endpoint: string, tls: Tls | undefined, p: string, body: unknown): Promise<T> {
  const url = new URL(p, endpoint);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = (url.protocol === "https:" ? https : http).request(
      url,
      { method: "POST", headers: { "Content-Type": "application/json" }, ...(tls ?? {}) },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () =>
          res.statusCode === 200
            ? resolve(JSON.parse(text) as T)
            : reject(new Error(`${p}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString("base64");

export async function putKey(
  endpoint: string,
  tls: Tls | undefined,
  key: string,
  value: string | Buffer,
): Promise<void> {
  await gateway(endpoint, tls, "/v3/kv/put", { key: b64(key), value: b64(value) });
}

/** Keys under a prefix, sorted. */
export async function keysUnder(endpoint: string, tls: Tls | undefined, prefix: string): Promise<string[]> {
  const end = Buffer.from(prefix);
  end[end.length - 1] = (end[end.length - 1] as number) + 1;
  const res = await gateway<{ kvs?: { key: string }[] }>(endpoint, tls, "/v3/kv/range", {
    key: b64(prefix),
    range_end: end.toString("base64"),
    keys_only: true,
  });
  return (res.kvs ?? []).map((kv) => Buffer.from(kv.key, "base64").toString()).sort();
}

/** Inputs pointing a capability at the sandbox's S3 bucket. */
export function storageInputs(info: SandboxInfo, extra: Record<string, string> = {}): Record<string, string> {
  const s3 = info.s3;
  if (!s3) throw new Error("sandbox without S3");
  return { "s3-bucket": s3.bucket, "s3-endpoint": s3.endpoint, ...extra };
}

/** Inputs for a direct mTLS connection to the sandbox's etcd. */
export function etcdInputs(info: SandboxInfo, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "etcd-endpoint": info.etcd.endpoint,
    "etcd-ca": info.etcd.caFile,
    "etcd-cert": info.etcd.certFile,
    "etcd-key": info.etcd.keyFile,
    ...storageInputs(info),
    ...extra,
  };
}

/** The S3 credentials as the SDK's default chain reads them. */
export function s3Env(info: SandboxInfo): Record<string, string> {
  const s3 = info.s3;
  if (!s3) throw new Error("sandbox without S3");
  return {
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_REGION: s3.region,
  };
}

/** A plain S3 client for the sandbox's server, for tests that look behind kubekeep's back; destroy it after. */
export function sandboxS3(info: SandboxInfo): { client: S3Client; s3: NonNullable<SandboxInfo["s3"]> } {
  const s3 = info.s3;
  if (!s3) throw new Error("sandbox without S3");
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  return { client, s3 };
}

export async function listKeys(info: SandboxInfo, prefix = ""): Promise<string[]> {
  const { client, s3 } = sandboxS3(info);
  try {
    const res = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
    return (res.Contents ?? []).map((o) => o.Key ?? "").sort();
  } finally {
    client.destroy();
  }
}

/** Starts a plain-HTTP etcd on a restored data dir; stop it with stopPid(proc.pid). */
export async function startRestoredEtcd(
  info: Pick<SandboxInfo, "etcdutl">,
  dataDir: string,
  logDir: string,
): Promise<{ proc: ManagedProcess; endpoint: string; startRevision: () => number }> {
  const [client, peer] = (await freePorts(2)) as [number, number];
  const endpoint = `http://127.0.0.1:${client}`;
  const logFile = path.join(logDir, `restored-etcd-${client}.log`);
  const proc = startProcess({
    name: "restored-etcd",
    command: path.join(path.dirname(info.etcdutl), "etcd"),
    args: [
      `--data-dir=${dataDir}`,
      `--listen-client-urls=${endpoint}`,
      `--advertise-client-urls=${endpoint}`,
      `--listen-peer-urls=http://127.0.0.1:${peer}`,
      // info: for the "kvstore restored" line startRevision reads.
      "--log-level=info",
    ],
    logFile,
  });
  await waitUntil(proc, "/health", () => httpOk(`${endpoint}/health`), 30_000);
  return { proc, endpoint, startRevision: () => restoredRevision(logFile) };
}

/**
 * The revision the member's store started at, from its "kvstore restored"
 * log line. Asking the API later is not the same: a lease in the snapshot
 * (the API server's 15 s master lease) can expire on the restored member and
 * its revoke writes a revision of its own.
 */
function restoredRevision(logFile: string): number {
  const lines = fs.readFileSync(logFile, "utf8").split("\n");
  for (const line of lines) {
    if (!line.includes('"kvstore restored"')) continue;
    const rev = (JSON.parse(line) as { "current-rev"?: unknown })["current-rev"];
    if (typeof rev === "number") return rev;
  }
  throw new Error(`no "kvstore restored" line with current-rev in ${logFile}`);
}

/** Starts the sandbox's S3 server again on its old port and folders (after a test killed it). */
export async function restartS3(sandbox: Sandbox): Promise<ManagedProcess> {
  const info = sandbox.info;
  const s3 = info.s3;
  if (!s3) throw new Error("sandbox without S3");
  const bins = await ensureBinaries(silentLogger);
  const proc = startProcess({
    name: "s3-restarted",
    command: bins.versitygw,
    args: [
      "--access",
      s3.accessKeyId,
      "--secret",
      s3.secretAccessKey,
      "--region",
      s3.region,
      "--port",
      new URL(s3.endpoint).host,
      "--quiet",
      "posix",
      "--sidecar",
      path.join(info.dir, "s3", "meta"),
      "--versioning-dir",
      path.join(info.dir, "s3", "versions"),
      path.join(info.dir, "s3", "data"),
    ],
    logFile: path.join(info.dir, "logs", "s3-restarted.log"),
  });
  await waitUntil(proc, "listing", () => listKeys(info).then(() => true), 30_000);
  return proc;
}

export { stopPid };
