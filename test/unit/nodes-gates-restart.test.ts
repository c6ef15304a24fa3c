// The gates after an upgrade, against a local server playing an API server
// that restarts under them (the kubelet upgrade restarts the static pods): it
// first answers 403 (up before its RBAC caches filled; seen on the real node
// with kubeadm's admin.conf) and 503, then normally. The gates wait through
// that instead of failing the upgrade; a 404 is a real answer and fails at once.
// Releasing the Lease waits such a restart out too (upgrade-node asks it to):
// a Lease left held would block the re-run until it expires.
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { test } from "node:test";
import { stringify } from "yaml";
import { ApiError, KubeClient } from "../../src/cluster/client.ts";
import { OperationalError } from "../../src/core/errors.ts";
import { silentLogger } from "../../src/core/logger.ts";
import { controlPlaneRestarting } from "../../src/cluster/api-failure.ts";
import { waitForGates } from "../../src/nodes/gates.ts";
import { MaintenanceLock } from "../../src/nodes/lock.ts";

const NODE = {
  metadata: { name: "cp-1" },
  status: {
    nodeInfo: { kubeletVersion: "v1.35.4" },
    conditions: [{ type: "Ready", status: "True" }],
  },
};

async function withServer(
  answers: (n: number, url: string) => { status: number; body: unknown },
  fn: (client: KubeClient) => Promise<void>,
): Promise<void> {
  let n = 0;
  const srv = http.createServer((req, res) => {
    const a = answers(n++, req.url ?? "");
    res.writeHead(a.status, { "content-type": "application/json" }).end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kk-gates-"));
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
  const client = await KubeClient.fromFile(file);
  try {
    await fn(client);
  } finally {
    client.close();
    srv.closeAllConnections();
    srv.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const normal = (url: string) =>
  url.startsWith("/api/v1/nodes/cp-1")
    ? { status: 200, body: NODE }
    : url.startsWith("/api/v1/nodes")
      ? { status: 200, body: { items: [NODE] } }
      : { status: 200, body: { items: [] } };

const forbidden = {
  status: 403,
  body: {
    kind: "Status",
    reason: "Forbidden",
    message: 'nodes "cp-1" is forbidden: User "kubernetes-admin" cannot get',
  },
};

test("403 and 503 while the API server restarts are waited through; then the gates pass", async () => {
  await withServer(
    (n, url) =>
      n < 2 ? forbidden : n < 4 ? { status: 503, body: { reason: "ServiceUnavailable" } } : normal(url),
    async (client) => {
      await waitForGates(
        client,
        { node: "cp-1", target: "v1.35.4", env: {} },
        { timeoutMs: 30_000, allNodesReady: true },
        silentLogger,
      );
    },
  );
});

test("a 403 that lasts fails at the gate timeout, naming it", async () => {
  await withServer(
    () => forbidden,
    async (client) => {
      await assert.rejects(
        waitForGates(
          client,
          { node: "cp-1", target: "v1.35.4", env: {} },
          { timeoutMs: 1500, allNodesReady: true },
          silentLogger,
        ),
        /did not pass its gates within 1\.5s: the API server is not answering normally yet \(.*403/,
      );
    },
  );
});

test("which errors a restarting control plane gives", () => {
  const api = (code: number) => new ApiError(code, "x", "y", "GET", "/api/v1/nodes/a");
  for (const c of [401, 403, 429, 500, 503]) assert.equal(controlPlaneRestarting(api(c)), true, String(c));
  for (const c of [400, 404, 409, 422]) assert.equal(controlPlaneRestarting(api(c)), false, String(c));
  assert.equal(controlPlaneRestarting(Object.assign(new Error("read"), { code: "ECONNRESET" })), true);
  assert.equal(
    controlPlaneRestarting(
      new OperationalError("cannot reach the Kubernetes API at https://x (ECONNREFUSED)"),
    ),
    true,
  );
  assert.equal(controlPlaneRestarting(new TypeError("bug")), false);
});

test("the Lease is released through a restart when asked to wait; at once otherwise", async () => {
  const lease = {
    apiVersion: "coordination.k8s.io/v1",
    kind: "Lease",
    metadata: { name: "l", namespace: "kube-system", resourceVersion: "1" },
    spec: { holderIdentity: "me", leaseDurationSeconds: 900 },
  };
  const config = { name: "l", namespace: "kube-system", holder: "me", ttlMs: 900_000, waitMs: 0 };
  let put: unknown;
  await withServer(
    (n) => (n < 2 ? forbidden : { status: 200, body: lease }),
    async (client) => {
      await new MaintenanceLock(client, config).release(30_000);
    },
  );
  await withServer(
    (n, url) => {
      if (n >= 2 && url.includes("leases")) put = url;
      return n < 2 ? forbidden : { status: 200, body: lease };
    },
    async (client) => {
      await assert.rejects(new MaintenanceLock(client, config).release(), /403/);
    },
  );
  assert.equal(put, undefined, "without the wait, the first 403 ends the release");
});
