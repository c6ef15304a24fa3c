// The release fetcher's guards, before any byte is downloaded: versions
// against a strict pattern (they may come from a snapshot's sidecar in the
// bucket), https only unless allowed, cache paths that stay in the cache.
// The attacks end to end are in test/integration/etcd-drill.test.ts.
import assert from "node:assert/strict";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { download, inside } from "../../src/core/binaries/download.ts";
import { fetchReleaseBinaries, releaseVersion } from "../../src/core/binaries/releases.ts";
import { silentLogger } from "../../src/core/logger.ts";

test("release versions: the published forms pass, normalised to a leading v", () => {
  for (const [given, want] of [
    ["v1.35.4", "v1.35.4"],
    ["3.6.16", "v3.6.16"],
    ["v1.36.0-rc.1", "v1.36.0-rc.1"],
    ["v3.6.0-alpha.0", "v3.6.0-alpha.0"],
  ])
    assert.equal(releaseVersion(given as string, "etcd version"), want);
});

test("release versions: anything that could move a URL or a path is refused, naming the value", () => {
  for (const bad of [
    "3.6.16/../../../evil/v3.6.16",
    "v3.6.16/..",
    "..",
    "v1.2.3-..",
    "v1.2.3-rc..1",
    "v1.2.3?x=1",
    "v1.2.3#x",
    "v1.2.3%2f..",
    "v1.2.3 ",
    "v1.2.3\n",
    "",
    "latest",
  ]) {
    assert.throws(
      () => releaseVersion(bad, "the etcd version recorded in k.db's metadata"),
      (err: Error) =>
        err.message.startsWith(
          `refusing the etcd version recorded in k.db's metadata ${JSON.stringify(bad)}: not a release version`,
        ),
      bad,
    );
  }
});

test("cache paths stay inside the cache folder", () => {
  const root = path.join(os.tmpdir(), "cache");
  assert.equal(inside(root, "etcd", "v3.6.16", "amd64"), path.join(root, "etcd", "v3.6.16", "amd64"));
  assert.throws(() => inside(root, "etcd", "../../evil"), /refusing the cache path .*: it is not inside/);
  assert.throws(() => inside(root, ".."), /not inside/);
});

/** A server that records what it was asked and answers 404. */
async function recorder(): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("http is refused before any request unless allowed; then it is used", async (t) => {
  const srv = await recorder();
  t.after(srv.close);
  const opts = {
    kubernetesVersion: "v1.35.4",
    etcdVersion: "v3.6.16",
    kubernetesReleaseUrl: `${srv.url}/k8s`,
    etcdReleaseUrl: `${srv.url}/etcd`,
    cacheDir: path.join(os.tmpdir(), "kubekeep-unused-cache"),
    timeoutMs: 10_000,
  };
  await assert.rejects(
    fetchReleaseBinaries(opts, silentLogger),
    /release URL http:\/\/127\.0\.0\.1:\d+\/k8s is plain http: refusing/,
  );
  await assert.rejects(
    download(`${srv.url}/x`, { timeoutMs: 10_000 }),
    /GET http:\/\/127\.0\.0\.1:\d+\/x is plain http/,
  );
  assert.deepEqual(srv.requests, []);
  await assert.rejects(fetchReleaseBinaries({ ...opts, allowHttp: true }, silentLogger), /answered 404/);
  assert.ok(srv.requests.length > 0);
});

test("a forged version is refused before any request", async (t) => {
  const srv = await recorder();
  t.after(srv.close);
  await assert.rejects(
    fetchReleaseBinaries(
      {
        kubernetesVersion: "v1.35.4",
        etcdVersion: "3.6.16/../../../evil/v3.6.16",
        kubernetesReleaseUrl: `${srv.url}/k8s`,
        etcdReleaseUrl: `${srv.url}/etcd`,
        allowHttp: true,
        cacheDir: path.join(os.tmpdir(), "kubekeep-unused-cache"),
        timeoutMs: 10_000,
      },
      silentLogger,
    ),
    /refusing etcd version "3\.6\.16\/\.\.\/\.\.\/\.\.\/evil\/v3\.6\.16": not a release version/,
  );
  assert.deepEqual(srv.requests, []);
});
