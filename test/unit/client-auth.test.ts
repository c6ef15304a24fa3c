// The REST client resolves static credentials once and asks exec plugins for
// every request (they rotate tokens); both must reach the server. Port-forward
// gets the same options client-node's KubeConfig would give it.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { KubeConfig } from "@kubernetes/client-node";
import { stringify } from "yaml";
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

/** Writes a kubeconfig for `server` with the given user and cluster entries; returns its path. */
function kubeconfig(
  dir: string,
  server: string,
  user: Record<string, unknown>,
  cluster: Record<string, unknown> = { "insecure-skip-tls-verify": true },
): string {
  const file = path.join(dir, "config");
  fs.writeFileSync(
    file,
    stringify({
      clusters: [{ name: "c", cluster: { server, ...cluster } }],
      users: [{ name: "u", user }],
      contexts: [{ name: "x", context: { cluster: "c", user: "u" } }],
      "current-context": "x",
    }),
  );
  return file;
}

test("a static token is sent on every request", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-token-"));
  try {
    await withServer(async (server, seen) => {
      const client = await KubeClient.fromFile(kubeconfig(dir, server, { token: "static-token" }));
      await client.serverVersion();
      await client.serverVersion();
      client.close();
      assert.deepEqual(seen, ["Bearer static-token", "Bearer static-token"]);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("an exec plugin's token is asked for per request, not frozen at start", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-exec-"));
  // Each call hands out a new token that has already expired, so the next request must ask again.
  const script = `n=$(cat "${dir}/n" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "${dir}/n"
echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-'$n'","expirationTimestamp":"2000-01-01T00:00:00Z"}}'`;
  try {
    await withServer(async (server, seen) => {
      const client = await KubeClient.fromFile(
        kubeconfig(dir, server, {
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

test("basic auth and a token file reach the server too", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-basic-"));
  fs.writeFileSync(path.join(dir, "token"), "file-token\n");
  try {
    await withServer(async (server, seen) => {
      for (const user of [{ username: "ann", password: "pw" }, { tokenFile: "token" }]) {
        const client = await KubeClient.fromFile(kubeconfig(dir, server, user));
        await client.serverVersion();
        client.close();
      }
      assert.deepEqual(seen, [`Basic ${Buffer.from("ann:pw").toString("base64")}`, "Bearer file-token"]);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("port-forward's connection options are the ones client-node's KubeConfig would set", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-ws-"));
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const clusters: Record<string, unknown>[] = [
    { "certificate-authority-data": b64("CA") },
    { "insecure-skip-tls-verify": true, "tls-server-name": "api.internal" },
  ];
  const users: Record<string, unknown>[] = [
    { token: "t0k3n" },
    { username: "ann", password: "pw" },
    { "client-certificate-data": b64("CERT"), "client-key-data": b64("KEY"), as: "someone" },
  ];
  const pick = (o: https.RequestOptions) => ({
    ca: o.ca,
    cert: o.cert,
    key: o.key,
    rejectUnauthorized: o.rejectUnauthorized,
    servername: o.servername,
    headers: o.headers,
    auth: o.auth,
  });
  try {
    for (const cluster of clusters) {
      for (const user of users) {
        const file = kubeconfig(dir, "https://127.0.0.1:6443", user, cluster);
        const client = await KubeClient.fromFile(file);
        const ours: https.RequestOptions = {};
        const config = client.webSocketConfig();
        await config.applyToHTTPSOptions(ours);
        client.close();
        const kc = new KubeConfig();
        kc.loadFromFile(file);
        const theirs: https.RequestOptions = {};
        await kc.applyToHTTPSOptions(theirs);
        const what = JSON.stringify({ cluster, user });
        assert.deepEqual(pick(ours), pick(theirs), what);
        assert.equal(config.getCurrentCluster()?.server, kc.getCurrentCluster()?.server, what);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
