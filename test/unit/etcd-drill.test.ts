// The drill's pure parts: tolerance parsing and judgement, the per-kind
// comparison and its explanations, ignore-kinds matching, the tar reader the
// etcd release is unpacked with, and input validation.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConfigurationError } from "../../src/core/errors.ts";
import {
  allowedDifference,
  compareCounts,
  isDecryptionError,
  kindIgnorer,
  parseTolerance,
  type CompareOptions,
} from "../../src/etcd/drill/compare.ts";
import type { KindCount } from "../../src/etcd/drill/count.ts";
import { etcdDrill } from "../../src/capabilities/etcd-drill/capability.ts";
import { releaseOf } from "../../src/etcd/drill/binaries.ts";
import { reasonOf } from "../../src/etcd/drill/restored-cluster.ts";
import { untar } from "../../src/core/binaries/download.ts";

test("tolerance: a count, a percentage, or both; anything else names the input and the form", () => {
  assert.deepEqual(parseTolerance("5"), { count: 5, percent: 0 });
  assert.deepEqual(parseTolerance("10%"), { count: 0, percent: 10 });
  assert.deepEqual(parseTolerance("2, 5%"), { count: 2, percent: 5 });
  for (const bad of ["", "x", "5%%", "1.5", "1,2,3", "-1"])
    assert.throws(
      () => parseTolerance(bad),
      /input 'tolerance': got .* expected a count \(5\), a percentage/,
    );
  // Either rule suffices: the larger allowance wins.
  assert.equal(allowedDifference({ count: 2, percent: 5 }, 10), 2);
  assert.equal(allowedDifference({ count: 2, percent: 5 }, 1000), 50);
  assert.equal(allowedDifference({ count: 0, percent: 0 }, 1000), 0);
});

test("ignore-kinds matches as kubectl names kinds", () => {
  const ignored = kindIgnorer(["events", "Lease", "endpointslices.discovery.k8s.io", "pods.core"]);
  assert.ok(ignored("events", "Event"));
  assert.ok(ignored("events.events.k8s.io", "Event"));
  assert.ok(ignored("leases.coordination.k8s.io", "Lease"));
  assert.ok(ignored("endpointslices.discovery.k8s.io", "EndpointSlice"));
  assert.ok(ignored("pods", "Pod"));
  assert.ok(!ignored("configmaps", "ConfigMap"));
  assert.ok(!ignored("widgets.kubekeep.dev", "Widget"));
});

const kinds = (entries: [string, string, number | string][]): Map<string, KindCount> =>
  new Map(
    entries.map(([id, kind, v]) => [
      id,
      typeof v === "number" ? { id, kind, count: v } : { id, kind, error: v },
    ]),
  );

const options = (o: Partial<CompareOptions> = {}): CompareOptions => ({
  tolerance: { count: 1, percent: 0 },
  ignored: kindIgnorer(["events"]),
  referenceName: "the live cluster",
  encryptionConfigGiven: false,
  ...o,
});

test("compareCounts: each kind judged and explained", () => {
  const restored = kinds([
    ["configmaps", "ConfigMap", 10],
    [
      "secrets",
      "Secret",
      "Internal error occurred: unable to transform key: identity transformer tried to read encrypted data",
    ],
    ["events", "Event", 500],
    ["pods", "Pod", 4],
    ["deployments.apps", "Deployment", 3],
    ["gadgets.example.com", "Gadget", 2],
  ]);
  const reference = kinds([
    ["configmaps", "ConfigMap", 10],
    ["secrets", "Secret", 7],
    ["events", "Event", 20],
    ["pods", "Pod", 9],
    ["deployments.apps", "Deployment", 4],
    ["widgets.example.com", "Widget", 5],
    ["nodes.metrics.k8s.io", "NodeMetrics", 3],
  ]);
  const c = compareCounts(restored, reference, options({ restoredFailedGroups: ["metrics.k8s.io/v1beta1"] }));
  const row = (id: string) => c.rows.find((r) => r.id === id);
  assert.equal(row("configmaps")?.verdict, "match");
  assert.equal(row("secrets")?.verdict, "not checked");
  assert.match(row("secrets")?.why ?? "", /encrypted at rest: give encryption-config/);
  assert.equal(row("events")?.verdict, "ignored");
  assert.equal(row("pods")?.verdict, "DIFFERS");
  assert.match(
    row("pods")?.why ?? "",
    /5 fewer in the snapshot \(created after it was taken\?\); tolerance allows 1/,
  );
  assert.equal(row("deployments.apps")?.verdict, "within tolerance");
  assert.equal(row("widgets.example.com")?.verdict, "DIFFERS");
  assert.match(row("widgets.example.com")?.why ?? "", /the snapshot has no such kind/);
  assert.equal(row("gadgets.example.com")?.verdict, "DIFFERS");
  assert.match(row("gadgets.example.com")?.why ?? "", /the live cluster has no such kind/);
  assert.equal(row("nodes.metrics.k8s.io")?.verdict, "not checked");
  assert.match(row("nodes.metrics.k8s.io")?.why ?? "", /aggregated API server/);
  assert.deepEqual(c.encryptedUnchecked, ["secrets"]);
  assert.deepEqual(
    c.failures.map((f) => f.split(":")[0]),
    ["gadgets.example.com", "pods", "widgets.example.com"],
  );
});

test("compareCounts: with encryption-config given, an unreadable kind fails; export exclusions are not judged", () => {
  const restored = kinds([
    ["secrets", "Secret", "unable to transform key: no matching prefix found"],
    ["nodes", "Node", 3],
  ]);
  const reference = kinds([["secrets", "Secret", 2]]);
  const c = compareCounts(
    restored,
    reference,
    options({
      encryptionConfigGiven: true,
      referenceNotListed: new Map([["nodes", "excluded by the export"]]),
    }),
  );
  assert.equal(c.rows.find((r) => r.id === "secrets")?.verdict, "UNREADABLE");
  assert.equal(c.rows.find((r) => r.id === "nodes")?.verdict, "not checked");
  assert.equal(c.failures.length, 1);
  assert.ok(isDecryptionError("identity transformer tried to read encrypted data"));
  assert.ok(!isDecryptionError("connection refused"));
});

test("untar reads the files of a real gzip tar archive, long names included", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-untar-"));
  try {
    const long = "d".repeat(120);
    fs.mkdirSync(path.join(dir, "etcd-v3.6.16-linux-amd64", long), { recursive: true });
    fs.writeFileSync(path.join(dir, "etcd-v3.6.16-linux-amd64", "etcd"), "#!/bin/sh\necho etcd\n");
    fs.writeFileSync(path.join(dir, "etcd-v3.6.16-linux-amd64", long, "f"), Buffer.alloc(1000, 7));
    execFileSync("tar", ["czf", "a.tgz", "etcd-v3.6.16-linux-amd64"], { cwd: dir });
    const files = untar(gunzipSync(fs.readFileSync(path.join(dir, "a.tgz"))));
    assert.equal(files.get("etcd-v3.6.16-linux-amd64/etcd")?.toString(), "#!/bin/sh\necho etcd\n");
    assert.deepEqual(files.get(`etcd-v3.6.16-linux-amd64/${long}/f`), Buffer.alloc(1000, 7));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("releaseOf and reasonOf", () => {
  assert.equal(releaseOf("v1.35.4+k3s1"), "v1.35.4");
  assert.equal(releaseOf("v1.35.4"), "v1.35.4");
  assert.equal(
    reasonOf("starting\npanic: assertion failed: Page expected to be: 69\n\ngoroutine 1:\nmain.main()\n"),
    "panic: assertion failed: Page expected to be: 69",
  );
  assert.equal(reasonOf("a\nb\nc"), "a / b / c");
});

test("drill inputs: mistakes name the input and the expected form", () => {
  const base = { "s3-bucket": "backups" };
  const parse = (extra: Record<string, string>) => etcdDrill.parse(fromRecord({ ...base, ...extra }));
  assert.throws(
    () => parse({ "compare-with": "export" }),
    /input 'export-path' is required with compare-with: export/,
  );
  assert.throws(() => parse({ "kubernetes-version": "latest" }), /input 'kubernetes-version': got "latest"/);
  assert.throws(
    () => parse({ "encryption-config": "not: it" }),
    (err: unknown) =>
      err instanceof ConfigurationError &&
      /expected an EncryptionConfiguration/.test(err.message) &&
      !/not: it/.test(err.message),
  );
  assert.throws(() => parse({ "etcd-release-url": "ftp://x" }), /input 'etcd-release-url'/);
  const c = parse({ "ignore-kinds": "none", tolerance: "0" }) as {
    ignoreKinds: string[];
    tolerance: unknown;
  };
  assert.deepEqual(c.ignoreKinds, []);
  assert.deepEqual(c.tolerance, { count: 0, percent: 0 });
  const d = parse({}) as { ignoreKinds: string[] };
  assert.deepEqual(d.ignoreKinds, ["events", "leases"]);
});
