// The third stage of bench/etcd on its own: compress a saved snapshot with the
// settings kubekeep uses (src/storage/compression.ts) and throw the output
// away, so the bench can say whether reading etcd, compressing or uploading
// bounds the pipeline. Prints the compressed size.
// Usage: node compress-file.js <file> <zstd|gzip>
import fs from "node:fs";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { compressor, type Compression } from "../../src/storage/compression.ts";

const [file, kind] = process.argv.slice(2) as [string, Compression];
const transform = compressor(kind);
if (!transform) throw new Error(`usage: compress-file <file> <zstd|gzip>`);
let bytes = 0;
await pipeline(
  fs.createReadStream(file, { highWaterMark: 1024 * 1024 }),
  transform,
  new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  }),
);
process.stdout.write(`${bytes}\n`);
