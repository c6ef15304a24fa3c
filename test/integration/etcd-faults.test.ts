// Faults around stored etcd snapshots, on the real sandbox (etcd, versitygw
// S3, kube-apiserver + kwok for the port-forward): concurrent runs, damaged
// and replaced objects, wrong keys, peers that are not etcd, S3 failures, the
// recorded revision, and the documented encryption format. Each test names
// the promise it checks.
import assert from "node:assert/strict";
import { createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { after, test } from "node:test";
import { execFile } from "node:child_process";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { fromRecord } from "../../src/config/inputs.ts";
import type { AnyCapability } from "../../src/config/capability.ts";
import { ConfigurationError, OperationalError } from "../../src/core/errors.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { createPki } from "../../src/core/pki.ts";
import { etcdList } from "../../src/capabilities/etcd-list/capability.ts";
import { etcdRestore } from "../../src/capabilities/etcd-restore/capability.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { etcdVerify } from "../../src/capabilities/etcd-verify/capability.ts";
import { parseStorage } from "../../src/storage/config.ts";
import { WrongKeyError } from "../../src/storage/encryption.ts";
import type { SnapshotMetadata } from "../../src/storage/keys.ts";
import { SnapshotStore } from "../../src/storage/s3.ts";
import { createEtcdPod, etcdPortForwardConfig } from "../../src/sandbox/etcd-pod.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import {
  etcdInputs,
  gateway,
  listKeys,
  putKey,
  s3Env,
  sandboxS3,
  sandboxTls,
  startRestoredEtcd,
  stopPid,
  storageInputs,
} from "../harness/etcd.ts";
import { refusedPort } from "../harness/ports.ts";
import { useSandbox } from "../harness/sandbox.ts";

// A loopback TCP server that accepts connections and closes them at once: a
// port where something listens, but not etcd (nor anything speaking TLS).
const closer = net.createServer((s) => s.destroy());
await new Promise<void>((resolve) => closer.listen(0, "127.0.0.1", () => resolve()));
const closerPort = (closer.address() as net.AddressInfo).port;
after(() => closer.close());

// A loopback port where nothing listens.
const vacantPort = await refusedPort();

// etcd-cp-1 forwards to the real etcd; etcd-cp-2 to a port where nothing
// listens, as a pod whose port 2379 has no etcd behind it.
const fx = useSandbox({
  kwokExtraConfig: (ctx) =>
    `${etcdPortForwardConfig(["cp-1"])(ctx)}---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: PortForward
metadata:
  name: etcd-cp-2
  namespace: kube-system
spec:
  forwards:
    - ports: [2379]
      target:
        address: 127.0.0.1
        port: ${vacantPort}
`,
});
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-etcd-faults-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const key = randomBytes(32).toString("base64");
const logger = new ConsoleLogger({ write: () => {} });

let ready: Promise<void> | undefined;
function setup(): Promise<void> {
  ready ??= (async () => {
    Object.assign(process.env, s3Env(fx.sandbox.info));
    await addNodes(fx.client, [
      { name: "cp-1", role: "control-plane" },
      { name: "cp-2", role: "control-plane" },
    ]);
    await createEtcdPod(fx.client, "cp-1");
    await createEtcdPod(fx.client, "cp-2");
  })();
  return ready;
}

async function run(cap: AnyCapability, inputs: Record<string, string>) {
  return cap.run(cap.parse(fromRecord(inputs)), { logger });
}

async function failure(p: Promise<unknown>): Promise<Error> {
  const r = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(r instanceof Error, `expected a failure, got ${String(r)}`);
  return r;
}

async function getObject(k: string): Promise<Buffer> {
  const { client, s3 } = sandboxS3(fx.sandbox.info);
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: k }));
    return Buffer.from(
      await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
  } finally {
    client.destroy();
  }
}

async function putObject(k: string, body: Buffer | string, metadata?: Record<string, string>): Promise<void> {
  const { client, s3 } = sandboxS3(fx.sandbox.info);
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: k,
        Body: body,
        ...(metadata ? { Metadata: metadata } : {}),
      }),
    );
  } finally {
    client.destroy();
  }
}

async function deleteObject(k: string): Promise<void> {
  const { client, s3 } = sandboxS3(fx.sandbox.info);
  try {
    await client.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: k }));
  } finally {
    client.destroy();
  }
}

/** The CLI from source, without blocking this process (which serves the fake S3). */
function cli(args: string[], env: Record<string, string>): Promise<{ status: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(import.meta.dirname, "..", "..", "src", "cli", "main.ts"), ...args],
      { env: { ...process.env, ...env }, timeout: 120_000 },
      (err, _stdout, stderr) =>
        resolve({ status: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stderr }),
    );
  });
}

async function objectMetadata(k: string): Promise<Record<string, string>> {
  const { client, s3 } = sandboxS3(fx.sandbox.info);
  try {
    return (await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: k }))).Metadata ?? {};
  } finally {
    client.destroy();
  }
}

const sidecar = async (k: string) =>
  JSON.parse((await getObject(`${k}.json`)).toString()) as SnapshotMetadata;

function verifyInputs(cluster: string, extra: Record<string, string> = {}): Record<string, string> {
  return storageInputs(fx.sandbox.info, { "cluster-name": cluster, ...extra });
}

// Promise: nothing lost or silently replaced. Several runs for the same
// cluster name started together (a matrix on one cron, all defaulting to
// cluster-name kubernetes) each store their own snapshot and sidecar, each
// verified against its own object, and `etcd verify` of the newest passes.
test("concurrent snapshots of one cluster name in the same second keep every snapshot, each with its own sidecar", async () => {
  await setup();
  const info = fx.sandbox.info;
  const runs = await Promise.all(
    Array.from({ length: 3 }, () => run(etcdSnapshot, etcdInputs(info, { "cluster-name": "matrix" }))),
  );
  const keys = runs.map((r) => String(r.outputs.key));
  assert.equal(new Set(keys).size, 3, keys.join("\n"));
  for (const r of runs) assert.equal(r.outputs.verified, true);
  assert.deepEqual(await listKeys(info, "etcd/matrix/"), keys.flatMap((k) => [k, `${k}.json`]).sort());
  for (const k of keys) {
    const meta = await sidecar(k);
    assert.equal(meta.key, k);
    assert.equal(meta.verified, true);
    assert.ok(meta.runId && k.includes(`-${meta.runId}.db`), `${k} names its run ${meta.runId}`);
    assert.equal((await objectMetadata(k))["run-id"], meta.runId, "the sidecar describes its own object");
    const v = await run(etcdVerify, verifyInputs("matrix", { key: k }));
    assert.equal(v.outputs.verified, true);
  }
  const newest = await run(etcdVerify, verifyInputs("matrix"));
  assert.equal(newest.outputs.verified, true);
  assert.equal(newest.outputs.key, [...keys].sort().at(-1), "the newest is the last key in time order");
});

// Promise: nothing silently replaced. The store itself refuses to overwrite:
// the upload and the sidecar's first write are conditional (If-None-Match: *),
// which versitygw honours with 412; the object that was there stays.
test("uploads and new sidecars never replace an object already at their key", async () => {
  await setup();
  const info = fx.sandbox.info;
  const store = await SnapshotStore.open(parseStorage(fromRecord(storageInputs(info))).s3);
  try {
    const k = "etcd/cond/cond-etcd-20260101T000000.000Z-0000000000.db";
    await putObject(k, "first");
    const err = await failure(
      store.upload(k, Readable.from([Buffer.from("second")]), { "run-id": "1111111111" }),
    );
    assert.ok(err instanceof OperationalError, String(err));
    assert.match(
      err.message,
      /an object already exists at s3:\/\/kubekeep-sandbox\/etcd\/cond\/.*another run wrote it first/,
    );
    assert.equal((await getObject(k)).toString(), "first");
    await putObject(`${k}.json`, "{}");
    const err2 = await failure(store.putJson(`${k}.json`, { replaced: true }, { create: true }));
    assert.match(err2.message, /already exists/);
    assert.equal((await getObject(`${k}.json`)).toString(), "{}");
  } finally {
    store.close();
  }
});

// Promise: clear error, nothing lost. A stored object that was truncated or
// altered is reported as "snapshot X is corrupt or truncated" (an
// OperationalError naming the key), never as a zlib stack trace or as a wrong
// key: for compression on and off, encrypted and not, with the sidecar's size
// and ETag, and with an old sidecar (no ETag) or none where the decoders
// themselves must notice.
for (const compression of ["zstd", "none"] as const) {
  for (const encrypted of [true, false]) {
    test(`a truncated or altered snapshot (${compression}, ${encrypted ? "encrypted" : "not encrypted"}) is reported as corrupt`, async () => {
      await setup();
      const info = fx.sandbox.info;
      const cluster = `damaged-${compression}-${encrypted ? "enc" : "plain"}`;
      const enc: Record<string, string> = encrypted ? { "encryption-key": key } : {};
      const snap = await run(
        etcdSnapshot,
        etcdInputs(info, { "cluster-name": cluster, compression, ...enc }),
      );
      const k = String(snap.outputs.key);
      const original = await getObject(k);
      const meta = await sidecar(k);
      const verify = () => run(etcdVerify, verifyInputs(cluster, { key: k, ...enc }));
      const corrupt = (err: Error, detail: RegExp) => {
        assert.ok(
          err instanceof OperationalError && !(err instanceof WrongKeyError),
          `${err.name}: ${err.message}`,
        );
        assert.ok(err.message.startsWith(`snapshot ${k} is corrupt or truncated: `), err.message);
        assert.match(err.message, detail);
      };

      // Truncated: the size is checked against the sidecar before anything is decoded.
      await putObject(k, original.subarray(0, Math.floor(original.length / 2)));
      corrupt(await failure(verify()), /S3 holds \d+ bytes, its metadata .* records \d+/);
      // Nothing half-written: a restore of it fails the same way and leaves
      // neither the output nor its partial file, even once streams settle.
      const out = path.join(os.tmpdir(), `kubekeep-damaged-${process.pid}-${cluster}.db`);
      corrupt(
        await failure(run(etcdRestore, verifyInputs(cluster, { key: k, output: out, ...enc }))),
        /S3 holds \d+ bytes/,
      );
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(
        fs.readdirSync(path.dirname(out)).filter((f) => f.startsWith(path.basename(out))),
        [],
      );
      // Altered in the middle, same size: its ETag is not the recorded one.
      const flipped = Buffer.from(original);
      const mid = Math.floor(original.length / 2);
      for (let i = mid; i < mid + 16; i++) flipped[i] = (flipped[i] as number) ^ 0x5a;
      await putObject(k, flipped);
      corrupt(
        await failure(verify()),
        /its ETag is .*, not the recorded .*: the object was altered or written over/,
      );
      // An older version's sidecar (no ETag): the decoders and the trailer
      // notice. With a key, an edited sidecar is not even used: its MAC fails.
      const { etag: _etag, ...old } = meta;
      await putObject(`${k}.json`, JSON.stringify(old));
      if (encrypted)
        assert.equal(
          (await failure(verify())).message,
          `snapshot ${k} is not usable: its metadata fails authentication with this key: it was altered, or moved here from another snapshot`,
        );
      else corrupt(await failure(verify()), /./);
      // No sidecar at all, truncated: the decoders notice the cut.
      await putObject(k, original.subarray(0, original.length - 100));
      await deleteObject(`${k}.json`);
      corrupt(await failure(verify()), /./);
      // Put back as it was, it verifies again: nothing above changed the object's meaning.
      await putObject(k, original, await objectMetadata(k));
      await putObject(`${k}.json`, JSON.stringify(encrypted ? meta : old));
      assert.equal((await verify()).outputs.verified, true);
    });
  }
}

// Promise: clear error. A wrong key says so, with the fingerprint the object
// was written with (never the key); a damaged first chunk with the right key
// says corrupt. Both with the sidecar and with only the object's header.
test("a wrong encryption key is told apart from a corrupt first chunk", async () => {
  await setup();
  const info = fx.sandbox.info;
  const snap = await run(etcdSnapshot, etcdInputs(info, { "cluster-name": "keys", "encryption-key": key }));
  const k = String(snap.outputs.key);
  const meta = await sidecar(k);
  assert.match(meta.keyFingerprint ?? "", /^[0-9a-f]{16}$/);
  const other = randomBytes(32).toString("base64");
  const wrong = (err: Error) => {
    assert.ok(err instanceof WrongKeyError, `${err.name}: ${err.message}`);
    assert.match(
      err.message,
      new RegExp(
        `^snapshot ${k.replace(/\./g, "\\.")}: encryption key does not match the one the snapshot was written with \\(fingerprint ${meta.keyFingerprint}`,
      ),
    );
    assert.ok(!err.message.includes(other) && !err.message.includes(key));
  };
  wrong(await failure(run(etcdVerify, verifyInputs("keys", { key: k, "encryption-key": other }))));
  // Without the sidecar, the object's header carries the fingerprint.
  const meta0 = await getObject(`${k}.json`);
  await deleteObject(`${k}.json`);
  wrong(
    await failure(
      run(etcdRestore, {
        ...verifyInputs("keys", { key: k, "encryption-key": other }),
        output: path.join(tmp, "wrong-key.db"),
      }),
    ),
  );
  assert.ok(!fs.existsSync(path.join(tmp, "wrong-key.db")), "no file is left behind");
  // A damaged first chunk, right key: corrupt, not a wrong key.
  const original = await getObject(k);
  const damaged = Buffer.from(original);
  damaged[40] = (damaged[40] as number) ^ 0xff;
  await putObject(k, damaged);
  const err = await failure(run(etcdVerify, verifyInputs("keys", { key: k, "encryption-key": key })));
  assert.ok(err instanceof OperationalError && !(err instanceof WrongKeyError), err.message);
  assert.match(
    err.message,
    /is corrupt or truncated: decryption failed at chunk 0( \(the last one\))?: the object was truncated or altered, or copied here from another name \(its encryption is bound to the name it was written under\)$/,
  );
  await putObject(`${k}.json`, meta0);
});

// Promise: clear error. Something that accepts the connection and closes it
// (no etcd on that port: directly, or a pod's port 2379 through a
// port-forward) is not reported as a certificate problem; a real TLS refusal
// by the real etcd (CA that did not sign it, client certificate it does not
// trust) names the certificate inputs.
test("a peer that closes before the TLS handshake is told apart from a TLS refusal", async () => {
  await setup();
  const info = fx.sandbox.info;
  const direct = await failure(
    run(
      etcdSnapshot,
      etcdInputs(info, { "cluster-name": "notls", "etcd-endpoint": `https://127.0.0.1:${closerPort}` }),
    ),
  );
  assert.ok(direct instanceof OperationalError, `${direct.name}: ${direct.message}`);
  assert.match(
    direct.message,
    /connection to etcd at https:\/\/127\.0\.0\.1:\d+ was closed before the TLS handshake .*check etcd-endpoint .* and that etcd listens on it/,
  );
  assert.doesNotMatch(direct.message, /etcd-ca|certificate/);

  const pem = (f: string) => fs.readFileSync(f, "utf8");
  const lines: string[] = [];
  const cap = etcdSnapshot;
  const forwarded = await failure(
    cap.run(
      cap.parse(
        fromRecord({
          kubeconfig: pem(info.kubeconfig),
          "etcd-ca": pem(info.etcd.caFile),
          "etcd-cert": pem(info.etcd.certFile),
          "etcd-key": pem(info.etcd.keyFile),
          "etcd-pod": "etcd-cp-2",
          ...storageInputs(info, { "cluster-name": "notls" }),
        }),
      ),
      { logger: new ConsoleLogger({ write: (l) => lines.push(l) }) },
    ),
  );
  assert.ok(
    forwarded instanceof OperationalError,
    `${forwarded.name}: ${forwarded.message}\n${lines.join("\n")}`,
  );
  assert.match(
    forwarded.message + "\n" + lines.join("\n"),
    /kube-system\/etcd-cp-2:2379 \(port-forward[^)]*\) was closed before the TLS handshake .*check that etcd listens on port 2379 in that pod/,
  );

  // Real TLS refusals by the real etcd.
  // A PKI of another CA: its client certificate and its CA are foreign to etcd.
  const other = createPki(path.join(tmp, "pki"), { caSubject: "/CN=other-ca" });
  const badCa = await failure(
    run(etcdSnapshot, etcdInputs(info, { "cluster-name": "notls", "etcd-ca": other.ca.cert })),
  );
  assert.ok(badCa instanceof ConfigurationError, badCa.message);
  assert.match(
    badCa.message,
    /refused the TLS handshake: its server certificate is not trusted with etcd-ca .*check etcd-ca, etcd-cert and etcd-key/,
  );
  const badCert = await failure(
    run(
      etcdSnapshot,
      etcdInputs(info, {
        "cluster-name": "notls",
        "etcd-cert": other.etcdClient.cert,
        "etcd-key": other.etcdClient.key,
      }),
    ),
  );
  assert.ok(badCert instanceof ConfigurationError, badCert.message);
  assert.match(
    badCert.message,
    /refused the TLS handshake: it rejected the client certificate .*check etcd-ca, etcd-cert and etcd-key/,
  );
  assert.deepEqual(await listKeys(info, "etcd/notls/"), []);
});

// Promise: nothing lost (the record tells the truth). With writes landing all
// the time, the recorded revision is the one the snapshot holds: a member
// restored from it starts at exactly that revision.
test("the recorded revision is the snapshot's own, while writes continue", async () => {
  await setup();
  const info = fx.sandbox.info;
  const tls = sandboxTls(info);
  let writing = true;
  let written = 0;
  const writers = Array.from({ length: 3 }, async (_, w) => {
    while (writing) {
      await putKey(info.etcd.endpoint, tls, `/kubekeep-test/busy-${w}`, String(written++));
    }
  });
  try {
    while (written < 20) await new Promise((resolve) => setTimeout(resolve, 10));
    const snap = await run(etcdSnapshot, etcdInputs(info, { "cluster-name": "busy-writes" }));
    const before = written;
    writing = false;
    await Promise.all(writers);
    assert.ok(written > before || before > 20, "writes went on during the snapshot");
    const k = String(snap.outputs.key);
    const dataDir = path.join(tmp, "busy-restored");
    await run(etcdRestore, {
      ...verifyInputs("busy-writes", { key: k }),
      output: path.join(tmp, "busy.db"),
      "data-dir": dataDir,
      "run-restore": "true",
      etcdutl: info.etcdutl,
    });
    const member = await startRestoredEtcd(info, dataDir, tmp);
    try {
      // The store's revision as it started: later, a lease from the snapshot
      // that expires on this member (the API server's 15 s master lease, on a
      // loaded machine) is revoked with a revision of its own.
      const started = member.startRevision();
      assert.equal(Number(snap.outputs.revision), started);
      assert.equal((await sidecar(k)).revision, started);
      // And the member answers at that revision: its data is the snapshot's.
      const res = await gateway<{ header: { revision: string } }>(
        member.endpoint,
        undefined,
        "/v3/kv/range",
        {
          key: Buffer.from("/kubekeep-test/busy-0").toString("base64"),
          revision: String(started),
        },
      );
      assert.ok(Number(res.header.revision) >= started);
    } finally {
      await stopPid(member.proc.pid);
    }
  } finally {
    writing = false;
    await Promise.all(writers);
  }
});

/**
 * A decryptor written from docs/snapshot-format.md alone (not kubekeep's):
 * node:crypto's AES-256-GCM and node:zlib, byte offsets as the document
 * gives them.
 */
function decryptFromDoc(object: Buffer, keyBytes: Buffer, name: string): Buffer {
  assert.equal(object.subarray(0, 6).toString("ascii"), "KKENC1");
  const version = object[6] as number;
  assert.equal(version, 3, "kubekeep writes version 3");
  const chunkSize = object.readUInt32BE(7);
  const prefix = object.subarray(11, 18);
  const headerLength = version >= 2 ? 26 : 18;
  const header = object.subarray(0, headerLength);
  const nameBytes = Buffer.from(name, "utf8");
  const nameLength = Buffer.alloc(2);
  nameLength.writeUInt16BE(nameBytes.length);
  const aad = version === 3 ? Buffer.concat([header, nameLength, nameBytes]) : header;
  if (version >= 2) {
    const fingerprint = createHmac("sha256", keyBytes)
      .update("kubekeep encryption key fingerprint v1")
      .digest()
      .subarray(0, 8);
    assert.deepEqual(object.subarray(18, 26), fingerprint, "the key is the one it was written with");
  }
  const out: Buffer[] = [];
  let off = headerLength;
  for (let counter = 0; off < object.length; counter++) {
    const frame = Math.min(chunkSize + 16, object.length - off);
    const last = off + frame === object.length;
    const nonce = Buffer.alloc(12);
    prefix.copy(nonce, 0);
    nonce.writeUInt32BE(counter, 7);
    nonce[11] = last ? 1 : 0;
    const d = createDecipheriv("aes-256-gcm", keyBytes, nonce);
    d.setAAD(aad);
    d.setAuthTag(object.subarray(off + frame - 16, off + frame));
    out.push(d.update(object.subarray(off, off + frame - 16)), d.final());
    off += frame;
  }
  return Buffer.concat(out);
}

// Promise: nothing lost, even without kubekeep. The documented format is
// enough to get the database back: a snapshot decrypted and decompressed by
// code written from docs/snapshot-format.md is what `etcdutl` restores
// (database + sha256 trailer), with the sha256 the sidecar records.
test("docs/snapshot-format.md is enough to decrypt and decompress a snapshot without kubekeep", async () => {
  await setup();
  const info = fx.sandbox.info;
  for (const compression of ["zstd", "gzip"] as const) {
    const snap = await run(
      etcdSnapshot,
      etcdInputs(info, { "cluster-name": `doc-${compression}`, compression, "encryption-key": key }),
    );
    const k = String(snap.outputs.key);
    const plain = decryptFromDoc(
      await getObject(k),
      Buffer.from(key, "base64"),
      k.slice(k.lastIndexOf("/") + 1),
    );
    const file = compression === "zstd" ? zlib.zstdDecompressSync(plain) : zlib.gunzipSync(plain);
    const db = file.subarray(0, file.length - 32);
    const sha = createHash("sha256").update(db).digest();
    assert.deepEqual(file.subarray(file.length - 32), sha, "the trailer is the database's sha256");
    assert.equal(sha.toString("hex"), (await sidecar(k)).sha256);
    assert.equal(db.length, (await sidecar(k)).dbSize);
    // The sidecar's MAC, computed as the page says (HKDF, then HMAC over the sorted JSON).
    const { mac, ...rest } = await sidecar(k);
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v && typeof v === "object"
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((f) => [f, sorted((v as Record<string, unknown>)[f])]),
            )
          : v;
    const macKey = Buffer.from(
      hkdfSync("sha256", Buffer.from(key, "base64"), Buffer.alloc(0), "kubekeep sidecar mac v1", 32),
    );
    assert.equal(
      mac,
      createHmac("sha256", macKey)
        .update(JSON.stringify(sorted(rest)))
        .digest("hex"),
    );
  }
});

// Promise: clear error. S3 failing (a 500, a refused connection, a denial) or
// a named snapshot that is not there is an OperationalError that names what
// failed and what to check; the CLI prints it without a stack trace.
test("S3 failures and a missing named snapshot are operational errors with what to check", async (t) => {
  await setup();
  const info = fx.sandbox.info;
  const failing = http.createServer((req, res) => {
    req.resume();
    res.writeHead(500, { "Content-Type": "application/xml" });
    res.end(
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>',
    );
  });
  await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", () => resolve()));
  t.after(() => failing.close());
  const failingEndpoint = `http://127.0.0.1:${(failing.address() as net.AddressInfo).port}`;
  const e500 = await failure(run(etcdList, verifyInputs("s3err", { "s3-endpoint": failingEndpoint })));
  assert.ok(e500 instanceof OperationalError, `${e500.name}: ${e500.message}`);
  assert.match(
    e500.message,
    /S3 ListObjectsV2 etcd\/s3err\/ on s3:\/\/kubekeep-sandbox at http:\/\/127\.0\.0\.1:\d+ failed with HTTP 500 .*InternalError.*check its health/,
  );

  const closedPort = await refusedPort();
  const refused = await failure(
    run(etcdList, verifyInputs("s3err", { "s3-endpoint": `http://127.0.0.1:${closedPort}` })),
  );
  assert.ok(refused instanceof OperationalError, `${refused.name}: ${refused.message}`);
  assert.match(refused.message, /cannot reach S3 at .*ECONNREFUSED.*check s3-endpoint/);

  const missing = await failure(
    run(
      etcdVerify,
      verifyInputs("s3err", { key: "etcd/s3err/s3err-etcd-20260101T000000.000Z-0123456789.db" }),
    ),
  );
  assert.ok(missing instanceof OperationalError, `${missing.name}: ${missing.message}`);
  assert.match(
    missing.message,
    /no snapshot at s3:\/\/kubekeep-sandbox\/etcd\/s3err\/.* \(NoSuchKey\); check the key/,
  );

  const denied = await cli(
    [
      "etcd",
      "list",
      "--s3-bucket",
      info.s3?.bucket ?? "",
      "--s3-endpoint",
      info.s3?.endpoint ?? "",
      "--cluster-name",
      "s3err",
    ],
    { ...s3Env(info), AWS_SECRET_ACCESS_KEY: "not-the-secret" },
  );
  assert.equal(denied.status, 1);
  assert.match(denied.stderr, /S3 denied ListObjectsV2 .*check the credentials/);
  assert.doesNotMatch(denied.stderr, /\n\s+at /);
  const cli500 = await cli(
    [
      "etcd",
      "list",
      "--s3-bucket",
      info.s3?.bucket ?? "",
      "--s3-endpoint",
      failingEndpoint,
      "--cluster-name",
      "s3err",
    ],
    s3Env(info),
  );
  assert.equal(cli500.status, 1);
  assert.match(cli500.stderr, /HTTP 500/);
  assert.doesNotMatch(cli500.stderr, /\n\s+at /);
});

test("a link planted at the restore's partial or final name is replaced, never written through", async () => {
  // Promise: the output path is often in a checkout whose contents are not trusted
  // (SECURITY.md); a committed link at `<output>.partial` or `<output>` must not make the
  // download write into a runner's file (before core/files.ts: the .partial link was followed).
  await setup();
  const info = fx.sandbox.info;
  const snap = await run(
    etcdSnapshot,
    etcdInputs(info, { "cluster-name": "planted-link", compression: "none" }),
  );
  const dir = path.join(tmp, "planted-link");
  fs.mkdirSync(dir);
  const victim = path.join(tmp, "planted-victim");
  fs.writeFileSync(victim, "the runner's file\n");
  const output = path.join(dir, "etcd-snapshot.db");
  fs.symlinkSync(victim, `${output}.partial`);
  fs.symlinkSync(victim, output);
  const restored = await run(etcdRestore, {
    ...verifyInputs("planted-link", { key: String(snap.outputs.key) }),
    output,
  });
  assert.equal(fs.readFileSync(victim, "utf8"), "the runner's file\n");
  assert.ok(!fs.lstatSync(output).isSymbolicLink());
  assert.equal(fs.statSync(output).size, Number(restored.outputs["db-size"]) + 32);
  assert.ok(!fs.existsSync(`${output}.partial`));
});

test("a sidecar recording a revision above its database's (kubekeep before 0.2.0 under writes) is used with a warning; one below is corrupt", async () => {
  // Promise: upgrading kubekeep does not turn sound snapshots into corrupt ones. Before 0.2.0
  // the revision scan could count a free page a concurrent write had reused and record too high
  // a revision; the sha256 and size still bind the sidecar to the database, so the snapshot is
  // used with the database's revision. A lower one was never written by kubekeep: corrupt.
  await setup();
  const snap = await run(
    etcdSnapshot,
    etcdInputs(fx.sandbox.info, { "cluster-name": "old-scan", compression: "none" }),
  );
  const k = String(snap.outputs.key);
  const meta = await sidecar(k);
  const lines: string[] = [];
  const watching = new ConsoleLogger({ write: (l: string) => void lines.push(l) });
  await putObject(`${k}.json`, JSON.stringify({ ...meta, revision: meta.revision + 81 }));
  const verified = await etcdVerify.run(etcdVerify.parse(fromRecord(verifyInputs("old-scan", { key: k }))), {
    logger: watching,
  });
  assert.equal(Number(verified.outputs.revision ?? meta.revision), meta.revision);
  assert.ok(
    lines.some((l) =>
      l.includes(`records revision ${meta.revision + 81}, its database holds ${meta.revision}`),
    ),
    lines.join("\n"),
  );
  await putObject(`${k}.json`, JSON.stringify({ ...meta, revision: meta.revision - 1 }));
  const err = await failure(run(etcdVerify, verifyInputs("old-scan", { key: k })));
  assert.match(
    err.message,
    new RegExp(`its database holds revision ${meta.revision}, its metadata records ${meta.revision - 1}`),
  );
});
