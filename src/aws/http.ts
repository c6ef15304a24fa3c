/**
 * One small HTTP request with a deadline, for the OIDC token endpoint and
 * STS: both answer in well under a second, and a frozen one must fail the
 * request, not hang the run. HTTPS_PROXY/NO_PROXY apply as for S3.
 */
import http from "node:http";
import https from "node:https";
import { OperationalError } from "../core/errors.ts";
import { chooseProxy } from "../core/proxy.ts";
import { seconds } from "../core/stall.ts";

export interface Answer {
  status: number;
  text: string;
  headers: NodeJS.Dict<string | string[]>;
}

/** At most this many bytes of an answer are read: a token or an STS answer is a few KiB. */
const MAX_ANSWER_BYTES = 1 << 20;

export function send(
  url: URL,
  options: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    timeoutMs: number;
    what: string;
  },
): Promise<Answer> {
  const proxy = chooseProxy(url, undefined, process.env);
  const mod = url.protocol === "https:" ? https : http;
  const agent = proxy ? new mod.Agent({ proxyEnv: proxy.env }) : undefined;
  return new Promise<Answer>((resolve, reject) => {
    const fail = (err: Error) => {
      req.destroy();
      reject(err);
    };
    const req = mod.request(
      url,
      { method: options.method, headers: options.headers, ...(agent ? { agent } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES)
            fail(new OperationalError(`${options.what}: the answer is larger than 1 MiB; not read further`));
          else chunks.push(c);
        });
        res.on("end", () => {
          clearTimeout(timer);
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
            headers: res.headers,
          });
        });
        res.on("error", (err) => fail(err));
      },
    );
    const timer = setTimeout(
      () =>
        fail(
          new OperationalError(
            `${options.what}: no complete answer from ${url.origin} within ${seconds(options.timeoutMs)}; check that it is reachable (and the proxy in between)`,
          ),
        ),
      options.timeoutMs,
    );
    req.on("error", (err) => {
      clearTimeout(timer);
      agent?.destroy();
      reject(
        err instanceof OperationalError
          ? err
          : new OperationalError(
              `${options.what}: cannot reach ${url.origin} (${(err as NodeJS.ErrnoException).code ?? err.message})`,
            ),
      );
    });
    req.on("close", () => agent?.destroy());
    req.end(options.body);
  });
}
