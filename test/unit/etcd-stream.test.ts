import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { test } from "node:test";
import { checkBolt } from "../../src/etcd/bolt.ts";
import { decodeSnapshot, decodeStatus, encodeVarint } from "../../src/etcd/proto.ts";
import { SnapshotReader, TrailerVerifier } from "../../src/etcd/snapshot-stream.ts";
import { compressor, decompressor } from "../../src/storage/compression.ts";
import { DecryptStream, EncryptStream, parseKey } from "../../src/storage/encryption.ts";
import { parseSnapshotKey, snapshotKey, unusedKey } from "../../src/storage/keys.ts";

function collect(): { sink: Writable; data: () => Buffer } {
  const chunks: Buffer[] = [];
  return {
    sink: new Writable({
      write(c: Buffer, _e, cb) {
        chunks.push(c);
        cb();
      },
    }),
    data: () => Buffer.concat(chunks),
  };
}

/** etcd's stream: 32 KiB chunks with remaining_bytes, then the sha256 as the last blob. */
function messages(db: Buffer, trailer = createHash("sha256").update(db).digest(), announced = db.length) {
  const out = [];
  for (let off = 0; off < db.length; off += 32 * 1024) {
    const blob = db.subarray(off, off + 32 * 1024);
    out.push({ remainingBytes: announced - off - blob.length, blob, version: "3.6.0" });
  }
  out.push({ remainingBytes: 0, blob: trailer, version: "3.6.0" });
  return out;
}

test("snapshot reader passes the database and trailer through after checking both", async () => {
  const db = randomBytes(100_000);
  const { sink, data } = collect();
  const reader = new SnapshotReader();
  await pipeline(Readable.from(messages(db)), reader, sink);
  const sha = createHash("sha256").update(db).digest();
  assert.deepEqual(data(), Buffer.concat([db, sha]));
  assert.equal(reader.result?.sha256, sha.toString("hex"));
  assert.equal(reader.result?.dbSize, db.length);
  assert.equal(reader.result?.storageVersion, "3.6.0");
});

test("snapshot reader rejects a bad trailer, a short stream and a missing trailer", async () => {
  const db = randomBytes(70_000);
  await assert.rejects(
    pipeline(Readable.from(messages(db, randomBytes(32))), new SnapshotReader(), collect().sink),
    /sha256 mismatch/,
  );
  await assert.rejects(
    pipeline(Readable.from(messages(db, undefined, db.length + 4096)), new SnapshotReader(), collect().sink),
    /size mismatch: etcd announced 74096 bytes and sent 70000/,
  );
  await assert.rejects(
    pipeline(Readable.from(messages(db).slice(0, -1)), new SnapshotReader(), collect().sink),
    /sha256 mismatch/,
  );
  await assert.rejects(
    pipeline(Readable.from([]), new SnapshotReader(), collect().sink),
    /empty snapshot stream/,
  );
});

test("compression and chunked encryption round-trip; tampering and truncation fail", async () => {
  const key = randomBytes(32);
  for (const size of [0, 1, 65_535, 65_536, 65_537, 300_001]) {
    const plain = randomBytes(size);
    const enc = collect();
    await pipeline(Readable.from([plain]), compressor("zstd") as Writable, new EncryptStream(key), enc.sink);
    const dec = collect();
    await pipeline(
      Readable.from([enc.data()]),
      new DecryptStream(key),
      decompressor("zstd") as Writable,
      dec.sink,
    );
    assert.deepEqual(dec.data(), plain, `size ${size}`);
  }
  const plain = randomBytes(200_000);
  const enc = collect();
  await pipeline(Readable.from([plain]), new EncryptStream(key), enc.sink);
  const sealed = enc.data();
  const flipped = Buffer.from(sealed);
  flipped[100] = (flipped[100] as number) ^ 1;
  await assert.rejects(pipeline(Readable.from([flipped]), new DecryptStream(key), collect().sink), /chunk 0/);
  // Cut at a chunk boundary: every remaining chunk is intact, but the last one was not sealed as last.
  const cut = sealed.subarray(0, 18 + 2 * (65_536 + 16));
  await assert.rejects(
    pipeline(Readable.from([cut]), new DecryptStream(key), collect().sink),
    /the last one/,
  );
  await assert.rejects(
    pipeline(Readable.from([sealed]), new DecryptStream(randomBytes(32)), collect().sink),
    /wrong encryption key/,
  );
});

test("encryption keys as hex or base64", () => {
  const k = randomBytes(32);
  assert.deepEqual(parseKey(k.toString("hex")), k);
  assert.deepEqual(parseKey(k.toString("base64")), k);
  assert.equal(parseKey("too short"), undefined);
  assert.equal(parseKey(randomBytes(16).toString("hex")), undefined);
});

test("trailer verifier and bolt check on a synthetic bolt file", async () => {
  // Two meta pages as bbolt writes them, 4 pages in all.
  const pageSize = 4096;
  const db = Buffer.alloc(4 * pageSize);
  for (const [i, txid] of [
    [0, 2n],
    [1, 3n],
  ] as const) {
    const p = i * pageSize;
    db.writeBigUInt64LE(BigInt(i), p);
    db.writeUInt16LE(0x04, p + 8);
    const m = p + 16;
    db.writeUInt32LE(0xed0cdaed, m);
    db.writeUInt32LE(2, m + 4);
    db.writeUInt32LE(pageSize, m + 8);
    db.writeBigUInt64LE(4n, m + 40);
    db.writeBigUInt64LE(txid, m + 48);
    let h = 0xcbf29ce484222325n;
    for (const b of db.subarray(m, m + 56)) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
    db.writeBigUInt64LE(h, m + 56);
  }
  const file = Buffer.concat([db, createHash("sha256").update(db).digest()]);
  const v = new TrailerVerifier();
  await pipeline(Readable.from([file.subarray(0, 5000), file.subarray(5000)]), v, collect().sink);
  assert.equal(v.result?.dbSize, db.length);
  assert.equal(checkBolt(v.result.head, v.result.dbSize).txid, 3n);
  assert.throws(() => checkBolt(db, db.length - pageSize), /truncated/);
  const bad = Buffer.from(db);
  bad[16 + 20] = 1;
  assert.throws(() => checkBolt(bad, bad.length), /meta page 0: meta page checksum mismatch/);
  assert.throws(() => checkBolt(randomBytes(3 * pageSize), 3 * pageSize), /meta page 0/);
  await assert.rejects(
    pipeline(Readable.from([Buffer.concat([db, randomBytes(32)])]), new TrailerVerifier(), collect().sink),
    /trailer mismatch/,
  );
});

test("protobuf decoding of Status and Snapshot responses", () => {
  const field = (no: number, wire: number) => encodeVarint(BigInt((no << 3) | wire));
  const lenDelim = (no: number, b: Buffer) =>
    Buffer.concat([field(no, 2), encodeVarint(BigInt(b.length)), b]);
  const varint = (no: number, v: bigint) => Buffer.concat([field(no, 0), encodeVarint(v)]);
  const header = Buffer.concat([varint(1, 0xfedcba9876543210n), varint(3, 12345n)]);
  const status = decodeStatus(
    Buffer.concat([
      lenDelim(1, header),
      lenDelim(2, Buffer.from("3.6.16")),
      varint(3, 1n << 33n),
      lenDelim(8, Buffer.from("NOSPACE")),
    ]),
  );
  assert.equal(status.header.clusterId, "fedcba9876543210");
  assert.equal(status.header.revision, 12345);
  assert.equal(status.version, "3.6.16");
  assert.equal(status.dbSize, 2 ** 33);
  assert.deepEqual(status.errors, ["NOSPACE"]);
  const snap = decodeSnapshot(Buffer.concat([varint(2, 99n), lenDelim(3, Buffer.from("abc"))]));
  assert.equal(snap.remainingBytes, 99);
  assert.equal(snap.blob.toString(), "abc");
});

test("snapshot keys round-trip and sort by time", () => {
  const k = snapshotKey("backups/", "prod-eu", new Date("2026-03-15T04:05:06.789Z"), "zstd", true);
  assert.equal(k, "backups/prod-eu/prod-eu-etcd-20260315T040506Z.db.zst.enc");
  const p = parseSnapshotKey(k);
  assert.equal(p?.cluster, "prod-eu");
  assert.equal(p?.time.toISOString(), "2026-03-15T04:05:06.000Z");
  assert.equal(p?.compression, "zstd");
  assert.equal(p?.encrypted, true);
  assert.equal(parseSnapshotKey(k + ".json"), undefined);
  assert.equal(parseSnapshotKey("backups/prod-eu/notes.txt"), undefined);
});

test("a snapshot never takes a key that is already stored: it moves on to the next free second", async () => {
  let clock = Date.parse("2026-03-15T04:05:06.250Z");
  const taken = new Set([
    snapshotKey("b/", "prod", new Date("2026-03-15T04:05:06Z"), "zstd", false),
    snapshotKey("b/", "prod", new Date("2026-03-15T04:05:07Z"), "zstd", false),
  ]);
  const slept: number[] = [];
  const { key, at } = await unusedKey(
    (d) => snapshotKey("b/", "prod", d, "zstd", false),
    (k) => Promise.resolve(taken.has(k)),
    () => new Date(clock),
    (ms) => {
      slept.push(ms);
      clock += ms;
      return Promise.resolve();
    },
  );
  assert.equal(key, "b/prod/prod-etcd-20260315T040508Z.db.zst");
  assert.equal(at.toISOString(), "2026-03-15T04:05:08.000Z");
  assert.deepEqual(slept, [750, 1000]);
  await assert.rejects(
    unusedKey(
      () => "always-taken",
      () => Promise.resolve(true),
      () => new Date(clock),
      () => Promise.resolve(),
      3,
    ),
    /every snapshot key for the last 3 seconds is taken/,
  );
});
