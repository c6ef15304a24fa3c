/**
 * The sidecar (`<key>.json`) read as untrusted input: whoever can write to
 * the bucket can write it. Every field is checked against a strict form
 * before anything uses it (a version that reaches a download URL, a key that
 * reaches an output), and with an encryption key the whole sidecar is
 * authenticated: an HMAC-SHA256 under a key derived from the encryption key
 * (HKDF), over its canonical JSON, which names the object and the run. A
 * sidecar edited, or moved next to another object, no longer verifies.
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { COMPRESSIONS } from "./compression.ts";
import { ENCRYPTION_SCHEME } from "./encryption.ts";
import type { ParsedKey, SnapshotMetadata } from "./keys.ts";

/** The HKDF info of the sidecar MAC key; changing it orphans every stored MAC. */
export const SIDECAR_MAC_INFO = "kubekeep sidecar mac v1";

/** An etcd version as etcd reports it (`3.6.16`, `3.6.0-rc.1`), with an optional `v`. */
export const ETCD_VERSION_RE =
  /^v?\d{1,3}\.\d{1,3}\.\d{1,3}(?:-[0-9A-Za-z]{1,20}(?:\.[0-9A-Za-z]{1,20}){0,3})?$/;

/** A sidecar that is not what kubekeep writes; `problem` says what is wrong, safe to print. */
export class SidecarProblem {
  readonly problem: string;
  constructor(problem: string) {
    this.problem = problem;
  }
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?Z$/;
const ID_RE = /^[0-9a-fA-F]{1,20}$|^\d{1,20}$/;
const ETAG_RE = /^"?[0-9A-Za-z+/=_-]{1,100}"?$/;

function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

function isDate(v: unknown): v is string {
  return typeof v === "string" && ISO_RE.test(v) && !Number.isNaN(new Date(v).getTime());
}

/**
 * Checks a sidecar read from the bucket against the object it sits next to.
 * Returns it typed when every field has its form and it names that object
 * (key, run id, time, cluster, compression, encryption); else a SidecarProblem.
 */
export function checkSidecar(raw: unknown, parsed: ParsedKey): SnapshotMetadata | SidecarProblem {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return new SidecarProblem("its metadata is not a JSON object");
  const m = raw as Record<string, unknown>;
  const bad = (field: string, expected: string) =>
    new SidecarProblem(`its metadata field '${field}' is not ${expected}`);
  if (m.formatVersion !== 1 && m.formatVersion !== 2) return bad("formatVersion", "1 or 2");
  if (m.key !== parsed.key) return new SidecarProblem("its metadata describes another object (key differs)");
  if (m.cluster !== parsed.cluster) return bad("cluster", "the cluster of its key");
  if (m.runId !== undefined && (typeof m.runId !== "string" || !/^[0-9a-f]{10}$/.test(m.runId)))
    return bad("runId", "10 hex digits");
  if (parsed.runId && m.runId !== undefined && m.runId !== parsed.runId)
    return new SidecarProblem("its metadata names another run than its key");
  if (m.formatVersion === 2 && m.runId !== parsed.runId) return bad("runId", "the run id of its key");
  if (!isDate(m.createdAt)) return bad("createdAt", "an ISO 8601 UTC time");
  // New keys carry the run's start to the millisecond, old ones to the second.
  const created = new Date(m.createdAt).getTime();
  if (Math.abs(created - parsed.time.getTime()) >= (parsed.runId ? 1 : 1000))
    return new SidecarProblem("its metadata records another time than its key");
  if (typeof m.etcdVersion !== "string" || !ETCD_VERSION_RE.test(m.etcdVersion))
    return bad("etcdVersion", "an etcd version such as 3.6.16");
  if (typeof m.storageVersion !== "string" || !/^(?:\d{1,3}\.\d{1,3}(?:\.\d{1,3})?)?$/.test(m.storageVersion))
    return bad("storageVersion", "a version such as 3.6.0");
  if (typeof m.clusterId !== "string" || !ID_RE.test(m.clusterId)) return bad("clusterId", "an etcd id");
  if (typeof m.memberId !== "string" || !ID_RE.test(m.memberId)) return bad("memberId", "an etcd id");
  if (!isCount(m.revision)) return bad("revision", "a non-negative integer");
  if (m.etag !== undefined && (typeof m.etag !== "string" || !ETAG_RE.test(m.etag)))
    return bad("etag", "an S3 ETag");
  if (
    m.keyFingerprint !== undefined &&
    (typeof m.keyFingerprint !== "string" || !/^[0-9a-f]{16}$/.test(m.keyFingerprint))
  )
    return bad("keyFingerprint", "16 hex digits");
  if (!isCount(m.dbSize)) return bad("dbSize", "a non-negative integer");
  if (typeof m.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(m.sha256)) return bad("sha256", "64 hex digits");
  if (!isCount(m.objectSize)) return bad("objectSize", "a non-negative integer");
  if (m.compression !== parsed.compression) return bad("compression", "the compression of its key");
  if (!COMPRESSIONS.includes(m.compression as never)) return bad("compression", "zstd, gzip or none");
  if (m.encryption !== (parsed.encrypted ? ENCRYPTION_SCHEME : "none"))
    return bad("encryption", parsed.encrypted ? ENCRYPTION_SCHEME : "none");
  if (typeof m.verified !== "boolean") return bad("verified", "true or false");
  if (m.verifiedAt !== undefined && !isDate(m.verifiedAt)) return bad("verifiedAt", "an ISO 8601 UTC time");
  if (m.hashKV !== undefined) {
    const h = m.hashKV as Record<string, unknown> | null;
    if (
      typeof h !== "object" ||
      h === null ||
      !isCount(h.revision) ||
      !isCount(h.hash) ||
      !isCount(h.compactRevision)
    )
      return bad("hashKV", "{revision, hash, compactRevision} of non-negative integers");
  }
  if (m.mac !== undefined && (typeof m.mac !== "string" || !/^[0-9a-f]{64}$/.test(m.mac)))
    return bad("mac", "64 hex digits");
  return m as unknown as SnapshotMetadata;
}

/** JSON with object keys sorted at every level: the bytes the MAC covers. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function macKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", encryptionKey, Buffer.alloc(0), SIDECAR_MAC_INFO, 32));
}

function macOf(encryptionKey: Buffer, meta: SnapshotMetadata): Buffer {
  const { mac: _mac, ...rest } = meta;
  return createHmac("sha256", macKey(encryptionKey)).update(canonicalJson(rest)).digest();
}

/** The sidecar with its MAC (format version 2): what a run holding the key writes. */
export function signSidecar(encryptionKey: Buffer, meta: SnapshotMetadata): SnapshotMetadata {
  const unsigned: SnapshotMetadata = { ...meta, formatVersion: 2 };
  delete unsigned.mac;
  return { ...unsigned, mac: macOf(encryptionKey, unsigned).toString("hex") };
}

/** True when the sidecar carries a MAC that verifies under this key. */
export function sidecarAuthentic(encryptionKey: Buffer, meta: SnapshotMetadata): boolean {
  if (meta.formatVersion !== 2 || !meta.mac) return false;
  const given = Buffer.from(meta.mac, "hex");
  const expected = macOf(encryptionKey, meta);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A key for a log line or a report: characters outside the safe set are
 * shown as `?` and the length is bounded, so a hostile key can neither start
 * a workflow command, break a table, nor flood the log.
 */
export function printableKey(key: string): string {
  const shown = key.replace(/[^A-Za-z0-9._/-]/g, "?");
  return shown.length > 200 ? `${shown.slice(0, 200)}...` : shown;
}
