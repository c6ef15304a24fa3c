import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fromRecord } from "../../src/config/inputs.ts";
import { parseRestoreConfig } from "../../src/capabilities/etcd-restore/config.ts";
import { parseSnapshotConfig } from "../../src/capabilities/etcd-snapshot/config.ts";
import { etcdPrune } from "../../src/capabilities/etcd-prune/capability.ts";
import { etcdutlArgs, kubeadmRestoreCommands } from "../../src/etcd/restore.ts";

const PEM = "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----";
const base = { "etcd-ca": PEM, "etcd-cert": PEM, "etcd-key": PEM, "s3-bucket": "backups" };
const parse = (extra: Record<string, string>) => parseSnapshotConfig(fromRecord({ ...base, ...extra }));

test("snapshot config: defaults", () => {
  const c = parse({});
  assert.equal(c.etcd.endpoint, undefined, "no endpoint: port-forward");
  assert.equal(c.etcd.tls.ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
  assert.equal(c.compression, "zstd");
  assert.equal(c.verify, true);
  assert.deepEqual(c.retention, {});
  assert.equal(c.storage.clusterName, "kubernetes");
  assert.equal(c.storage.s3.prefix, "etcd/");
  assert.equal(c.storage.s3.forcePathStyle, false);
  assert.equal(c.storage.s3.partSize, 8 * 1024 * 1024);
  assert.equal(c.storage.encryptionKey, undefined);
});

test("snapshot config: endpoints, S3 options, retention and keys", () => {
  const c = parse({
    "etcd-endpoint": "https://10.0.0.10:2379",
    "s3-endpoint": "http://127.0.0.1:9000",
    "s3-prefix": "/backups",
    "s3-sse": "aws:kms",
    "s3-sse-kms-key-id": "alias/etcd",
    "keep-last": "3",
    "max-age": "7d",
    "keep-daily": "7",
    "encryption-key": "ab".repeat(32),
  });
  assert.equal(c.etcd.endpoint, "10.0.0.10:2379");
  assert.equal(c.storage.s3.forcePathStyle, true);
  assert.equal(c.storage.s3.prefix, "backups/");
  assert.equal(c.storage.s3.kmsKeyId, "alias/etcd");
  assert.deepEqual(c.retention, { keepLast: 3, maxAgeMs: 7 * 86_400_000, daily: 7 });
  assert.equal(c.storage.encryptionKey?.length, 32);
});

test("snapshot config: mistakes name the input and the expected form", () => {
  const cases: [Record<string, string>, RegExp][] = [
    [
      { "etcd-endpoint": "http://10.0.0.10:2379" },
      /input 'etcd-endpoint'.*https:\/\/ address: etcd must use TLS/,
    ],
    [{ "etcd-endpoint": "10.0.0.10" }, /input 'etcd-endpoint'.*https:\/\/host:port/],
    [{ "etcd-ca": "/no/such/file" }, /input 'etcd-ca': "\/no\/such\/file" is neither PEM content/],
    [{ "s3-bucket": "Bad_Bucket" }, /input 's3-bucket': got "Bad_Bucket"/],
    [{ "s3-part-size": "1Mi" }, /input 's3-part-size'.*at least 5Mi/],
    [{ "s3-sse-kms-key-id": "k" }, /needs s3-sse: aws:kms/],
    [{ compression: "lz4" }, /input 'compression': got "lz4", expected one of zstd, gzip, none/],
    [
      { "encryption-key": "hunter2-secret" },
      /input 'encryption-key': expected a 32-byte key.*value not shown/,
    ],
    [{ "cluster-name": "a/b" }, /input 'cluster-name'/],
    [{ "keep-last": "-1" }, /input 'keep-last'/],
    [{ "s3-prefix": "a;b/" }, /input 's3-prefix': got "a;b\/", expected letters, digits/],
    [{ "s3-prefix": "a/../b/" }, /input 's3-prefix'.*no '\.\.' segment/],
    [{ "object-lock-mode": "GOVERNANCE" }, /object-lock-mode': GOVERNANCE needs object-lock-retain/],
    [{ "object-lock-retain": "30d" }, /object-lock-retain' needs object-lock-mode/],
    [{ "object-lock-mode": "FOREVER", "object-lock-retain": "1d" }, /input 'object-lock-mode'/],
  ];
  for (const [extra, re] of cases) assert.throws(() => parse(extra), re, JSON.stringify(extra));
  assert.throws(
    () => parseSnapshotConfig(fromRecord({ ...base, "etcd-key": "" })),
    /input 'etcd-key' is required/,
  );
  assert.throws(() => etcdPrune.parse(fromRecord({ "s3-bucket": "backups" })), /needs a retention policy/);
});

test("snapshot config: Object Lock retention and allow-unauthenticated-snapshots", () => {
  const c = parse({
    "object-lock-mode": "COMPLIANCE",
    "object-lock-retain": "30d",
    "allow-unauthenticated-snapshots": "true",
  });
  assert.deepEqual(c.storage.s3.objectLock, { mode: "COMPLIANCE", retainMs: 30 * 86_400_000 });
  assert.equal(c.storage.allowUnauthenticated, true);
  assert.equal(parse({}).storage.s3.objectLock, undefined);
});

test("certificate and key files are read", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-unit-"));
  try {
    fs.writeFileSync(path.join(dir, "ca.crt"), PEM.replace(/\\n/g, "\n"));
    fs.writeFileSync(path.join(dir, "key"), "cd".repeat(32) + "\n");
    const c = parse({ "etcd-ca": path.join(dir, "ca.crt"), "encryption-key": path.join(dir, "key") });
    assert.match(c.etcd.tls.ca, /^-----BEGIN CERTIFICATE-----\nMIIB/);
    assert.equal(c.storage.encryptionKey?.toString("hex"), "cd".repeat(32));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("restore: etcdutl arguments and the kubeadm procedure", () => {
  const c = parseRestoreConfig(
    fromRecord({
      "s3-bucket": "backups",
      "data-dir": "/var/lib/etcd-new",
      "member-name": "cp-1",
      "initial-advertise-peer-urls": "https://10.0.0.10:2380",
    }),
  );
  assert.deepEqual(etcdutlArgs(c, "/tmp/s.db"), [
    "snapshot",
    "restore",
    "/tmp/s.db",
    "--data-dir=/var/lib/etcd-new",
    "--name=cp-1",
    "--initial-advertise-peer-urls=https://10.0.0.10:2380",
  ]);
  const lines = kubeadmRestoreCommands(c, "/tmp/s.db").join("\n");
  assert.match(lines, /mv \/etc\/kubernetes\/manifests\/etcd\.yaml/);
  assert.match(
    lines,
    /etcdutl snapshot restore \/tmp\/s\.db --data-dir=\/var\/lib\/etcd-new --name=cp-1 \\\n  --initial-cluster=cp-1=https:\/\/10\.0\.0\.10:2380/,
  );
});
