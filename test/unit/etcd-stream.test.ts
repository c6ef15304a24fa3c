import assert from "node:assert/strict";
import { createCipheriv, createHash, randomBytes } from "node:crypto";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { test } from "node:test";
import { checkBolt } from "../../src/etcd/bolt.ts";
import { decodeSnapshot, decodeStatus, encodeVarint } from "../../src/etcd/proto.ts";
import { SnapshotReader, TrailerVerifier } from "../../src/etcd/snapshot-stream.ts";
import { compressor, decompressor } from "../../src/storage/compression.ts";
import {
  DecryptionError,
  DecryptStream,
  EncryptStream,
  keyFingerprint,
  parseKey,
  ENCRYPTION_SCHEME,
  UnboundObjectError,
  WrongKeyError,
} from "../../src/storage/encryption.ts";
import { RevisionScanner } from "../../src/etcd/revision-scan.ts";
import {
  newestFirst,
  newRunId,
  parseSnapshotKey,
  snapshotKey,
  type SnapshotMetadata,
} from "../../src/storage/keys.ts";
import {
  checkSidecar,
  printableKey,
  SidecarProblem,
  sidecarAuthentic,
  signSidecar,
} from "../../src/storage/sidecar.ts";

/** The name an object's encryption is bound to, in these tests. */
const NAME = "c-etcd-20260315T040506.789Z-3f9a0c1d2e.db.zst.enc";

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
    await pipeline(
      Readable.from([plain]),
      compressor("zstd") as Writable,
      new EncryptStream(key, NAME),
      enc.sink,
    );
    const dec = collect();
    await pipeline(
      Readable.from([enc.data()]),
      new DecryptStream(key, { name: NAME }),
      decompressor("zstd") as Writable,
      dec.sink,
    );
    assert.deepEqual(dec.data(), plain, `size ${size}`);
  }
  const plain = randomBytes(200_000);
  const enc = collect();
  await pipeline(Readable.from([plain]), new EncryptStream(key, NAME), enc.sink);
  const sealed = enc.data();
  const flipped = Buffer.from(sealed);
  flipped[100] = (flipped[100] as number) ^ 1;
  await assert.rejects(
    pipeline(Readable.from([flipped]), new DecryptStream(key, { name: NAME }), collect().sink),
    /chunk 0/,
  );
  // Cut at a chunk boundary: every remaining chunk is intact, but the last one was not sealed as last.
  const cut = sealed.subarray(0, 26 + 2 * (65_536 + 16));
  await assert.rejects(
    pipeline(Readable.from([cut]), new DecryptStream(key, { name: NAME }), collect().sink),
    /the last one/,
  );
  // A wrong key is told from damage before any chunk is opened.
  const other = randomBytes(32);
  await assert.rejects(
    pipeline(Readable.from([sealed]), new DecryptStream(other, { name: NAME }), collect().sink),
    (err: Error) =>
      err instanceof WrongKeyError &&
      err.message.includes(
        `encryption key does not match the one the snapshot was written with (fingerprint ${keyFingerprint(key).toString("hex")}`,
      ) &&
      !err.message.includes(key.toString("hex")),
  );
  // Damage with the right key says so, and never blames the key.
  await assert.rejects(
    pipeline(Readable.from([flipped]), new DecryptStream(key, { name: NAME }), collect().sink),
    (err: Error) =>
      err instanceof DecryptionError &&
      !(err instanceof WrongKeyError) &&
      /truncated or altered, or copied here from another name/.test(err.message),
  );
  // A damaged fingerprint, when the sidecar vouches for the key, is damage too.
  const badPrint = Buffer.from(sealed);
  badPrint[20] = (badPrint[20] as number) ^ 1;
  await assert.rejects(
    pipeline(
      Readable.from([badPrint]),
      new DecryptStream(key, { name: NAME, keyKnownRight: true }),
      collect().sink,
    ),
    (err: Error) => !(err instanceof WrongKeyError) && /header is damaged/.test(err.message),
  );
});

test("version 3 binds the object's name: a copy under another name fails; versions 1-2 need allowUnbound", async () => {
  const key = randomBytes(32);
  const plain = randomBytes(70_000);
  const enc = collect();
  await pipeline(Readable.from([plain]), new EncryptStream(key, NAME), enc.sink);
  await assert.rejects(
    pipeline(
      Readable.from([enc.data()]),
      new DecryptStream(key, { name: "c-etcd-20990101T000000.000Z-0123456789.db.enc" }),
      collect().sink,
    ),
    /decryption failed at chunk 0: the object was truncated or altered, or copied here from another name/,
  );
  // A version-2 header (same bytes, older version) is refused unless allowed.
  const v2 = Buffer.from(enc.data());
  v2[6] = 2;
  await assert.rejects(
    pipeline(Readable.from([v2]), new DecryptStream(key, { name: NAME }), collect().sink),
    (err: Error) =>
      err instanceof UnboundObjectError && /older format \(encryption version 2\)/.test(err.message),
  );
});

test("objects of the first encryption format (no key fingerprint) still decrypt", async () => {
  // Version 1 as older kubekeep wrote it: 18-byte header, same chunks.
  const key = randomBytes(32);
  const plain = randomBytes(150_000);
  const prefix = randomBytes(7);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(65_536);
  const header = Buffer.concat([Buffer.from("KKENC1"), Buffer.from([1]), size, prefix]);
  const parts = [header];
  for (let i = 0, off = 0; off < plain.length || i === 0; i++, off += 65_536) {
    const last = off + 65_536 >= plain.length;
    const nonce = Buffer.alloc(12);
    prefix.copy(nonce);
    nonce.writeUInt32BE(i, 7);
    nonce[11] = last ? 1 : 0;
    const c = createCipheriv("aes-256-gcm", key, nonce);
    c.setAAD(header);
    parts.push(c.update(plain.subarray(off, off + 65_536)), c.final(), c.getAuthTag());
    if (last) break;
  }
  const dec = collect();
  await pipeline(
    Readable.from([Buffer.concat(parts)]),
    new DecryptStream(key, { name: NAME, allowUnbound: true }),
    dec.sink,
  );
  assert.deepEqual(dec.data(), plain);
  await assert.rejects(
    pipeline(
      Readable.from([Buffer.concat(parts)]),
      new DecryptStream(randomBytes(32), { name: NAME, allowUnbound: true }),
      collect().sink,
    ),
    /wrong encryption key, or the object was truncated or altered \(it predates key fingerprints\)/,
  );
});

test("the revision scanner follows the bolt tree to the newest mvcc revision and the finished compaction", () => {
  const pageSize = 4096;
  const fnv64a = (b: Buffer) => {
    let h = 0xcbf29ce484222325n;
    for (const x of b) h = ((h ^ BigInt(x)) * 0x100000001b3n) & 0xffffffffffffffffn;
    return h;
  };
  const meta = (id: number, root: number, pages: number, txid: number) => {
    const page = Buffer.alloc(pageSize);
    page.writeBigUInt64LE(BigInt(id), 0);
    page.writeUInt16LE(0x04, 8);
    page.writeUInt32LE(0xed0cdaed, 16);
    page.writeUInt32LE(2, 20);
    page.writeUInt32LE(pageSize, 24);
    page.writeBigUInt64LE(BigInt(root), 32);
    page.writeBigUInt64LE(0xffffffffffffffffn, 48);
    page.writeBigUInt64LE(BigInt(pages), 56);
    page.writeBigUInt64LE(BigInt(txid), 64);
    page.writeBigUInt64LE(fnv64a(page.subarray(16, 72)), 72);
    return page;
  };
  const rev = (main: number, tomb = false) => {
    const k = Buffer.alloc(tomb ? 18 : 17);
    k.writeBigUInt64BE(BigInt(main), 0);
    k[8] = 0x5f;
    if (tomb) k[17] = 0x74;
    return k;
  };
  type Pair = [Buffer, Buffer, number?];
  const leaf = (id: number, pairs: Pair[], overflow = 0) => {
    const page = Buffer.alloc(pageSize * (overflow + 1));
    page.writeBigUInt64LE(BigInt(id), 0);
    page.writeUInt16LE(0x02, 8);
    page.writeUInt16LE(pairs.length, 10);
    page.writeUInt32LE(overflow, 12);
    let data = 16 + pairs.length * 16;
    pairs.forEach(([k, v, flags], i) => {
      const el = 16 + i * 16;
      page.writeUInt32LE(flags ?? 0, el);
      page.writeUInt32LE(data - el, el + 4);
      page.writeUInt32LE(k.length, el + 8);
      page.writeUInt32LE(v.length, el + 12);
      k.copy(page, data);
      v.copy(page, data + k.length);
      data += k.length + v.length;
    });
    return page;
  };
  const branch = (id: number, children: number[]) => {
    const page = Buffer.alloc(pageSize);
    page.writeBigUInt64LE(BigInt(id), 0);
    page.writeUInt16LE(0x01, 8);
    page.writeUInt16LE(children.length, 10);
    children.forEach((c, i) => {
      const el = 16 + i * 16;
      page.writeUInt32LE(children.length * 16 - i * 16, el);
      page.writeUInt32LE(1, el + 4);
      page.writeBigUInt64LE(BigInt(c), el + 8);
    });
    return page;
  };
  const bucket = (name: string, root: number, inline?: Buffer): Pair => {
    const header = Buffer.alloc(16);
    header.writeBigUInt64LE(BigInt(root), 0);
    return [Buffer.from(name), inline ? Buffer.concat([header, inline]) : header, 0x01];
  };
  const feed = (db: Buffer) => {
    const s = new RevisionScanner();
    // Fed in odd slices, as the stream delivers them.
    for (let off = 0; off < db.length; off += 1000) s.add(db.subarray(off, off + 1000));
    return s;
  };
  const pages = [
    // Meta page 1 is older; the newest valid one names the root.
    meta(0, 2, 12, 9),
    meta(1, 3, 12, 8),
    leaf(2, [bucket("key", 4), bucket("lease", 11), bucket("meta", 10)]),
    leaf(3, [bucket("key", 11)]),
    branch(4, [5, 6, 9]),
    leaf(5, [
      [rev(5), Buffer.from("kv")],
      [rev(7, true), Buffer.from("kv")],
    ]),
    // A leaf whose second key lies past its first page, behind a large value.
    leaf(
      6,
      [
        [rev(9), Buffer.alloc(6000, 1)],
        [rev(11), Buffer.from("kv")],
      ],
      2,
    ),
    // Keys that are not revisions (names of 17 bytes with '_' at 8) do not count.
    leaf(9, [[Buffer.from("kubernet_12345678"), Buffer.from("x")]]),
    leaf(10, [[Buffer.from("finishedCompactRev"), rev(6)]]),
    // A free page a later write reused: newer revisions, in no tree.
    leaf(11, [[rev(99), Buffer.from("kv")]]),
  ];
  const db = Buffer.concat(pages);
  const scanner = feed(db);
  assert.equal(scanner.keyRevision, 11);
  assert.equal(scanner.compactRevision, 6);
  assert.equal(scanner.revision, 11);
  // A damaged newest meta page does not count: the older one (root 3) leads to page 11.
  const damaged = Buffer.from(db);
  damaged.writeUInt8(damaged.readUInt8(72) ^ 1, 72);
  assert.equal(feed(damaged).revision, 99);
  // A page the tree names that the file lacks: unknown, not a guess.
  assert.equal(feed(db.subarray(0, 6 * pageSize)).revision, 0);
  // A compaction newer than every key (the last ones were deleted and compacted away) wins;
  // small buckets live inline in their parent's leaf (etcd's meta bucket usually does).
  const inlinePage = leaf(0, [[Buffer.from("finishedCompactRev"), rev(12)]]).subarray(0, 200);
  const inline = feed(
    Buffer.concat([
      meta(0, 2, 4, 3),
      meta(1, 2, 4, 2),
      leaf(2, [bucket("key", 3), bucket("meta", 0, inlinePage)]),
      leaf(3, [[rev(10), Buffer.from("kv")]]),
    ]),
  );
  assert.equal(inline.compactRevision, 12);
  assert.equal(inline.revision, 12);
  // Not a bolt file: nothing is claimed.
  const none = new RevisionScanner();
  none.add(randomBytes(3 * pageSize));
  assert.equal(none.revision, 0);
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

test("snapshot keys round-trip, carry a run id and sort by time; old keys still parse", () => {
  const k = snapshotKey(
    "backups/",
    "prod-eu",
    new Date("2026-03-15T04:05:06.789Z"),
    "0a1b2c3d4e",
    "zstd",
    true,
  );
  assert.equal(k, "backups/prod-eu/prod-eu-etcd-20260315T040506.789Z-0a1b2c3d4e.db.zst.enc");
  const p = parseSnapshotKey(k);
  assert.equal(p?.cluster, "prod-eu");
  assert.equal(p?.time.toISOString(), "2026-03-15T04:05:06.789Z");
  assert.equal(p?.runId, "0a1b2c3d4e");
  assert.equal(p?.compression, "zstd");
  assert.equal(p?.encrypted, true);
  assert.equal(parseSnapshotKey(k + ".json"), undefined);
  assert.equal(parseSnapshotKey("backups/prod-eu/notes.txt"), undefined);
  // Keys of older versions: one per second, no run id.
  const old = parseSnapshotKey("backups/prod-eu/prod-eu-etcd-20260315T040506Z.db.gz");
  assert.equal(old?.time.toISOString(), "2026-03-15T04:05:06.000Z");
  assert.equal(old?.runId, "");
  assert.equal(old?.compression, "gzip");
  // Half of the new form is not a key.
  assert.equal(parseSnapshotKey("b/p/p-etcd-20260315T040506.789Z.db"), undefined);
  // Two runs of the same millisecond: distinct keys, and a total order.
  const at = new Date("2026-03-15T04:05:06.789Z");
  const a = snapshotKey("b/", "p", at, newRunId(), "none", false);
  const b = snapshotKey("b/", "p", at, newRunId(), "none", false);
  assert.notEqual(a, b);
  const parsed = [a, b].map((x) => parseSnapshotKey(x) as NonNullable<ReturnType<typeof parseSnapshotKey>>);
  assert.deepEqual([...parsed].sort(newestFirst), [...parsed].reverse().sort(newestFirst));
  // Lexical order is time order for new keys.
  const later = snapshotKey("b/", "p", new Date("2026-03-15T04:05:07.001Z"), "0000000000", "none", false);
  assert.ok(later > a && later > b);
});

test("a stored key is a snapshot only directly in its cluster's folder, whole, and in safe characters", () => {
  const where = { prefix: "etcd/", cluster: "c" };
  const good = "etcd/c/c-etcd-20260315T040506.789Z-0a1b2c3d4e.db.zst.enc";
  assert.equal(parseSnapshotKey(good, where)?.runId, "0a1b2c3d4e");
  for (const bad of [
    // Nested under the cluster's folder: never one of its snapshots.
    "etcd/c/x/c-etcd-20990101T000000.000Z-0a1b2c3d4e.db",
    // Another folder, another cluster.
    "etcd/d/c-etcd-20260315T040506.789Z-0a1b2c3d4e.db",
    "etcd/c/d-etcd-20260315T040506.789Z-0a1b2c3d4e.db",
    // The pattern matched only at the end of the name.
    "etcd/c/$(id)c-etcd-20260315T040506.789Z-0a1b2c3d4e.db",
    "etcd/c/a;b-etcd-20260315T040506.789Z-0a1b2c3d4e.db",
    "etcd/c/c-etcd-20260315T040506.789Z-0a1b2c3d4e.db\n",
    // Not an instant.
    "etcd/c/c-etcd-20260230T040506.789Z-0a1b2c3d4e.db",
  ])
    assert.equal(parseSnapshotKey(bad, where), undefined, bad);
  // Without a folder given, the last segment is still matched whole, in safe characters.
  assert.equal(parseSnapshotKey("etcd/c/x`y-etcd-20260315T040506.789Z-0a1b2c3d4e.db"), undefined);
});

test("a sidecar is checked field by field against its object, and authenticated with a key", () => {
  const k = "etcd/c/c-etcd-20260315T040506.789Z-0a1b2c3d4e.db.zst.enc";
  const parsed = parseSnapshotKey(k) as NonNullable<ReturnType<typeof parseSnapshotKey>>;
  const meta: SnapshotMetadata = {
    formatVersion: 1,
    key: k,
    runId: "0a1b2c3d4e",
    cluster: "c",
    createdAt: "2026-03-15T04:05:06.789Z",
    etcdVersion: "3.6.16",
    storageVersion: "3.6.0",
    clusterId: "fedcba9876543210",
    memberId: "123456789",
    revision: 42,
    dbSize: 1,
    sha256: "0".repeat(64),
    objectSize: 1,
    compression: "zstd",
    encryption: ENCRYPTION_SCHEME,
    verified: false,
  };
  assert.deepEqual(checkSidecar(meta, parsed), meta);
  const problem = (m: Record<string, unknown>) => {
    const r = checkSidecar(m, parsed);
    return r instanceof SidecarProblem ? r.problem : "";
  };
  assert.match(
    problem({ ...meta, etcdVersion: "3.6.16/../../../evil/v3.6.16" }),
    /'etcdVersion' is not an etcd version/,
  );
  assert.match(
    problem({ ...meta, key: "etcd/c/c-etcd-20250101T000000.000Z-0a1b2c3d4e.db.zst.enc" }),
    /another object/,
  );
  assert.match(problem({ ...meta, runId: "ffffffffff" }), /another run/);
  assert.match(problem({ ...meta, createdAt: "2025-01-01T00:00:00.000Z" }), /another time/);
  assert.match(problem({ ...meta, revision: -1 }), /'revision'/);
  assert.match(problem({ ...meta, encryption: "none" }), /'encryption'/);
  const key = randomBytes(32);
  const signed = signSidecar(key, meta);
  assert.equal(signed.formatVersion, 2);
  assert.ok(sidecarAuthentic(key, signed));
  assert.ok(!sidecarAuthentic(randomBytes(32), signed));
  assert.ok(!sidecarAuthentic(key, { ...signed, verified: true }));
  assert.ok(!sidecarAuthentic(key, meta), "a format-1 sidecar is not authenticated");
  assert.equal(printableKey("etcd/c/$(id)\n.db"), "etcd/c/??id??.db");
});
