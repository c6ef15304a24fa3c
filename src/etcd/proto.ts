/**
 * The few protobuf messages of etcd that kubekeep uses (Maintenance: Status,
 * HashKV, Snapshot; KV: Range, keys only; see etcd's api/etcdserverpb/rpc.proto),
 * with a hand-written varint / length-delimited codec instead of a generated
 * one or a runtime .proto loader: a few small messages do not justify either.
 */

/** One decoded field: varints as bigint (uint64/int64 overflow a number), bytes as Buffer. */
type Field = { no: number; value: bigint | Buffer };

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = pos; i < buf.length; i++) {
    const b = buf[i] as number;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, i + 1];
    shift += 7n;
    if (shift > 63n) break;
  }
  throw new Error("protobuf: malformed varint");
}

export function encodeVarint(value: bigint): Buffer {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Buffer.from(out);
}

/** Decodes the top-level fields of a message; unknown wire types other than 0/1/2/5 are an error. */
export function decodeFields(buf: Buffer): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p] = readVarint(buf, pos);
    pos = p;
    const no = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (wire === 0) {
      const [v, q] = readVarint(buf, pos);
      fields.push({ no, value: v });
      pos = q;
    } else if (wire === 2) {
      const [len, q] = readVarint(buf, pos);
      const end = q + Number(len);
      if (end > buf.length) throw new Error("protobuf: truncated length-delimited field");
      fields.push({ no, value: buf.subarray(q, end) });
      pos = end;
    } else if (wire === 1) {
      fields.push({ no, value: buf.readBigUInt64LE(pos) });
      pos += 8;
    } else if (wire === 5) {
      fields.push({ no, value: BigInt(buf.readUInt32LE(pos)) });
      pos += 4;
    } else throw new Error(`protobuf: unsupported wire type ${wire}`);
  }
  return fields;
}

const num = (f: Field[], no: number): bigint => {
  const v = f.findLast((x) => x.no === no)?.value;
  return typeof v === "bigint" ? v : 0n;
};
const bytes = (f: Field[], no: number): Buffer | undefined => {
  const v = f.findLast((x) => x.no === no)?.value;
  return Buffer.isBuffer(v) ? v : undefined;
};
const str = (f: Field[], no: number): string => bytes(f, no)?.toString("utf8") ?? "";
const int64 = (f: Field[], no: number): number => Number(BigInt.asIntN(64, num(f, no)));

export interface ResponseHeader {
  /** Hex, as etcdctl prints it. */
  clusterId: string;
  memberId: string;
  revision: number;
  raftTerm: number;
}

function decodeHeader(buf: Buffer | undefined): ResponseHeader {
  const f = buf ? decodeFields(buf) : [];
  return {
    clusterId: num(f, 1).toString(16),
    memberId: num(f, 2).toString(16),
    revision: int64(f, 3),
    raftTerm: Number(num(f, 4)),
  };
}

export interface StatusResponse {
  header: ResponseHeader;
  version: string;
  dbSize: number;
  dbSizeInUse: number;
  leader: string;
  raftIndex: number;
  errors: string[];
  isLearner: boolean;
  storageVersion: string;
}

export function decodeStatus(buf: Buffer): StatusResponse {
  const f = decodeFields(buf);
  return {
    header: decodeHeader(bytes(f, 1)),
    version: str(f, 2),
    dbSize: int64(f, 3),
    leader: num(f, 4).toString(16),
    raftIndex: Number(num(f, 5)),
    errors: f
      .filter((x) => x.no === 8 && Buffer.isBuffer(x.value))
      .map((x) => (x.value as Buffer).toString()),
    dbSizeInUse: int64(f, 9),
    isLearner: num(f, 10) !== 0n,
    storageVersion: str(f, 11),
  };
}

export interface HashKVResponse {
  header: ResponseHeader;
  hash: number;
  compactRevision: number;
  hashRevision: number;
}

export function encodeHashKVRequest(revision: number): Buffer {
  if (revision === 0) return Buffer.alloc(0);
  return Buffer.concat([Buffer.from([0x08]), encodeVarint(BigInt(revision))]);
}

export function decodeHashKV(buf: Buffer): HashKVResponse {
  const f = decodeFields(buf);
  return {
    header: decodeHeader(bytes(f, 1)),
    hash: Number(num(f, 2)),
    compactRevision: int64(f, 3),
    hashRevision: int64(f, 4),
  };
}

export interface SnapshotResponse {
  remainingBytes: number;
  blob: Buffer;
  version: string;
}

export function decodeSnapshot(buf: Buffer): SnapshotResponse {
  const f = decodeFields(buf);
  return { remainingBytes: Number(num(f, 2)), blob: bytes(f, 3) ?? Buffer.alloc(0), version: str(f, 4) };
}

/** A field of a request: its number and a varint or bytes value. */
function field(no: number, value: bigint | Buffer): Buffer {
  if (Buffer.isBuffer(value))
    return Buffer.concat([encodeVarint(BigInt((no << 3) | 2)), encodeVarint(BigInt(value.length)), value]);
  return Buffer.concat([encodeVarint(BigInt(no << 3)), encodeVarint(value)]);
}

/** KV.Range of [key, rangeEnd), keys only (no values sent), at most `limit` keys. */
export function encodeRangeKeysRequest(key: Buffer, rangeEnd: Buffer, limit: number, revision = 0): Buffer {
  return Buffer.concat([
    field(1, key),
    field(2, rangeEnd),
    field(3, BigInt(limit)),
    ...(revision ? [field(4, BigInt(revision))] : []),
    // keys_only
    field(8, 1n),
  ]);
}

export interface RangeKeysResponse {
  header: ResponseHeader;
  keys: Buffer[];
  /** More keys in the range than `limit` returned. */
  more: boolean;
}

export function decodeRangeKeys(buf: Buffer): RangeKeysResponse {
  const f = decodeFields(buf);
  const keys = f
    .filter((x) => x.no === 2 && Buffer.isBuffer(x.value))
    .map((x) => bytes(decodeFields(x.value as Buffer), 1) ?? Buffer.alloc(0));
  return { header: decodeHeader(bytes(f, 1)), keys, more: num(f, 3) !== 0n };
}
