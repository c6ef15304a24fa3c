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
var UnboundObjectError = class extends DecryptionError {
  name = "UnboundObjectError";
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
function additionalData(header, name) {
  if (name === void 0) return header;
  const bytes = Buffer.from(name, "utf8");
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([header, length, bytes]);
}
function boundName(key) {
  return key.slice(key.lastIndexOf("/") + 1);
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
  aad;
  prefix;
  chunkSize;
  pending = [];
  pendingLength = 0;
  counter = 0;
  /** `name`: the object's name (boundName of its key), bound to every chunk. */
  constructor(key, name, chunkSize = DEFAULT_CHUNK) {
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
  seal(plain, last) {
    const c = createCipheriv("aes-256-gcm", this.key, nonce(this.prefix, this.counter++, last));
    c.setAAD(this.aad);
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
  aad;
  prefix = Buffer.alloc(0);
  frame = 0;
  buffered = Buffer.alloc(0);
  counter = 0;
  fingerprinted = false;
  options;
  /** Once the header is read: whether the object's encryption binds its name (version 3). */
  bound;
  constructor(key, options) {
    super();
    this.key = key;
    this.options = options;
  }
  open(sealed, last) {
    const d = createDecipheriv("aes-256-gcm", this.key, nonce(this.prefix, this.counter, last));
    d.setAAD(this.aad);
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    try {
      const out = Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG)), d.final()]);
      this.counter++;
      return out;
    } catch {
      const cause = !this.fingerprinted ? "wrong encryption key, or the object was truncated or altered (it predates key fingerprints)" : this.bound ? "the object was truncated or altered, or copied here from another name (its encryption is bound to the name it was written under)" : "the object was truncated or altered";
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
        if (!data.subarray(0, MAGIC.length).equals(MAGIC) || version !== 1 && version !== 2 && version !== 3) {
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
        this.bound = version === 3;
        if (!this.bound && !this.options.allowUnbound)
          throw new UnboundObjectError(
            `written in an older format (encryption version ${version}) whose encryption does not bind the object's name, so it could be an older snapshot copied under this name; name it with the key input, or set allow-unauthenticated-snapshots, to read it anyway`
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
        this.aad = additionalData(this.header, this.bound ? this.options.name : void 0);
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
  UnboundObjectError,
  WrongKeyError,
  keyFingerprint,
  wrongKeyMessage,
  boundName,
  EncryptStream,
  DecryptStream,
  parseKey
};
