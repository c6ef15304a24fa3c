// The REST client resolves static credentials once and asks exec plugins for
// every request (they rotate tokens); both must reach the server.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { KubeConfig } from "@kubernetes/client-node";
import { KubeClient } from "../../src/cluster/client.ts";

async function withServer(
  fn: (server: string, seen: (string | undefined)[]) => Promise<void>,
): Promise<void> {
  const seen: (string | undefined)[] = [];
  const srv = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.setHeader("Content-Type", "application/json");
    res.end('{"gitVersion":"v1.35.4","major":"1","minor":"35"}');
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  try {
    await fn(`http://127.0.0.1:${(srv.address() as AddressInfo).port}`, seen);
  } finally {
    srv.close();
  }
}

function config(server: string, user: Record<string, unknown>): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server, skipTLSVerify: true }],
    users: [{ name: "u", ...user }],
    contexts: [{ name: "x", cluster: "c", user: "u" }],
    currentContext: "x",
  });
  return kc;
}

test("a static token is sent on every request", async () => {
  await withServer(async (server, seen) => {
    const client = await KubeClient.fromKubeConfig(config(server, { token: "static-token" }));
    await client.serverVersion();
    await client.serverVersion();
    client.close();
    assert.deepEqual(seen, ["Bearer static-token", "Bearer static-token"]);
  });
});

test("an exec plugin's token is asked for per request, not frozen at start", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-exec-"));
  // Each call hands out a new token that has already expired, so the next request must ask again.
  const script = `n=$(cat "${dir}/n" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "${dir}/n"
echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-'$n'","expirationTimestamp":"2000-01-01T00:00:00Z"}}'`;
  try {
    await withServer(async (server, seen) => {
      const client = await KubeClient.fromKubeConfig(
        config(server, {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1",
            command: "sh",
            args: ["-c", script],
            interactiveMode: "Never",
          },
        }),
      );
      await client.serverVersion();
      await client.serverVersion();
      client.close();
      assert.equal(seen.length, 2);
      assert.notEqual(seen[0], seen[1], "a fresh token for the second request");
      assert.match(seen[1] ?? "", /^Bearer exec-token-\d+$/);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
