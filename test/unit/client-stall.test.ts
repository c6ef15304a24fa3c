// The REST client against a local server that goes quiet, as a frozen API
// server does: the request fails after the stall timeout with an
// OperationalError naming the API server, whether it is waiting for the
// answer or half-way through the body (not a bare "aborted").
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { stringify } from "yaml";
import { KubeClient } from "../../src/cluster/client.ts";
import { OperationalError } from "../../src/core/errors.ts";

async function quietServer(
  handler: (res: http.ServerResponse) => void,
  fn: (client: KubeClient) => Promise<void>,
): Promise<void> {
  const srv = http.createServer((_req, res) => handler(res));
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-stall-"));
  const file = path.join(dir, "config");
  fs.writeFileSync(
    file,
    stringify({
      clusters: [
        { name: "c", cluster: { server: `http://127.0.0.1:${(srv.address() as AddressInfo).port}` } },
      ],
      users: [{ name: "u", user: { token: "t" } }],
      contexts: [{ name: "x", context: { cluster: "c", user: "u" } }],
      "current-context": "x",
    }),
  );
  const client = await KubeClient.fromFile(file, undefined, 300);
  try {
    await fn(client);
  } finally {
    client.close();
    srv.closeAllConnections();
    srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Bounded time, clear error: no answer at all.
test("a server that never answers fails the request after the stall timeout, naming the API server", async () => {
  await quietServer(
    () => {},
    async (client) => {
      const started = Date.now();
      const err = await client.get("/api/v1/pods").catch((e: unknown) => e);
      assert.ok(err instanceof OperationalError, String(err));
      assert.match(
        err.message,
        /^the Kubernetes API at http:\/\/127\.0\.0\.1:\d+ sent nothing in answer to GET \/api\/v1\/pods for 0\.3s \(stall-timeout\); check that the API server is up/,
      );
      assert.ok(Date.now() - started < 3000);
    },
  );
});

// Bounded time, clear error: the headers and part of a LIST page come, then nothing.
test("a body that stops half-way fails with the stall error, not 'aborted'", async () => {
  await quietServer(
    (res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"items":[');
    },
    async (client) => {
      const err = await client.get("/api/v1/pods").catch((e: unknown) => e);
      assert.ok(err instanceof OperationalError, String(err));
      assert.match(err.message, /sent nothing while sending the answer to GET \/api\/v1\/pods for 0\.3s/);
    },
  );
});
