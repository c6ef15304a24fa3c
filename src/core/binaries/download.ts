/**
 * Downloads a release file and keeps verified bytes in a cache. What is
 * downloaded is untrusted until its sha256 matches the published one, and the
 * places it comes from are guarded too:
 * - https only, unless the caller allows http explicitly (a mirror on a
 *   trusted network); an https URL that redirects to http is refused either
 *   way (a downgrade is never what the user asked for);
 * - the runner's proxy (HTTPS_PROXY/HTTP_PROXY/NO_PROXY, decided as for the
 *   API and S3: ../proxy.ts). Not `fetch`: Node's fetch ignores those
 *   variables, and a self-hosted runner behind a corporate proxy reaches
 *   dl.k8s.io only through it;
 * - redirects followed, at most MAX_REDIRECTS, and every byte within the
 *   download deadline.
 * Server certificates are checked against Node's CA store plus
 * NODE_EXTRA_CA_CERTS (a corporate or mirror CA).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { errorMessage, OperationalError } from "../errors.ts";
import { chooseProxy, unreachableProxy, type NetworkError, type ProxyChoice } from "../proxy.ts";
import { formatDuration } from "../units.ts";

export interface DownloadOptions {
  /** Deadline of each download (bytes flowing or not). */
  timeoutMs: number;
  signal?: AbortSignal;
  /** Accept http:// URLs (never an https URL redirecting to http). */
  allowHttp?: boolean;
}

/** dl.k8s.io and GitHub answer with redirects to their CDNs; more than this is a loop. */
const MAX_REDIRECTS = 5;

export const sha256 = (buf: Buffer) => createHash("sha256").update(buf).digest("hex");

/** Refuses a URL that is not https (or http when allowed), before any byte leaves; `what` starts the message. */
export function requireHttps(url: URL, allowHttp: boolean, what: string): void {
  if (url.protocol === "https:") return;
  if (url.protocol === "http:" && allowHttp) return;
  throw new OperationalError(
    url.protocol === "http:"
      ? `${what} ${url.href} is plain http: refusing to download binaries that could be altered on the way; use https (or allow-insecure-downloads: true for a mirror on a trusted network)`
      : `${what} ${url.href} is not an http(s) URL; refusing it`,
  );
}

/** GETs `url` into memory; see the module comment for what is refused. */
export async function download(url: string, opts: DownloadOptions): Promise<Buffer> {
  const signal = AbortSignal.any([
    AbortSignal.timeout(opts.timeoutMs),
    ...(opts.signal ? [opts.signal] : []),
  ]);
  let at = new URL(url);
  requireHttps(at, opts.allowHttp ?? false, "GET");
  let proxy: ProxyChoice | undefined;
  try {
    for (let hop = 0; ; hop++) {
      proxy = chooseProxy(at, undefined, process.env);
      const res = await get(at, proxy, signal);
      const location = res.headers.location;
      if (res.statusCode && res.statusCode >= 300 && res.statusCode < 400 && location) {
        res.resume();
        if (hop >= MAX_REDIRECTS)
          throw new OperationalError(`GET ${url}: more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, at);
        if (at.protocol === "https:" && next.protocol !== "https:")
          throw new OperationalError(
            `GET ${at.href} redirected to ${next.href}: refusing a downgrade from https to ${next.protocol.replace(/:$/, "")} (a mirror or a proxy in the way must serve https)`,
          );
        requireHttps(next, opts.allowHttp ?? false, `GET ${at.href} redirected to`);
        at = next;
        continue;
      }
      if (res.statusCode !== 200) {
        res.resume();
        throw new OperationalError(
          `GET ${at.href} answered ${res.statusCode} ${res.statusMessage ?? ""}; check the version and the release URL input`,
        );
      }
      const chunks: Buffer[] = [];
      for await (const chunk of res) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    }
  } catch (err) {
    if (err instanceof OperationalError) throw err;
    if (opts.signal?.aborted) throw new OperationalError(`GET ${url} cancelled`);
    if (signal.aborted)
      throw new OperationalError(`GET ${url} did not finish within ${formatDuration(opts.timeoutMs)}`);
    const atProxy = unreachableProxy(proxy, err as NetworkError, at.href);
    if (atProxy) throw atProxy;
    throw new OperationalError(
      `GET ${at.href} failed (${errorMessage(err)}); check the release URL input and the runner's network`,
    );
  }
}

function get(url: URL, proxy: ProxyChoice | undefined, signal: AbortSignal): Promise<http.IncomingMessage> {
  // An explicit proxyEnv ({} for none), so Node's own NODE_USE_ENV_PROXY handling never decides instead.
  const proxyEnv = proxy?.env ?? {};
  const agent = url.protocol === "https:" ? new https.Agent({ proxyEnv }) : new http.Agent({ proxyEnv });
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.get(url, { agent, signal }, resolve);
    req.on("error", reject);
  });
}

export function checksumMismatch(what: string, url: string, got: string, want: string): OperationalError {
  return new OperationalError(
    `checksum mismatch for ${what} from ${url}: its sha256 is ${got}, the published checksum is ${want}; refusing to run it (a damaged download or a mirror serving other bytes)`,
  );
}

/**
 * `root` joined with `parts`, refused unless it stays inside `root`: cache
 * paths are built from versions, and a version that escaped validation must
 * still not write or read elsewhere.
 */
export function inside(root: string, ...parts: string[]): string {
  const base = path.resolve(root);
  const file = path.resolve(base, ...parts);
  if (!file.startsWith(base + path.sep))
    throw new OperationalError(`refusing the cache path ${file}: it is not inside ${base}`);
  return file;
}

/** Writes verified bytes into the cache atomically, with their sha256 beside them for the next use. */
export function cacheFile(file: string, bytes: Buffer, sum: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  fs.writeFileSync(partial, bytes, { mode: 0o755 });
  fs.renameSync(partial, file);
  fs.writeFileSync(`${file}.sha256`, sum + "\n");
}

/** A cached binary whose bytes still hash to what was verified when it was fetched. */
export function cached(file: string): boolean {
  try {
    const want = fs.readFileSync(`${file}.sha256`, "utf8").trim();
    return sha256(fs.readFileSync(file)) === want;
  } catch {
    return false;
  }
}

/** The regular files of a tar archive (ustar/GNU), by path. */
export function untar(tar: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let off = 0;
  let longName: string | undefined;
  while (off + 512 <= tar.length) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a: number, b: number) => header.subarray(a, b).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(str(124, 136).trim() || "0", 8);
    const type = String.fromCharCode(header[156] ?? 0);
    const prefix = str(345, 500);
    const name = longName ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    longName = undefined;
    const body = tar.subarray(off + 512, off + 512 + size);
    if (type === "L") longName = body.toString("utf8").replace(/\0.*$/s, "");
    else if (type === "0" || type === "\0") out.set(name, Buffer.from(body));
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}
