import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);
import {
  OperationalError
} from "./chunk-YBANDQLS.js";

// src/storage/compression.ts
import zlib from "node:zlib";
var COMPRESSIONS = ["zstd", "gzip", "none"];
var hasZstd = () => typeof zlib.createZstdCompress === "function";
function effectiveCompression(wanted) {
  return wanted === "zstd" && !hasZstd() ? "gzip" : wanted;
}
function compressor(c) {
  if (c === "zstd") {
    return zlib.createZstdCompress({ params: { [zlib.constants.ZSTD_c_compressionLevel]: 3 } });
  }
  if (c === "gzip") return zlib.createGzip({ level: 6 });
  return void 0;
}
function decompressor(c) {
  if (c === "zstd") {
    if (!hasZstd())
      throw new OperationalError("this object is zstd-compressed and this Node.js has no zstd; use Node 24");
    return zlib.createZstdDecompress();
  }
  if (c === "gzip") return zlib.createGunzip();
  return void 0;
}
var EXTENSIONS = { zstd: ".zst", gzip: ".gz", none: "" };

export {
  COMPRESSIONS,
  effectiveCompression,
  compressor,
  decompressor,
  EXTENSIONS
};
