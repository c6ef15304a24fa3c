/**
 * Client-side encryption of a stream with AES-256-GCM in fixed-size chunks,
 * after the STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015;
 * the framing age and Tink's streaming AEAD use): each 64 KiB chunk is sealed
 * on its own with a nonce made of a random per-stream prefix, the chunk's
 * counter and a "last chunk" flag. Decryption therefore authenticates every
 * chunk before releasing its plaintext, and a truncated, reordered or spliced
 * stream fails. One GCM tag over a whole multi-GiB snapshot could only be
 * checked at the end, after the plaintext had already been written out.
 *
 * Layout (docs/snapshot-format.md has every byte): "KKENC1" magic, 1 byte
 * version, 4 bytes chunk size (BE), 7 bytes nonce prefix, and from version 2
 * an 8-byte key fingerprint; then chunks of (ciphertext, 16-byte tag). The
 * header is bound to every chunk as additional data, and from version 3 so is
 * the object's name (which holds the cluster, the time and the run id): an
 * object copied under another name no longer decrypts, so an old snapshot
 * cannot pass for a newer one. The fingerprint lets a reader tell "this is
 * not the key the object was written with" from "the object is damaged"
 * before decrypting anything: without it both fail the first tag.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { OperationalError } from "../core/errors.ts";

const MAGIC = Buffer.from("KKENC1", "ascii");
const HEADER_V1 = MAGIC.length + 1 + 4 + 7;
const FINGERPRINT_SIZE = 8;
const HEADER_V2 = HEADER_V1 + FINGERPRINT_SIZE;
const TAG = 16;
export const DEFAULT_CHUNK = 64 * 1024;
const MAX_CHUNK = 16 * 1024 * 1024;
export const ENCRYPTION_SCHEME = "aes-256-gcm-stream-64k";
/** The HMAC message of the key fingerprint; changing it orphans every stored fingerprint. */
export const FINGERPRINT_LABEL = "kubekeep encryption key fingerprint v1";

/** The object cannot be decrypted: damaged, truncated or not kubekeep's. */
export class DecryptionError extends OperationalError {
  override name = "DecryptionError";
}

/**
 * The object was written in a format whose encryption does not bind its name
 * (versions 1 and 2), and the reader did not allow such objects.
 */
export class UnboundObjectError extends DecryptionError {
  override name = "UnboundObjectError";
}

/** The key given is not the one the object was written with (their fingerprints differ). */
export class WrongKeyError extends DecryptionError {
  override name = "WrongKeyError";
}

/**
 * A key's fingerprint: HMAC-SHA256 under the key of a fixed label, first 8
 * bytes. It identifies the key without revealing anything about it (HMAC is a
 * PRF), so it can sit in the object's header and the sidecar, and be printed.
 */
export function keyFingerprint(key: Buffer): Buffer {
  return createHmac("sha256", key).update(FINGERPRINT_LABEL).digest().subarray(0, FINGERPRINT_SIZE);
}

export function wrongKeyMessage(stored: string, given: string): string {
  return `encryption key does not match the one the snapshot was written with (fingerprint ${stored}; the key given has ${given}); give the key it was written with`;
}

/**
 * The additional data of every chunk: the header, then (version 3) the
 * object's name as a 2-byte length and its UTF-8 bytes.
 */
function additionalData(header: Buffer, name: string | undefined): Buffer {
  if (name === undefined) return header;
  const bytes = Buffer.from(name, "utf8");
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([header, length, bytes]);
}

/** The name an object's encryption is bound to: its key after the last `/`. */
export function boundName(key: string): string {
  return key.slice(key.lastIndexOf("/") + 1);
}

function nonce(prefix: Buffer, counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(counter, 7);
  n[11] = last ? 1 : 0;
  return n;
}

export class EncryptStream extends Transform {
  private readonly key: Buffer;
  private readonly header: Buffer;
  private readonly aad: Buffer;
  private readonly prefix: Buffer;
  private readonly chunkSize: number;
  private pending: Buffer[] = [];
  private pendingLength = 0;
  private counter = 0;

  /** `name`: the object's name (boundName of its key), bound to every chunk. */
  constructor(key: Buffer, name: string, chunkSize = DEFAULT_CHUNK) {
    super();
    if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
    this.key = key;
    this.chunkSize = chunkSize;
    this.prefix = randomBytes(7);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(chunkSize);
    this.header = Buffer.concat([MAGIC, Buffer.from([3]), size, this.prefix, keyFingerprint(key)]);
    this.aad = additionalData(this.header, name);
  }

  private seal(plain: Buffer, last: boolean): Buffer {
    const c = createCipheriv("aes-256-gcm", this.key, nonce(this.prefix, this.counter++, last));
    c.setAAD(this.aad);
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([body, c.getAuthTag()]);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.counter === 0 && this.pendingLength === 0 && this.pending.length === 0) this.push(this.header);
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    // Keep at least one byte back so the last chunk is always sealed as last.
    if (this.pendingLength > this.chunkSize) {
      let data = Buffer.concat(this.pending);
      while (data.length > this.chunkSize) {
        this.push(this.seal(data.subarray(0, this.chunkSize), false));
        data = data.subarray(this.chunkSize);
      }
      this.pending = [data];
      this.pendingLength = data.length;
    }
    cb();
  }

  override _flush(cb: TransformCallback): void {
    if (this.counter === 0 && this.pendingLength === 0) this.push(this.header);
    this.push(this.seal(Buffer.concat(this.pending), true));
    cb();
  }
}

export interface DecryptOptions {
  /** The object's name (boundName of its key): a version-3 object decrypts only under it. */
  name: string;
  /**
   * The sidecar already says this key wrote the object, so a header
   * fingerprint that differs is damage, not a wrong key.
   */
  keyKnownRight?: boolean;
  /** Also read versions 1 and 2, whose encryption does not bind the name (then `bound` is false). */
  allowUnbound?: boolean;
}

export class DecryptStream extends Transform {
  private readonly key: Buffer;
  private header: Buffer | undefined;
  private aad: Buffer | undefined;
  private prefix = Buffer.alloc(0);
  private frame = 0;
  private buffered: Buffer = Buffer.alloc(0);
  private counter = 0;
  private fingerprinted = false;
  private readonly options: DecryptOptions;
  /** Once the header is read: whether the object's encryption binds its name (version 3). */
  bound: boolean | undefined;

  constructor(key: Buffer, options: DecryptOptions) {
    super();
    this.key = key;
    this.options = options;
  }

  private open(sealed: Buffer, last: boolean): Buffer {
    const d = createDecipheriv("aes-256-gcm", this.key, nonce(this.prefix, this.counter, last));
    d.setAAD(this.aad as Buffer);
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    try {
      const out = Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
      this.counter++;
      return out;
    } catch {
      // With a fingerprint in the header the key is known to be right here.
      const cause = !this.fingerprinted
        ? "wrong encryption key, or the object was truncated or altered (it predates key fingerprints)"
        : this.bound
          ? "the object was truncated or altered, or copied here from another name (its encryption is bound to the name it was written under)"
          : "the object was truncated or altered";
      throw new DecryptionError(
        `decryption failed at chunk ${this.counter}${last ? " (the last one)" : ""}: ${cause}`,
      );
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      let data = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      if (!this.header) {
        if (data.length < HEADER_V1) {
          this.buffered = data;
          return cb();
        }
        const version = data[MAGIC.length];
        if (
          !data.subarray(0, MAGIC.length).equals(MAGIC) ||
          (version !== 1 && version !== 2 && version !== 3)
        ) {
          throw new DecryptionError(
            "not a kubekeep-encrypted object (bad header): the object is damaged, or was not written encrypted",
          );
        }
        const size = version === 1 ? HEADER_V1 : HEADER_V2;
        if (data.length < size) {
          this.buffered = data;
          return cb();
        }
        const header = data.subarray(0, size);
        this.bound = version === 3;
        if (!this.bound && !this.options.allowUnbound)
          throw new UnboundObjectError(
            `written in an older format (encryption version ${version}) whose encryption does not bind the object's name, so it could be an older snapshot copied under this name; name it with the key input, or set allow-unauthenticated-snapshots, to read it anyway`,
          );
        if (version !== 1) {
          const stored = header.subarray(HEADER_V1);
          const mine = keyFingerprint(this.key);
          if (!stored.equals(mine)) {
            if (this.options.keyKnownRight)
              throw new DecryptionError("the encryption header is damaged (its key fingerprint was altered)");
            throw new WrongKeyError(wrongKeyMessage(stored.toString("hex"), mine.toString("hex")));
          }
          this.fingerprinted = true;
        }
        this.header = Buffer.from(header);
        this.aad = additionalData(this.header, this.bound ? this.options.name : undefined);
        const chunkSize = header.readUInt32BE(MAGIC.length + 1);
        // Bounded, so a damaged header cannot make this buffer the whole object.
        if (chunkSize < 1 || chunkSize > MAX_CHUNK)
          throw new DecryptionError(`the encryption header is damaged (chunk size ${chunkSize})`);
        this.frame = chunkSize + TAG;
        this.prefix = Buffer.from(header.subarray(MAGIC.length + 5, HEADER_V1));
        data = data.subarray(size);
      }
      while (data.length > this.frame) {
        this.push(this.open(data.subarray(0, this.frame), false));
        data = data.subarray(this.frame);
      }
      this.buffered = Buffer.from(data);
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      if (!this.header || this.buffered.length < TAG) {
        throw new DecryptionError("encrypted object is truncated (no final chunk)");
      }
      this.push(this.open(this.buffered, true));
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }
}

/** Parses a 32-byte key given as 64 hex digits or base64. */
export function parseKey(text: string): Buffer | undefined {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(t)) {
    const b = Buffer.from(t, t.includes("-") || t.includes("_") ? "base64url" : "base64");
    if (b.length === 32) return b;
  }
  return undefined;
}
