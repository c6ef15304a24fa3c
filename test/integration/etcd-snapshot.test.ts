// etcd snapshots against the real sandbox: mTLS gRPC snapshot streamed to S3,
// restored with etcd's own tooling into a new member that serves the same
// keys; port-forward through the API server; and the failures users hit.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import * as grpc from "@grpc/grpc-js";
import { parseAllDocuments } from "yaml";
import { applyAll, type KubeObject } from "../../src/cluster/resources.ts";
import { GetObjectCommand, PutObjectCommand, type GetObjectCommandOutput } from "@aws-sdk/client-s3";
import { timestamp } from "../../src/storage/keys.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import type { AnyCapability } from "../../src/config/capability.ts";
import { ConfigurationError, OperationalError } from "../../src/core/errors.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { createPki } from "../../src/core/pki.ts";
import { etcdPrune } from "../../src/capabilities/etcd-prune/capability.ts";
import { etcdRestore } from "../../src/capabilities/etcd-restore/capability.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { encodeVarint } from "../../src/etcd/proto.ts";
import { createEtcdPod, etcdPortForwardConfig } from "../../src/sandbox/etcd-pod.ts";
import { addNodes } from "../../src/sandbox/nodes.ts";
import {
  etcdInputs,
  keysUnder,
  listKeys,
  putKey,
  s3Env,
  sandboxS3,
  sandboxTls,
  startRestoredEtcd,
  stopPid,
  storageInputs,
} from "../harness/etcd.ts";
import { kubeconfigWith, serviceAccountKubeconfig } from "../harness/kubeconfigs.ts";
import { startConnectProxy } from "../harness/proxy.ts";
import { runBuiltAction, runCli } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";

const fx = useSandbox({ kwokExtraConfig: etcdPortForwardConfig(["cp-1"]) });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-etcd-test-"));
const key = randomBytes(32).toString("base64");
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });

// Top-level before() hooks may start before useSandbox's has finished: set up lazily.
let ready: Promise<void> | undefined;
function setup(): Promise<void> {
  ready ??= (async () => {
    Object.assign(process.env, s3Env(fx.sandbox.info));
    await addNodes(fx.client, [{ name: "cp-1", role: "control-plane" }]);
    await createEtcdPod(fx.client, "cp-1");
  })();
  return ready;
}
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(cap: AnyCapability, inputs: Record<string, string>) {
  return cap.run(cap.parse(fromRecord(inputs)), { logger });
}

test("mTLS snapshot, zstd + encrypted, restored by etcdutl into a new member with the same keys", async () => {
  await setup();
  const info = fx.sandbox.info;
  const tls = sandboxTls(info);
  for (let i = 0; i < 20; i++) await putKey(info.etcd.endpoint, tls, `/kubekeep-test/key-${i}`, `value-${i}`);
  const before = await keysUnder(info.etcd.endpoint, tls, "/registry/");
  const snap = await run(
    etcdSnapshot,
    etcdInputs(info, { "cluster-name": "restore", "encryption-key": key, "verify-hashkv": "true" }),
  );
  await putKey(info.etcd.endpoint, tls, "/kubekeep-test/after-the-snapshot", "x");

  const out = snap.outputs;
  assert.match(
    String(out.key),
    /^etcd\/restore\/restore-etcd-\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{10}\.db\.zst\.enc$/,
  );
  assert.match(String(out.sha256), /^[0-9a-f]{64}$/);
  assert.equal(out.verified, true);
  assert.equal(out.hashkv, "match", snap.report.facts.join("\n"));
  assert.equal(out["etcd-version"], "3.6.16");
  assert.ok(Number(out.revision) > 20);
  assert.ok(Number(out.size) < Number(out["db-size"]), "zstd made it smaller");
  assert.deepEqual(await listKeys(info, "etcd/restore/"), [String(out.key), `${String(out.key)}.json`]);

  const dataDir = path.join(tmp, "restored");
  const restored = await run(etcdRestore, {
    ...storageInputs(info, { "cluster-name": "restore", "encryption-key": key }),
    output: path.join(tmp, "snapshot.db"),
    "data-dir": dataDir,
    "run-restore": "true",
    etcdutl: info.etcdutl,
  });
  assert.equal(restored.outputs.sha256, out.sha256);
  assert.equal(fs.statSync(path.join(tmp, "snapshot.db")).size, Number(out["db-size"]) + 32);

  const member = await startRestoredEtcd(info, dataDir, tmp);
  try {
    assert.deepEqual(
      await keysUnder(member.endpoint, undefined, "/kubekeep-test/"),
      Array.from({ length: 20 }, (_, i) => `/kubekeep-test/key-${i}`).sort(),
    );
    assert.deepEqual(await keysUnder(member.endpoint, undefined, "/registry/"), before);
  } finally {
    await stopPid(member.proc.pid);
  }
});

test("an etcdutl that hangs is ended at etcdutl-timeout, its whole process group, and the restore fails", async () => {
  // Promise (bounded time, clear error): no step waits without a deadline; a
  // restore whose etcdutl hangs (ignoring SIGTERM) fails at the deadline
  // instead of holding the job until the runner's 6-hour limit.
  await setup();
  const info = fx.sandbox.info;
  await run(etcdSnapshot, etcdInputs(info, { "cluster-name": "hang", compression: "none" }));
  const marker = path.join(tmp, "hung-etcdutl.pid");
  const fake = path.join(tmp, "etcdutl-that-hangs");
  fs.writeFileSync(fake, `#!/bin/sh\ntrap '' TERM\necho $$ > ${marker}\nsleep 120 &\nwait\n`, {
    mode: 0o755,
  });
  const started = Date.now();
  const err = await run(etcdRestore, {
    ...storageInputs(info, { "cluster-name": "hang" }),
    output: path.join(tmp, "hang.db"),
    "data-dir": path.join(tmp, "hang-restored"),
    "run-restore": "true",
    etcdutl: fake,
    "etcdutl-timeout": "1s",
  }).catch((e: unknown) => e);
  assert.ok(err instanceof OperationalError, String(err));
  assert.match(
    err.message,
    /did not finish within 1(\.0)?s and was ended \(its process group got SIGTERM, then SIGKILL\)/,
  );
  assert.ok(Date.now() - started < 30_000, `failed after ${Date.now() - started} ms`);
  const pid = Number(fs.readFileSync(marker, "utf8"));
  assert.throws(() => process.kill(-pid, 0), "no process of etcdutl's group is left");
});

test("the built action snapshots through a port-forward to the etcd static pod (kubeconfig only)", async () => {
  await setup();
  const info = fx.sandbox.info;
  const pem = (f: string) => fs.readFileSync(f, "utf8");
  const run = runBuiltAction(
    "etcd-snapshot",
    {
      kubeconfig: pem(info.kubeconfig),
      "etcd-ca": pem(info.etcd.caFile),
      "etcd-cert": pem(info.etcd.certFile),
      "etcd-key": pem(info.etcd.keyFile),
      ...storageInputs(info, { "cluster-name": "pf", compression: "gzip" }),
    },
    s3Env(info),
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.outputs.key ?? "", /^etcd\/pf\/pf-etcd-\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{10}\.db\.gz$/);
  assert.equal(run.outputs.verified, "true");
  assert.match(run.summary, /port-forward to kube-system\/etcd-cp-1 on cp-1/);
  assert.match(run.stdout, /::add-mask::/);
  // No warning about grpc-js giving TLS an IP as server name (DEP0123) in the job log.
  assert.doesNotMatch(run.stdout + run.stderr, /DEP0123|DeprecationWarning/);
});

test("the port-forward goes through the kubeconfig's proxy-url like every other request", async (t) => {
  await setup();
  const info = fx.sandbox.info;
  const proxy = await startConnectProxy();
  t.after(() => proxy.stop());
  // A server name only the proxy resolves: a request going direct would fail.
  const port = new URL(info.server).port;
  const kubeconfig = kubeconfigWith(fx, {
    server: `https://kubernetes.default.svc:${port}`,
    "proxy-url": proxy.url,
  });
  const pem = (f: string) => fs.readFileSync(f, "utf8");
  const result = await run(etcdSnapshot, {
    kubeconfig,
    "etcd-ca": pem(info.etcd.caFile),
    "etcd-cert": pem(info.etcd.certFile),
    "etcd-key": pem(info.etcd.keyFile),
    ...storageInputs(info, { "cluster-name": "proxied" }),
  });
  assert.equal(result.outputs.verified, true);
  // REST requests and the port-forward's WebSocket both reached it through the proxy.
  assert.ok(proxy.requests().includes(`CONNECT kubernetes.default.svc:${port}`));
});

test("the minimal RBAC in docs/rbac is enough for a port-forward snapshot; without pods/portforward the error says so", async () => {
  await setup();
  const info = fx.sandbox.info;
  const docs = parseAllDocuments(
    fs.readFileSync(
      path.join(import.meta.dirname, "..", "..", "docs", "rbac", "kubekeep-etcd-snapshot.yaml"),
      "utf8",
    ),
  ).map((d) => d.toJS() as KubeObject);
  await applyAll(fx.client, docs);
  const pem = (f: string) => fs.readFileSync(f, "utf8");
  const etcd = {
    "etcd-ca": pem(info.etcd.caFile),
    "etcd-cert": pem(info.etcd.certFile),
    "etcd-key": pem(info.etcd.keyFile),
  };
  const allowed = await run(etcdSnapshot, {
    kubeconfig: await serviceAccountKubeconfig(fx, "kube-system", "kubekeep-etcd-snapshot"),
    ...etcd,
    ...storageInputs(info, { "cluster-name": "rbac" }),
  });
  assert.equal(allowed.outputs.verified, true);

  // The same Role without the port-forward rule.
  const pods = docs.map((d) =>
    d.kind === "Role"
      ? {
          ...d,
          metadata: { ...d.metadata, name: "pods-only" },
          rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }],
        }
      : d.kind === "RoleBinding"
        ? {
            ...d,
            metadata: { ...d.metadata, name: "pods-only" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pods-only" },
            subjects: [{ kind: "ServiceAccount", name: "pods-only", namespace: "kube-system" }],
          }
        : { ...d, metadata: { ...d.metadata, name: "pods-only" } },
  );
  await applyAll(fx.client, pods);
  await assert.rejects(
    run(etcdSnapshot, {
      kubeconfig: await serviceAccountKubeconfig(fx, "kube-system", "pods-only"),
      ...etcd,
      ...storageInputs(info, { "cluster-name": "rbac-denied" }),
    }),
    (err: Error) =>
      err instanceof OperationalError &&
      /cannot port-forward to kube-system\/etcd-cp-1:2379 through the Kubernetes API at https:\/\/127\.0\.0\.1:\d+: .*403.*; the kubeconfig's user needs to create pods\/portforward in kube-system/.test(
        err.message,
      ),
  );
});

test("a snapshot taken in a second that already has one (an older version's key) does not overwrite it", async () => {
  await setup();
  const info = fx.sandbox.info;
  const { client, s3 } = sandboxS3(info);
  try {
    // Occupy the old-form keys of the next few seconds, as an older version's run would.
    const start = Date.now();
    const taken = Array.from(
      { length: 4 },
      (_, i) => `etcd/busy/busy-etcd-${timestamp(new Date(start + i * 1000)).replace(/\.\d+Z$/, "Z")}.db.zst`,
    );
    for (const k of taken)
      await client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: k, Body: "earlier" }));
    const snap = await run(etcdSnapshot, etcdInputs(info, { "cluster-name": "busy" }));
    const keyOut = String(snap.outputs.key);
    assert.ok(!taken.includes(keyOut), `${keyOut} is new`);
    for (const k of taken) {
      const stored: GetObjectCommandOutput = await client.send(
        new GetObjectCommand({ Bucket: s3.bucket, Key: k }),
      );
      assert.equal(await stored.Body?.transformToString(), "earlier", `${k} kept`);
    }
  } finally {
    client.destroy();
  }
});

test("the CLI lists and verifies stored snapshots as `kubekeep etcd list|verify`", async () => {
  await setup();
  const info = fx.sandbox.info;
  const flags = [
    "--s3-bucket",
    info.s3?.bucket ?? "",
    "--s3-endpoint",
    info.s3?.endpoint ?? "",
    "--cluster-name",
    "pf",
  ];
  const list = runCli(["etcd", "list", ...flags], s3Env(info));
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, /count=1/);
  assert.match(list.stdout, /pf-etcd-\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{10}\.db\.gz .* yes/);
  const verify = runCli(["etcd", "verify", ...flags], s3Env(info));
  assert.equal(verify.status, 0, verify.stderr);
  assert.match(verify.stdout, /verified=true/);
});

test("S3 goes through HTTP_PROXY/HTTPS_PROXY like the AWS CLI, and direct for NO_PROXY hosts", async (t) => {
  await setup();
  const info = fx.sandbox.info;
  const proxy = await startConnectProxy();
  t.after(() => proxy.stop());
  // An endpoint name only the proxy resolves; the sandbox's S3 speaks plain HTTP.
  const port = new URL(info.s3?.endpoint ?? "").port;
  const endpoint = `http://s3.proxied.test:${port}`;
  const flags = ["--s3-bucket", info.s3?.bucket ?? "", "--s3-endpoint", endpoint, "--cluster-name", "pf"];
  const list = runCli(["etcd", "list", ...flags], { ...s3Env(info), HTTP_PROXY: proxy.url });
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout, /count=1/);
  assert.ok(
    proxy.requests().some((r) => r.startsWith(`GET ${endpoint}/`)),
    proxy.requests().join("\n"),
  );
  const before = proxy.requests().length;
  const direct = runCli(["etcd", "list", ...flags], {
    ...s3Env(info),
    HTTP_PROXY: proxy.url,
    NO_PROXY: "s3.proxied.test",
  });
  assert.equal(direct.status, 1);
  assert.match(direct.stderr, /cannot reach S3 at .*s3\.proxied\.test.* \(ENOTFOUND.*\); check s3-endpoint/);
  assert.equal(proxy.requests().length, before);
  // A proxy that is not there is named as the thing to fix, without a stack trace.
  const dead = runCli(["etcd", "list", ...flags], { ...s3Env(info), HTTP_PROXY: "http://127.0.0.1:9" });
  assert.equal(dead.status, 1);
  assert.match(
    dead.stderr,
    /^kubekeep: cannot reach HTTP_PROXY http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\) on the way to S3/,
  );
  assert.doesNotMatch(dead.stderr, /\n\s+at /);
});

test("without etcd pods (a managed control plane) the port-forward path says to use the export", async () => {
  await setup();
  const info = fx.sandbox.info;
  await assert.rejects(
    run(etcdSnapshot, {
      ...etcdInputs(info),
      "etcd-endpoint": "",
      "kubeconfig-path": info.kubeconfig,
      "etcd-pod": "etcd-nowhere",
    }),
    /no pod "etcd-nowhere" labelled component=etcd in kube-system; found: etcd-cp-1/,
  );
  await fx.client.delete("/api/v1/namespaces/kube-system/pods/etcd-cp-1", { gracePeriodSeconds: 0 });
  try {
    await assert.rejects(
      run(etcdSnapshot, { ...etcdInputs(info), "etcd-endpoint": "", "kubeconfig-path": info.kubeconfig }),
      /no etcd pods \(label component=etcd\) in kube-system: this looks like a managed control plane .* with the export capability instead/,
    );
    // The distribution its nodes show, named with what to do there (docs/support-matrix.md).
    const cases = [
      {
        node: { name: "zz-eks-1", kubeletVersion: "v1.35.4-eks-3025e55" },
        message:
          /this is an EKS cluster \(node zz-eks-1's kubelet v1\.35\.4-eks-3025e55\), whose etcd its provider runs .* back it up with the export capability instead/,
      },
      {
        node: { name: "zz-k3s-1", kubeletVersion: "v1.35.4+k3s1" },
        message:
          /this is a k3s cluster .* give etcd-endpoint .* \/var\/lib\/rancher\/k3s\/server\/tls\/etcd\/ \(etcd-ca: server-ca\.crt, etcd-cert: server-client\.crt, etcd-key: server-client\.key\)/,
      },
      {
        node: {
          name: "zz-gke-1",
          kubeletVersion: "v1.35.4",
          labels: { "cloud.google.com/gke-nodepool": "default" },
        },
        message: /this is a GKE cluster \(node zz-gke-1's cloud\.google\.com\/gke-\* labels\)/,
      },
    ];
    for (const c of cases) {
      await addNodes(fx.client, [c.node]);
      try {
        await assert.rejects(
          run(etcdSnapshot, { ...etcdInputs(info), "etcd-endpoint": "", "kubeconfig-path": info.kubeconfig }),
          (err: unknown) => err instanceof ConfigurationError && c.message.test(err.message),
        );
      } finally {
        await fx.client.delete(`/api/v1/nodes/${c.node.name}`);
      }
    }
  } finally {
    for (let i = 0; i < 100; i++) {
      const pods = await fx.client.get<{ items: unknown[] }>("/api/v1/namespaces/kube-system/pods", {
        fieldSelector: "metadata.name=etcd-cp-1",
      });
      if (pods.items.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await createEtcdPod(fx.client, "cp-1");
  }
});

test("wrong client certificates fail with a message that names the cert inputs", async () => {
  await setup();
  // A PKI of another CA: its client certificate and its CA are foreign to etcd.
  const other = createPki(path.join(tmp, "other-ca"), { caSubject: "/CN=other-ca" });
  const info = fx.sandbox.info;
  // A client cert etcd does not trust.
  const err1 = await run(etcdSnapshot, {
    ...etcdInputs(info, { "cluster-name": "certs" }),
    "etcd-cert": other.etcdClient.cert,
    "etcd-key": other.etcdClient.key,
  }).catch((e: unknown) => e);
  assert.ok(err1 instanceof ConfigurationError, String(err1));
  assert.match(err1.message, /etcd-ca, etcd-cert and etcd-key/);
  // A CA that did not sign etcd's server certificate.
  const err2 = await run(etcdSnapshot, {
    ...etcdInputs(info, { "cluster-name": "certs" }),
    "etcd-ca": other.ca.cert,
  }).catch((e: unknown) => e);
  assert.ok(err2 instanceof ConfigurationError, String(err2));
  assert.match(err2.message, /refused the TLS handshake.*etcd-ca/);
  assert.deepEqual(await listKeys(info, "etcd/certs/"), []);
});

test("a missing bucket fails before the snapshot with the bucket's name", async () => {
  await setup();
  await assert.rejects(
    run(etcdSnapshot, { ...etcdInputs(fx.sandbox.info), "s3-bucket": "no-such-bucket" }),
    /bucket s3:\/\/no-such-bucket at http:\/\/127\.0\.0\.1:\d+ does not exist/,
  );
});

test("a stream whose sha256 trailer is wrong fails and leaves no object", async () => {
  await setup();
  // A fake etcd Maintenance service that sends a database with a bad trailer.
  const pki = fx.sandbox.pki;
  const server = new grpc.Server();
  const raw = {
    requestSerialize: (b: Buffer) => b,
    requestDeserialize: (b: Buffer) => b,
    responseSerialize: (b: Buffer) => b,
    responseDeserialize: (b: Buffer) => b,
  };
  const field = (no: number, wire: number) => encodeVarint(BigInt((no << 3) | wire));
  const bytes = (no: number, b: Buffer) => Buffer.concat([field(no, 2), encodeVarint(BigInt(b.length)), b]);
  const varint = (no: number, v: number) => Buffer.concat([field(no, 0), encodeVarint(BigInt(v))]);
  const db = randomBytes(5 * 32 * 1024);
  server.addService(
    {
      Status: {
        path: "/etcdserverpb.Maintenance/Status",
        requestStream: false,
        responseStream: false,
        ...raw,
      },
      Snapshot: {
        path: "/etcdserverpb.Maintenance/Snapshot",
        requestStream: false,
        responseStream: true,
        ...raw,
      },
    },
    {
      Status: (_call: unknown, cb: (err: null, value: Buffer) => void) =>
        cb(
          null,
          Buffer.concat([bytes(1, varint(3, 42)), bytes(2, Buffer.from("3.6.16")), varint(3, db.length)]),
        ),
      Snapshot: (call: grpc.ServerWritableStream<Buffer, Buffer>) => {
        for (let off = 0; off < db.length; off += 32 * 1024) {
          call.write(
            Buffer.concat([
              varint(2, db.length - off - 32 * 1024),
              bytes(3, db.subarray(off, off + 32 * 1024)),
            ]),
          );
        }
        call.write(bytes(3, randomBytes(32)));
        call.end();
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      "127.0.0.1:0",
      grpc.ServerCredentials.createSsl(
        fs.readFileSync(pki.ca.cert),
        [
          {
            cert_chain: fs.readFileSync(pki.etcdServer.cert),
            private_key: fs.readFileSync(pki.etcdServer.key),
          },
        ],
        true,
      ),
      (err, p) => (err ? reject(err) : resolve(p)),
    ),
  );
  try {
    await assert.rejects(
      run(
        etcdSnapshot,
        etcdInputs(fx.sandbox.info, {
          "etcd-endpoint": `https://127.0.0.1:${port}`,
          "cluster-name": "corrupt",
        }),
      ),
      /snapshot sha256 mismatch: the stream's trailer says [0-9a-f]{64}, the 163840 bytes received hash to/,
    );
    assert.deepEqual(await listKeys(fx.sandbox.info, "etcd/corrupt/"), []);
  } finally {
    server.forceShutdown();
  }
});

test("retention: dry run, keep-last, tiers, never the newest verified, only after verify", async () => {
  await setup();
  const info = fx.sandbox.info;
  const { client, s3 } = sandboxS3(info);
  const put = (k: string, body: string) =>
    client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: k, Body: body }));
  const old = [
    ["20250101T000000Z", true],
    ["20250102T000000Z", false],
    ["20250201T000000Z", true],
    ["20250202T000000Z", false],
  ] as const;
  for (const [t, verified] of old) {
    const k = `etcd/ret/ret-etcd-${t}.db.zst`;
    await put(k, "not a real snapshot");
    // A sidecar as an older kubekeep wrote it: every field (a reader checks each one).
    await put(
      `${k}.json`,
      JSON.stringify({
        formatVersion: 1,
        key: k,
        cluster: "ret",
        createdAt: `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}T00:00:00.000Z`,
        etcdVersion: "3.6.16",
        storageVersion: "3.6.0",
        clusterId: "cdf818194e3a8c32",
        memberId: "8e9e05c52164694d",
        revision: 1,
        dbSize: 1,
        sha256: "0".repeat(64),
        objectSize: 19,
        compression: "zstd",
        encryption: "none",
        verified,
      }),
    );
  }
  await put("etcd/ret/ret-etcd-20250301T000000Z.db.zst", "an interrupted run: no sidecar");
  client.destroy();
  const storage = storageInputs(info, { "cluster-name": "ret" });

  // max-age that covers nothing: only the newest verified (2025-02-01) survives, and the
  // sidecar-less one, which S3 stored a moment ago: it may be a run finishing right now.
  const dry = await run(etcdPrune, { ...storage, "max-age": "1h", "dry-run": "true" });
  assert.equal(dry.outputs["would-delete"], 3, JSON.stringify(dry.report.tables));
  assert.match(JSON.stringify(dry.report.tables), /no metadata yet: may be being written/);
  assert.equal((await listKeys(info, "etcd/ret/")).length, 9, "dry run deletes nothing");
  const monthly = await run(etcdPrune, { ...storage, "keep-monthly": "2" });
  // Months 2025-02 (02-02) and 2025-01 (01-02) among the complete snapshots, plus the
  // newest verified 02-01; the sidecar-less one takes no month's slot (and is kept).
  assert.equal(monthly.outputs.deleted, 1);
  assert.deepEqual(await listKeys(info, "etcd/ret/"), [
    "etcd/ret/ret-etcd-20250102T000000Z.db.zst",
    "etcd/ret/ret-etcd-20250102T000000Z.db.zst.json",
    "etcd/ret/ret-etcd-20250201T000000Z.db.zst",
    "etcd/ret/ret-etcd-20250201T000000Z.db.zst.json",
    "etcd/ret/ret-etcd-20250202T000000Z.db.zst",
    "etcd/ret/ret-etcd-20250202T000000Z.db.zst.json",
    "etcd/ret/ret-etcd-20250301T000000Z.db.zst",
  ]);

  // Without verify, a snapshot run does not prune.
  const unverified = await run(
    etcdSnapshot,
    etcdInputs(info, { "cluster-name": "ret", verify: "false", "keep-last": "1" }),
  );
  assert.equal(unverified.outputs.deleted, 0);
  assert.match(unverified.report.notes.join("\n"), /Retention skipped/);
  // A verified run with keep-last 1 keeps only itself.
  const verified = await run(etcdSnapshot, etcdInputs(info, { "cluster-name": "ret", "keep-last": "1" }));
  assert.equal(verified.outputs.deleted, 4);
  assert.deepEqual(await listKeys(info, "etcd/ret/"), [
    "etcd/ret/ret-etcd-20250301T000000Z.db.zst",
    String(verified.outputs.key),
    `${String(verified.outputs.key)}.json`,
  ]);
  await assert.rejects(run(etcdPrune, storage), /needs a retention policy/);
});
