// etcd drill against real control planes: a snapshot of a seeded sandbox is
// restored into a throwaway etcd + kube-apiserver and its per-kind counts are
// compared with the live cluster and with an export tree; damaged snapshots,
// a snapshot of another cluster and encryption at rest fail or report as they
// should; the binaries' fetch path verifies checksums from a local server.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { fromRecord } from "../../src/config/inputs.ts";
import type { AnyCapability, Result } from "../../src/config/capability.ts";
import { CapabilityFailure } from "../../src/config/capability.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { createPki, type SandboxPki } from "../../src/core/pki.ts";
import { fetchReleaseBinaries } from "../../src/core/binaries/releases.ts";
import { etcdDrill } from "../../src/capabilities/etcd-drill/capability.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { exportCapability } from "../../src/capabilities/export/capability.ts";
import { toText } from "../../src/report/report.ts";
import {
  ensureBinaries,
  ETCD_VERSION,
  KUBERNETES_VERSION,
  type Binaries,
} from "../../src/sandbox/binaries.ts";
import { startSandbox, type Sandbox } from "../../src/sandbox/sandbox.ts";
import { seed } from "../../src/sandbox/seed.ts";
import { SIDECAR_SUFFIX } from "../../src/storage/keys.ts";
import { s3Env, sandboxS3, storageInputs } from "../harness/etcd.ts";
import { startConnectProxy } from "../harness/proxy.ts";
import { runCli, runCliAsync } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";

const fx = useSandbox();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-drill-test-"));
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });
const ENCRYPTION_CONFIG = `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - aescbc:
          keys:
            - name: key1
              secret: ${randomBytes(32).toString("base64")}
      - identity: {}
`;

let bins: Binaries;
let binDir: string;
/** A second cluster, with Secrets encrypted at rest; its snapshots go to the first sandbox's S3. */
let other: Sandbox | undefined;
before(async () => {
  bins = await ensureBinaries(new ConsoleLogger());
  binDir = path.join(tmp, "bin");
  fs.mkdirSync(binDir);
  for (const b of ["etcd", "etcdutl", "kube-apiserver"] as const)
    fs.symlinkSync(bins[b], path.join(binDir, b));
});
after(async () => {
  await other?.stop({ removeDir: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function run(cap: AnyCapability, inputs: Record<string, string>): Promise<Result> {
  return cap.run(cap.parse(fromRecord(inputs)), { logger });
}

async function drillFails(inputs: Record<string, string>): Promise<CapabilityFailure> {
  const err = await run(etcdDrill, inputs).catch((e: unknown) => e);
  assert.ok(err instanceof CapabilityFailure, `expected the drill to fail, got ${String(err)}`);
  return err;
}

let seeded: Promise<void> | undefined;
function seedOnce(): Promise<void> {
  seeded ??= (async () => {
    Object.assign(process.env, s3Env(fx.sandbox.info));
    await seed(fx.client, { namespace: "drill", secrets: 4, customResources: 6 });
  })();
  return seeded;
}

async function snapshot(sb: Sandbox, cluster: string, extra: Record<string, string> = {}): Promise<string> {
  const inputs = {
    "etcd-endpoint": sb.info.etcd.endpoint,
    "etcd-ca": sb.info.etcd.caFile,
    "etcd-cert": sb.info.etcd.certFile,
    "etcd-key": sb.info.etcd.keyFile,
    ...storageInputs(fx.sandbox.info, { "cluster-name": cluster, ...extra }),
  };
  return String((await run(etcdSnapshot, inputs)).outputs.key);
}

const drillInputs = (cluster: string, extra: Record<string, string> = {}) => ({
  ...storageInputs(fx.sandbox.info, { "cluster-name": cluster }),
  "kubeconfig-path": fx.sandbox.kubeconfig,
  "binaries-dir": binDir,
  ...extra,
});

test("a drill of a good snapshot passes: counts match the live cluster, HashKV matches, the report says so", async () => {
  await seedOnce();
  await snapshot(fx.sandbox, "good", { "verify-hashkv": "true" });
  const res = await run(etcdDrill, drillInputs("good"));
  const text = toText(res.report);
  assert.equal(res.outputs.passed, true, text);
  assert.equal(res.outputs.hashkv, "match", text);
  assert.equal(res.outputs.differences, 0);
  assert.ok(Number(res.outputs.objects) > 100, text);
  assert.ok(Number(res.outputs["first-list-seconds"]) > 0);
  assert.match(text, /etcd drill passed/);
  assert.match(text, /Time to restore \(etcdutl\)/);
  assert.match(text, /Time to first successful list/);
  assert.match(text, /same cluster \(kube-system namespace UID [0-9a-f-]{36}\)/);
  // The seeded kinds were read back from the restored data, with their exact counts.
  assert.match(text, /widgets\.kubekeep\.dev\s+6\s+6\s+match/);
  assert.match(text, /secrets\s+(\d+)\s+\1\s+match/);
  assert.match(text, /events\s+\S+\s+\S+\s+ignored/);
  // Nothing is left behind: no temporary folder, no process.
  assert.deepEqual(
    fs
      .readdirSync(os.tmpdir())
      .filter((f) => f.startsWith("kubekeep-drill-") && !f.startsWith("kubekeep-drill-test-")),
    [],
  );
});

test("a drill compares with an export tree committed at about the snapshot's time", async () => {
  await seedOnce();
  const exportDir = path.join(tmp, "export");
  await run(exportCapability, { "kubeconfig-path": fx.sandbox.kubeconfig, path: exportDir });
  await snapshot(fx.sandbox, "exported");
  const res = await run(
    etcdDrill,
    drillInputs("exported", {
      "compare-with": "export",
      "export-path": exportDir,
      "kubernetes-version": KUBERNETES_VERSION,
      "kubeconfig-path": "",
    }),
  );
  const text = toText(res.report);
  assert.equal(res.outputs.passed, true, text);
  assert.match(text, /widgets\.kubekeep\.dev\s+6\s+6\s+match/);
  assert.match(text, /nodes\s+\S+\s+-\s+not checked\s+not in the export: excluded/);
  assert.match(text, /Not checked: cluster identity: an export keeps no UIDs/);
});

test("a corrupted snapshot and a truncated one fail the drill, naming what is wrong", async () => {
  await seedOnce();
  const { client, s3 } = sandboxS3(fx.sandbox.info);
  try {
    const flip = (b: Buffer): Buffer => {
      const i = Math.floor(b.length / 2);
      b[i] = (b[i] as number) ^ 0xff;
      return b;
    };
    const cut = (b: Buffer): Buffer => Buffer.from(b.subarray(0, Math.floor(b.length / 2)));
    for (const [cluster, damage] of [
      ["corrupt", flip],
      ["truncated", cut],
    ] as const) {
      const key = await snapshot(fx.sandbox, cluster, { compression: "none" });
      const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      const body = damage(
        Buffer.from(
          await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
        ),
      );
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body }));
      const err = await drillFails(drillInputs(cluster));
      assert.match(err.message, /etcd drill failed: snapshot .* is corrupt or truncated/);
      assert.match(toText(err.result.report), /etcd drill FAILED/);
      assert.equal(err.result.outputs.passed, false);
    }
  } finally {
    client.destroy();
  }
});

test("a database that etcdutl cannot restore fails the drill with etcdutl's reason", async () => {
  await seedOnce();
  // A snapshot whose bytes and checksums are intact but whose bolt pages are
  // garbage past the meta pages: only a real restore finds it.
  const key = await snapshot(fx.sandbox, "garbage", { compression: "none" });
  const { client, s3 } = sandboxS3(fx.sandbox.info);
  try {
    const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    const body = Buffer.from(
      await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    const db = body.subarray(0, body.length - 32);
    randomBytes(db.length - 16384).copy(db, 16384);
    const sum = createHash("sha256").update(db).digest();
    const garbled = Buffer.concat([db, sum]);
    const key2 = key.replace(/-([0-9a-f]{10})\.db$/, "-0000000000.db").replace(/T(\d{6})/, "T235959");
    await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key2, Body: garbled }));
    const err = await drillFails(drillInputs("garbage", { key: key2 }));
    // The reason is etcdutl's own (bbolt's panic), not a stack trace's last lines.
    assert.match(
      err.message,
      /etcd drill failed: the snapshot does not restore: etcdutl snapshot restore exited \d+: panic: /,
    );
  } finally {
    client.destroy();
  }
});

test("a drill cancelled while its throwaway servers run leaves no process and no folder behind", async () => {
  await seedOnce();
  await snapshot(fx.sandbox, "cancelled");
  const before = new Set(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("kubekeep-drill-")));
  const abort = new AbortController();
  let dir: string | undefined;
  // Cancel as soon as the throwaway kube-apiserver has its folder: etcd runs, the apiserver starts.
  const watcher = setInterval(() => {
    const mine = fs.readdirSync(os.tmpdir()).find((f) => f.startsWith("kubekeep-drill-") && !before.has(f));
    if (mine && fs.existsSync(path.join(os.tmpdir(), mine, "apiserver-certs"))) {
      dir = path.join(os.tmpdir(), mine);
      abort.abort();
      clearInterval(watcher);
    }
  }, 20);
  const started = Date.now();
  const err = await etcdDrill
    .run(etcdDrill.parse(fromRecord(drillInputs("cancelled"))), { logger, signal: abort.signal })
    .catch((e: unknown) => e);
  clearInterval(watcher);
  assert.ok(dir, "the drill reached its throwaway apiserver");
  assert.ok(err instanceof CapabilityFailure, String(err));
  assert.match(err.message, /cancel/);
  assert.ok(Date.now() - started < 120_000);
  assert.ok(!fs.existsSync(dir), `${dir} was removed`);
  const ps = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
  assert.ok(!ps.includes(dir), "no process of the drill is left");
});

async function otherCluster(): Promise<Sandbox> {
  other ??= await startSandbox({ s3: false, encryptionConfig: ENCRYPTION_CONFIG });
  return other;
}

test("a snapshot of another cluster fails the drill: the kube-system namespace's UID differs", async () => {
  await seedOnce();
  const sb = await otherCluster();
  await snapshot(sb, "other");
  const err = await drillFails(drillInputs("other"));
  assert.match(
    err.message,
    /the snapshot is of another cluster: its kube-system namespace has UID [0-9a-f-]{36}, the live cluster's has [0-9a-f-]{36}/,
  );
  assert.match(toText(err.result.report), /Cluster identity\s+DIFFERENT/);
});

test("encryption at rest: Secrets are checked with encryption-config, reported as not checked without it", async () => {
  const sb = await otherCluster();
  const c = await sb.client();
  try {
    await seed(c, { namespace: "enc", secrets: 3 });
  } finally {
    c.close();
  }
  await snapshot(sb, "encrypted");
  const base = { ...drillInputs("encrypted"), "kubeconfig-path": sb.kubeconfig };
  const without = await run(etcdDrill, base);
  const t1 = toText(without.report);
  assert.equal(without.outputs.passed, true, t1);
  assert.match(t1, /secrets\s+-\s+\d+\s+not checked\s+encrypted at rest: give encryption-config/);
  assert.match(
    t1,
    /Not checked: secrets: encrypted at rest and unreadable without the cluster's EncryptionConfiguration/,
  );

  const cfg = path.join(tmp, "encryption-config.yaml");
  fs.writeFileSync(cfg, ENCRYPTION_CONFIG);
  const withConfig = await run(etcdDrill, { ...base, "encryption-config": cfg });
  const t2 = toText(withConfig.report);
  assert.equal(withConfig.outputs.passed, true, t2);
  assert.match(t2, /secrets\s+(\d+)\s+\1\s+match/);
  assert.doesNotMatch(t2, /encrypted at rest and unreadable/);
});

/** Serves the sandbox's own builds in the official release layout (dl.k8s.io and etcd's GitHub releases). */
async function releaseServer(
  options: {
    badApiserverSum?: boolean;
    badEtcdSum?: boolean;
    /** Serve https with this PKI's serving certificate (SAN 127.0.0.1). */
    tls?: SandboxPki;
    /** Where /moved/<path> redirects to (<movedTo>/<path>); the server itself by default. */
    movedTo?: string;
  } = {},
) {
  const arch = process.arch === "arm64" ? "arm64" : "amd64";
  const stage = fs.mkdtempSync(path.join(tmp, "release-"));
  const name = `etcd-${ETCD_VERSION}-linux-${arch}`;
  fs.mkdirSync(path.join(stage, name));
  for (const b of ["etcd", "etcdutl"] as const) fs.copyFileSync(bins[b], path.join(stage, name, b));
  execFileSync("tar", ["czf", `${name}.tar.gz`, name], { cwd: stage });
  const sha = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");
  const wrong = "0".repeat(64);
  const files: Record<string, string | (() => fs.ReadStream)> = {
    [`/k8s/${KUBERNETES_VERSION}/bin/linux/${arch}/kube-apiserver`]: () =>
      fs.createReadStream(bins["kube-apiserver"]),
    [`/k8s/${KUBERNETES_VERSION}/bin/linux/${arch}/kube-apiserver.sha256`]: options.badApiserverSum
      ? wrong
      : sha(bins["kube-apiserver"]),
    [`/etcd/${ETCD_VERSION}/${name}.tar.gz`]: () => fs.createReadStream(path.join(stage, `${name}.tar.gz`)),
    [`/etcd/${ETCD_VERSION}/SHA256SUMS`]: `${options.badEtcdSum ? wrong : sha(path.join(stage, `${name}.tar.gz`))}  ${name}.tar.gz\n`,
  };
  const requests: string[] = [];
  const scheme = options.tls ? "https" : "http";
  const handler: http.RequestListener = (req, res) => {
    requests.push(req.url ?? "");
    // /moved/<path> answers as dl.k8s.io does: a redirect elsewhere (here the same host).
    if (req.url?.startsWith("/moved/")) {
      const to = options.movedTo ?? `${scheme}://${req.headers.host}`;
      res.writeHead(302, { location: `${to}${req.url.slice("/moved".length)}` }).end();
      return;
    }
    const f = files[req.url ?? ""];
    if (f === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200);
    if (typeof f === "string") res.end(f);
    else f().pipe(res);
  };
  const server = options.tls
    ? https.createServer(
        {
          cert: fs.readFileSync(options.tls.apiserver.cert),
          key: fs.readFileSync(options.tls.apiserver.key),
        },
        handler,
      )
    : http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    base: `${scheme}://127.0.0.1:${port}`,
    k8s: `${scheme}://127.0.0.1:${port}/k8s`,
    etcd: `${scheme}://127.0.0.1:${port}/etcd`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test("binaries are fetched from the release layout, sha256-verified and cached; the drill runs on them", async (t) => {
  await seedOnce();
  const srv = await releaseServer();
  t.after(srv.close);
  const cache = path.join(tmp, "cache");
  await snapshot(fx.sandbox, "fetched");
  const res = await run(etcdDrill, {
    ...drillInputs("fetched", { "binaries-dir": "" }),
    "kubernetes-release-url": srv.k8s,
    "etcd-release-url": srv.etcd,
    "allow-insecure-downloads": "true",
    "cache-dir": cache,
  });
  const text = toText(res.report);
  assert.equal(res.outputs.passed, true, text);
  assert.match(text, /fetched from http:\/\/127\.0\.0\.1:\d+\/k8s and .*, sha256 verified/);
  assert.match(text, new RegExp(`kube-apiserver ${KUBERNETES_VERSION}, etcd ${ETCD_VERSION}`));
  assert.ok(srv.requests.some((r) => r.endsWith("/kube-apiserver.sha256")));
  assert.ok(srv.requests.some((r) => r.endsWith("/SHA256SUMS")));
  // A second fetch is served from the cache (re-hashed, not re-downloaded).
  const before = srv.requests.length;
  await fetchReleaseBinaries(
    {
      kubernetesVersion: KUBERNETES_VERSION,
      etcdVersion: ETCD_VERSION,
      kubernetesReleaseUrl: srv.k8s,
      etcdReleaseUrl: srv.etcd,
      cacheDir: cache,
      timeoutMs: 60_000,
      allowHttp: true,
    },
    logger,
  );
  assert.equal(srv.requests.length, before);
});

// Promise: a runner behind a corporate proxy can fetch the binaries. The
// release host is a name only the test proxy resolves (it tunnels to
// 127.0.0.1), and it redirects as dl.k8s.io does; HTTP_PROXY and NO_PROXY are
// honoured as for the API and S3 (Node's fetch would ignore them).
test("binary downloads go through HTTP(S)_PROXY and follow redirects; NO_PROXY sends them direct", async (t) => {
  const srv = await releaseServer();
  t.after(srv.close);
  const proxy = await startConnectProxy();
  t.after(() => proxy.stop());
  const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
  t.after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  process.env.HTTP_PROXY = proxy.url;
  delete process.env.NO_PROXY;
  const host = `releases.kubekeep.invalid:${srv.port}`;
  const fetchVia = (cacheDir: string) =>
    fetchReleaseBinaries(
      {
        kubernetesVersion: KUBERNETES_VERSION,
        etcdVersion: ETCD_VERSION,
        kubernetesReleaseUrl: `http://${host}/moved/k8s`,
        etcdReleaseUrl: `http://${host}/etcd`,
        cacheDir,
        timeoutMs: 60_000,
        allowHttp: true,
      },
      logger,
    );
  const got = await fetchVia(path.join(tmp, "cache-proxied"));
  assert.ok(fs.existsSync(got["kube-apiserver"]));
  const asked = proxy.requests();
  assert.ok(
    asked.includes(
      `GET http://${host}/moved/k8s/${KUBERNETES_VERSION}/bin/linux/${process.arch === "arm64" ? "arm64" : "amd64"}/kube-apiserver`,
    ),
    asked.join("\n"),
  );
  assert.ok(
    asked.some((r) => r.startsWith(`GET http://${host}/k8s/`)),
    "the redirect was followed through the proxy",
  );
  assert.ok(asked.some((r) => r.endsWith("/SHA256SUMS")));
  // NO_PROXY naming the host: straight to it, which this machine cannot resolve.
  process.env.NO_PROXY = "releases.kubekeep.invalid";
  const direct = await fetchVia(path.join(tmp, "cache-direct")).then(
    () => assert.fail("resolved a name only the proxy knows"),
    (err: Error) => err,
  );
  assert.match(
    direct.message,
    /GET http:\/\/releases\.kubekeep\.invalid:\d+\/.* failed \(.*\); check the release URL input and the runner's network$/,
  );
  // A proxy that is not there is named as the thing to check, not the release host.
  process.env.HTTP_PROXY = "http://127.0.0.1:9";
  delete process.env.NO_PROXY;
  const gone = await fetchVia(path.join(tmp, "cache-gone")).then(
    () => assert.fail("fetched through a proxy that does not exist"),
    (err: Error) => err,
  );
  assert.match(
    gone.message,
    /^cannot reach HTTP_PROXY http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\) on the way to http:\/\/releases\.kubekeep\.invalid/,
  );
});

test("a checksum mismatch is refused, and nothing enters the cache", async (t) => {
  for (const bad of [{ badApiserverSum: true }, { badEtcdSum: true }]) {
    const srv = await releaseServer(bad);
    t.after(srv.close);
    const cache = path.join(tmp, `cache-bad-${Object.keys(bad)[0]}`);
    const err = await fetchReleaseBinaries(
      {
        kubernetesVersion: KUBERNETES_VERSION,
        etcdVersion: ETCD_VERSION,
        kubernetesReleaseUrl: srv.k8s,
        etcdReleaseUrl: srv.etcd,
        cacheDir: cache,
        timeoutMs: 60_000,
        allowHttp: true,
      },
      logger,
    ).catch((e: unknown) => e);
    assert.ok(err instanceof Error);
    assert.match(
      err.message,
      bad.badApiserverSum
        ? /checksum mismatch for kube-apiserver from http:\/\/127\.0\.0\.1:\d+\/k8s\/.*: its sha256 is [0-9a-f]{64}, the published checksum is 0{64}; refusing to run it/
        : /checksum mismatch for etcd-v[\d.]+-linux-\w+\.tar\.gz .*refusing to run it/,
    );
    const kinds = bad.badApiserverSum ? "kubernetes" : "etcd";
    const cached = fs.existsSync(path.join(cache, kinds))
      ? fs.readdirSync(path.join(cache, kinds), { recursive: true, encoding: "utf8" })
      : [];
    assert.ok(!cached.some((f) => f.endsWith("kube-apiserver") || f.endsWith("etcd")), cached.join(","));
  }
});

test("the CLI runs `kubekeep etcd drill` and exits non-zero with the reason on a damaged snapshot", async () => {
  await seedOnce();
  const info = fx.sandbox.info;
  const res = runCli(
    [
      "etcd",
      "drill",
      "--s3-bucket",
      info.s3?.bucket ?? "",
      "--s3-endpoint",
      info.s3?.endpoint ?? "",
      "--cluster-name",
      "truncated",
      "--kubeconfig-path",
      info.kubeconfig,
      "--binaries-dir",
      binDir,
    ],
    s3Env(info),
  );
  assert.notEqual(res.status, 0);
  assert.match(res.stdout + res.stderr, /etcd drill FAILED/);
  assert.match(res.stderr + res.stdout, /corrupt or truncated/);
});

// Trust boundaries of the download (issue #17): the release mirror, and what
// the bucket says about versions, are untrusted. Each attack runs the CLI as
// a runner would, against a local release server over https whose CA the
// runner trusts the usual way (NODE_EXTRA_CA_CERTS).
let releasePki: SandboxPki | undefined;
function trustedReleasePki(): SandboxPki {
  releasePki ??= createPki(path.join(tmp, "release-pki"));
  return releasePki;
}

function drillCli(cluster: string, flags: Record<string, string>) {
  const info = fx.sandbox.info;
  const args = [
    "etcd",
    "drill",
    "--s3-bucket",
    info.s3?.bucket ?? "",
    "--s3-endpoint",
    info.s3?.endpoint ?? "",
  ];
  args.push("--cluster-name", cluster, "--kubeconfig-path", info.kubeconfig);
  for (const [k, v] of Object.entries(flags)) args.push(`--${k}`, v);
  return runCliAsync(args, { ...s3Env(info), NODE_EXTRA_CA_CERTS: trustedReleasePki().ca.cert });
}

test("a forged sidecar's etcd version with ../ never reaches the release server or the cache", async (t) => {
  await seedOnce();
  const srv = await releaseServer({ tls: trustedReleasePki() });
  t.after(srv.close);
  const key = await snapshot(fx.sandbox, "forged-version");
  const { client, s3 } = sandboxS3(fx.sandbox.info);
  const evil = `${ETCD_VERSION.replace(/^v/, "")}/../../../evil/${ETCD_VERSION}`;
  try {
    const sidecar = key + SIDECAR_SUFFIX;
    const got = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: sidecar }));
    const meta = JSON.parse(
      await (got.Body as { transformToString(): Promise<string> }).transformToString(),
    ) as Record<string, unknown>;
    await client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: sidecar,
        Body: JSON.stringify({ ...meta, etcdVersion: evil }),
      }),
    );
  } finally {
    client.destroy();
  }
  const cache = path.join(tmp, "cache-forged");
  const res = await drillCli("forged-version", {
    "kubernetes-release-url": srv.k8s,
    "etcd-release-url": srv.etcd,
    "cache-dir": cache,
  });
  assert.notEqual(res.status, 0, res.stdout + res.stderr);
  // The catalog refuses the sidecar when it reads it (the bucket is untrusted
  // input), before the drill's fetcher, which refuses such a version too
  // (test/unit/binaries-download.test.ts), could see it.
  assert.ok(
    (res.stdout + res.stderr).includes(
      `${key}: its metadata field 'etcdVersion' is not an etcd version such as 3.6.16`,
    ),
    res.stdout + res.stderr,
  );
  assert.deepEqual(
    srv.requests.filter((r) => !r.startsWith("/k8s/")),
    [],
    "no request for etcd reached the release server",
  );
  assert.ok(!fs.existsSync(path.join(tmp, "evil")) && !fs.existsSync(path.join(cache, "evil")));
});

test("an http release URL is refused unless allow-insecure-downloads is set", async (t) => {
  const srv = await releaseServer();
  t.after(srv.close);
  const res = await drillCli("good", {
    "kubernetes-release-url": srv.k8s,
    "etcd-release-url": `https://127.0.0.1:${srv.port}/etcd`,
    "cache-dir": path.join(tmp, "cache-http"),
  });
  assert.notEqual(res.status, 0);
  assert.match(
    res.stderr,
    /input 'kubernetes-release-url': "http:\/\/127\.0\.0\.1:\d+\/k8s" is plain http, and binaries fetched over it could be altered on the way; use an https URL, or set allow-insecure-downloads: true/,
  );
  assert.deepEqual(srv.requests, [], "nothing was asked of the http server");
});

test("an https download redirected to http is refused; over https from a trusted mirror the drill passes", async (t) => {
  await seedOnce();
  const plain = await releaseServer();
  t.after(plain.close);
  const srv = await releaseServer({ tls: trustedReleasePki(), movedTo: plain.base });
  t.after(srv.close);
  await snapshot(fx.sandbox, "over-https");
  const cache = path.join(tmp, "cache-https");
  const downgraded = await drillCli("over-https", {
    "kubernetes-release-url": `${srv.base}/moved/k8s`,
    "etcd-release-url": srv.etcd,
    "cache-dir": cache,
  });
  assert.notEqual(downgraded.status, 0, downgraded.stdout + downgraded.stderr);
  assert.match(
    downgraded.stdout + downgraded.stderr,
    /GET https:\/\/127\.0\.0\.1:\d+\/moved\/k8s\/\S+ redirected to http:\/\/127\.0\.0\.1:\d+\/k8s\/\S+: refusing a downgrade from https to http/,
  );
  assert.deepEqual(plain.requests, [], "nothing was fetched over http");
  assert.ok(!fs.existsSync(path.join(cache, "kubernetes")), "nothing from the redirect entered the cache");

  const passed = await drillCli("over-https", {
    "kubernetes-release-url": srv.k8s,
    "etcd-release-url": srv.etcd,
    "cache-dir": cache,
  });
  assert.equal(passed.status, 0, passed.stdout + passed.stderr);
  assert.match(
    passed.stdout + passed.stderr,
    /fetched from https:\/\/127\.0\.0\.1:\d+\/k8s and .*, sha256 verified/,
  );
});
