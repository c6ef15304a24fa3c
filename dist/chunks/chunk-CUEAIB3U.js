import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/storage/encryption.ts
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { Transform } from "node:stream";
var MAGIC = Buffer.from("KKENC1", "ascii");
var HEADER_V1 = MAGIC.length + 1 + 4 + 7;
var FINGERPRINT_SIZE = 8;
var HEADER_V2 = HEADER_V1 + FINGERPRINT_SIZE;
var TAG = 16;
var DEFAULT_CHUNK = 64 * 1024;
var MAX_CHUNK = 16 * 1024 * 1024;
var ENCRYPTION_SCHEME = "aes-256-gcm-stream-64k";
var FINGERPRINT_LABEL = "kubekeep encryption key fingerprint v1";
var DecryptionError = class extends OperationalError {
  name = "DecryptionError";
};
var WrongKeyError = class extends DecryptionError {
  name = "WrongKeyError";
};
function keyFingerprint(key) {
  return createHmac("sha256", key).update(FINGERPRINT_LABEL).digest().subarray(0, FINGERPRINT_SIZE);
}
function wrongKeyMessage(stored, given) {
  return `encryption key does not match the one the snapshot was written with (fingerprint ${stored}; the key given has ${given}); give the key it was written with`;
}
function nonce(prefix, counter, last) {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0);
  n.writeUInt32BE(counter, 7);
  n[11] = last ? 1 : 0;
  return n;
}
var EncryptStream = class extends Transform {
  key;
  header;
  prefix;
  chunkSize;
  pending = [];
  pendingLength = 0;
  counter = 0;
  constructor(key, chunkSize = DEFAULT_CHUNK) {
    super();
    if (key.length !== 32) throw new Error("AES-256-GCM needs a 32-byte key");
    this.key = key;
    this.chunkSize = chunkSize;
    this.prefix = randomBytes(7);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(chunkSize);
    this.header = Buffer.concat([MAGIC, Buffer.from([2]), size, this.prefix, keyFingerprint(key)]);
  }
  seal(plain, last) {
    const c = createCipheriv("aes-256-gcm", this.key, nonce(this.prefix, this.counter++, last));
    c.setAAD(this.header);
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([body, c.getAuthTag()]);
  }
  _transform(chunk, _enc, cb) {
    if (this.counter === 0 && this.pendingLength === 0 && this.pending.length === 0) this.push(this.header);
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
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
  _flush(cb) {
    if (this.counter === 0 && this.pendingLength === 0) this.push(this.header);
    this.push(this.seal(Buffer.concat(this.pending), true));
    cb();
  }
};
var DecryptStream = class extends Transform {
  key;
  header;
  prefix = Buffer.alloc(0);
  frame = 0;
  buffered = Buffer.alloc(0);
  counter = 0;
  fingerprinted = false;
  keyKnownRight;
  /**
   * `keyKnownRight`: the sidecar already says this key wrote the object, so a
   * header fingerprint that differs is damage, not a wrong key.
   */
  constructor(key, keyKnownRight = false) {
    super();
    this.key = key;
    this.keyKnownRight = keyKnownRight;
  }
  open(sealed, last) {
    const d = createDecipheriv("aes-256-gcm", this.key, nonce(this.prefix, this.counter, last));
    d.setAAD(this.header);
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    try {
      const out = Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
      this.counter++;
      return out;
    } catch {
      const cause = this.fingerprinted ? "the object was truncated or altered" : "wrong encryption key, or the object was truncated or altered (it predates key fingerprints)";
      throw new DecryptionError(
        `decryption failed at chunk ${this.counter}${last ? " (the last one)" : ""}: ${cause}`
      );
    }
  }
  _transform(chunk, _enc, cb) {
    try {
      let data = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      if (!this.header) {
        if (data.length < HEADER_V1) {
          this.buffered = data;
          return cb();
        }
        const version = data[MAGIC.length];
        if (!data.subarray(0, MAGIC.length).equals(MAGIC) || version !== 1 && version !== 2) {
          throw new DecryptionError(
            "not a kubekeep-encrypted object (bad header): the object is damaged, or was not written encrypted"
          );
        }
        const size = version === 1 ? HEADER_V1 : HEADER_V2;
        if (data.length < size) {
          this.buffered = data;
          return cb();
        }
        const header = data.subarray(0, size);
        if (version === 2) {
          const stored = header.subarray(HEADER_V1);
          const mine = keyFingerprint(this.key);
          if (!stored.equals(mine)) {
            if (this.keyKnownRight)
              throw new DecryptionError("the encryption header is damaged (its key fingerprint was altered)");
            throw new WrongKeyError(wrongKeyMessage(stored.toString("hex"), mine.toString("hex")));
          }
          this.fingerprinted = true;
        }
        this.header = Buffer.from(header);
        const chunkSize = header.readUInt32BE(MAGIC.length + 1);
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
      cb(err);
    }
  }
  _flush(cb) {
    try {
      if (!this.header || this.buffered.length < TAG) {
        throw new DecryptionError("encrypted object is truncated (no final chunk)");
      }
      this.push(this.open(this.buffered, true));
      cb();
    } catch (err) {
      cb(err);
    }
  }
};
function parseKey(text) {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, "hex");
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(t)) {
    const b = Buffer.from(t, t.includes("-") || t.includes("_") ? "base64url" : "base64");
    if (b.length === 32) return b;
  }
  return void 0;
}

export {
  ENCRYPTION_SCHEME,
  DecryptionError,
  WrongKeyError,
  keyFingerprint,
  wrongKeyMessage,
  EncryptStream,
  DecryptStream,
  parseKey
};
