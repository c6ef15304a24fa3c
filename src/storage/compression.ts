/**
 * Streaming compression: zstd where the runtime has it (Node 22.15+/24 zlib),
 * else gzip. Both keep a bounded window, so memory does not grow with the
 * snapshot.
 */
import zlib from "node:zlib";
import type { Transform } from "node:stream";
import { OperationalError } from "../core/errors.ts";

export type Compression = "zstd" | "gzip" | "none";
export const COMPRESSIONS: readonly Compression[] = ["zstd", "gzip", "none"];

export const hasZstd = (): boolean => typeof zlib.createZstdCompress === "function";

/** The compression actually used for a requested one (zstd falls back to gzip). */
export function effectiveCompression(wanted: Compression): Compression {
  return wanted === "zstd" && !hasZstd() ? "gzip" : wanted;
}

export function compressor(c: Compression): Transform | undefined {
  if (c === "zstd") {
    return zlib.createZstdCompress({ params: { [zlib.constants.ZSTD_c_compressionLevel]: 3 } });
  }
  if (c === "gzip") return zlib.createGzip({ level: 6 });
  return undefined;
}

export function decompressor(c: Compression): Transform | undefined {
  if (c === "zstd") {
    if (!hasZstd())
      throw new OperationalError("this object is zstd-compressed and this Node.js has no zstd; use Node 24");
    return zlib.createZstdDecompress();
  }
  if (c === "gzip") return zlib.createGunzip();
  return undefined;
}

export const EXTENSIONS: Record<Compression, string> = { zstd: ".zst", gzip: ".gz", none: "" };
