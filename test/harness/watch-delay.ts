/**
 * A relay in front of the sandbox's API server that passes every request on
 * as it is but hands each watch's answer back `delayMs` late, chunk by chunk
 * (lists and writes go through at once): a client behind it sees the cluster
 * through a watch that lags, as a watch on a busy API server can, while its
 * reads without a watch are current. Plain HTTP on 127.0.0.1, no
 * credentials (the relay forwards with the sandbox's own client).
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { KubeClient } from "../../src/cluster/client.ts";

export interface WatchDelayRelay {
  /** A kubeconfig whose server is the relay. */
  kubeconfig: string;
  stop(): Promise<void>;
}

export async function startWatchDelayRelay(upstream: KubeClient, delayMs: number): Promise<WatchDelayRelay> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://relay");
      const query = Object.fromEntries(url.searchParams);
      const watching = query.watch === "1" || query.watch === "true";
      const body = Buffer.concat(chunks);
      const stop = new AbortController();
      res.on("close", () => stop.abort());
      upstream
        .open(req.method ?? "GET", url.pathname, {
          query,
          ...(body.length
            ? { body: body.toString("utf8"), contentType: req.headers["content-type"] ?? "application/json" }
            : {}),
          signal: stop.signal,
          ...(watching ? { timeoutMs: 120_000 } : {}),
        })
        .then((up) => {
          res.writeHead(up.statusCode ?? 502, {
            "content-type": up.headers["content-type"] ?? "application/json",
          });
          if (!watching) {
            up.pipe(res);
            return;
          }
          // Same delay for every chunk: timers of equal length fire in order.
          up.on("data", (c: Buffer) => setTimeout(() => res.write(c), delayMs));
          up.on("end", () => setTimeout(() => res.end(), delayMs));
          up.on("error", () => res.destroy());
        })
        .catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-relay-"));
  const kubeconfig = path.join(dir, "kubeconfig");
  fs.writeFileSync(
    kubeconfig,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      `- name: relay\n  cluster:\n    server: http://127.0.0.1:${port}`,
      "users:",
      "- name: relay\n  user: {}",
      "contexts:",
      "- name: relay\n  context:\n    cluster: relay\n    user: relay",
      "current-context: relay",
      "",
    ].join("\n"),
  );
  return {
    kubeconfig,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
