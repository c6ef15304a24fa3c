// The fleet report against the real harness: three clusters' catalogs in one
// sandbox S3 bucket, written by real etcd-snapshot runs (one of them older
// than the age limit), one failing etcd-drill that records its result next
// to the snapshots; the report fails naming exactly those two clusters, and
// its JSON and table agree with an independent listing of the bucket.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { fromRecord } from "../../src/config/inputs.ts";
import { CapabilityFailure, type AnyCapability } from "../../src/config/capability.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { fleetPlan } from "../../src/capabilities/fleet-plan/capability.ts";
import { fleetReport } from "../../src/capabilities/fleet-report/capability.ts";
import { etcdDrill } from "../../src/capabilities/etcd-drill/capability.ts";
import { toMarkdown } from "../../src/report/report.ts";
import { sleep } from "../../src/core/sleep.ts";
import { etcdInputs, s3Env, sandboxS3, storageInputs } from "../harness/etcd.ts";
import { useSandbox } from "../harness/sandbox.ts";
import { clusterInfo } from "../../src/capabilities/cluster-info/capability.ts";
import { addNodes, setKubeletVersion } from "../../src/sandbox/nodes.ts";

const fx = useSandbox();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-fleet-test-"));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
const lines: string[] = [];
const logger = new ConsoleLogger({ write: (l) => lines.push(l) });

async function run(cap: AnyCapability, inputs: Record<string, string>) {
  return cap.run(cap.parse(fromRecord(inputs)), { logger });
}

const CLUSTERS = ["fleet-fresh", "fleet-stale", "fleet-drill-failed"];

function inventory(): string {
  const s3 = fx.sandbox.info.s3;
  assert.ok(s3);
  const file = path.join(tmp, "fleet.yaml");
  fs.writeFileSync(
    file,
    [
      "version: 1",
      "defaults:",
      `  snapshots: { bucket: ${s3.bucket}, prefix: fleet/, endpoint: "${s3.endpoint}", region: ${s3.region} }`,
      "clusters:",
      ...CLUSTERS.map(
        (name, i) =>
          `  - { name: ${name}, kind: kubeadm, labels: { env: test, wave: "${i}" }, access: { kubeconfig-secret: KUBECONFIG_${i} }, snapshots: {} }`,
      ),
      // A managed cluster: listed, not judged on snapshots.
      "  - name: fleet-eks",
      "    kind: eks",
      "    labels: { env: test }",
      "    access: { eks: { cluster-name: shop, region: us-east-1, role-arn: 'arn:aws:iam::123456789012:role/kubekeep' } }",
      "",
    ].join("\n"),
  );
  return file;
}

/** Snapshot keys under each cluster's prefix, listed with the plain SDK (not kubekeep's catalog). */
async function listBucket(): Promise<Map<string, string[]>> {
  const { client, s3 } = sandboxS3(fx.sandbox.info);
  try {
    const out = new Map<string, string[]>();
    for (const c of CLUSTERS) {
      const res = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `fleet/${c}/` }));
      out.set(
        c,
        (res.Contents ?? []).map((o) => o.Key ?? "").filter((k) => /\.db(\.zst|\.gz)?(\.enc)?$/.test(k)),
      );
    }
    return out;
  } finally {
    client.destroy();
  }
}

async function getJson(key: string): Promise<Record<string, unknown> | undefined> {
  const { client, s3 } = sandboxS3(fx.sandbox.info);
  try {
    const res = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return JSON.parse(
      await (res.Body as { transformToString(): Promise<string> }).transformToString(),
    ) as Record<string, unknown>;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}

test("fleet-plan: the matrix of the inventory, by wave, every parameter a job needs", async () => {
  const file = inventory();
  const res = await run(fleetPlan, { inventory: file, selector: "env=test,wave", "wave-order": "2,1,0" });
  const matrix = JSON.parse(String(res.outputs.matrix)) as { include: Record<string, unknown>[] };
  assert.deepEqual(
    matrix.include.map((e) => e.name),
    ["fleet-drill-failed", "fleet-stale", "fleet-fresh"],
  );
  assert.equal(matrix.include[0]?.["s3-endpoint"], fx.sandbox.info.s3?.endpoint);
  assert.equal(matrix.include[0]?.["concurrency-group"], "kubekeep-cluster-fleet-drill-failed");
  assert.equal(res.outputs.pages, 1);
  assert.equal(res.outputs["matrix-2"], '{"include":[]}');
});

test("fleet-report: a stale snapshot and a failed drill fail exactly their clusters; table and JSON agree with the bucket", async () => {
  Object.assign(process.env, s3Env(fx.sandbox.info));
  const info = fx.sandbox.info;
  const file = inventory();
  const snap = (name: string) =>
    run(etcdSnapshot, etcdInputs(info, { "s3-prefix": "fleet/", "cluster-name": name }));

  // The stale cluster's snapshot, then a gap, then the others': the limit
  // falls in the gap, so only the first is older than it.
  await snap("fleet-stale");
  await sleep(2000);
  const mid = Date.now();
  await sleep(2000);
  await snap("fleet-fresh");
  const drilled = await snap("fleet-drill-failed");

  // A drill that fails for real after downloading and verifying the
  // snapshot: its etcdutl cannot restore it. The drill records the failure.
  const bins = path.join(tmp, "bins");
  fs.mkdirSync(bins);
  for (const b of ["etcd", "kube-apiserver"])
    fs.writeFileSync(path.join(bins, b), "#!/bin/sh\nexit 0\n", { mode: 0o755 });
  fs.writeFileSync(
    path.join(bins, "etcdutl"),
    "#!/bin/sh\necho 'Error: simulated: the database file is damaged'\nexit 1\n",
    { mode: 0o755 },
  );
  const exportDir = path.join(tmp, "export");
  fs.mkdirSync(exportDir);
  await assert.rejects(
    run(
      etcdDrill,
      storageInputs(info, {
        "s3-prefix": "fleet/",
        "cluster-name": "fleet-drill-failed",
        "binaries-dir": bins,
        "kubernetes-version": "v1.35.4",
        "compare-with": "export",
        "export-path": exportDir,
      }),
    ),
    /etcd drill failed: the snapshot does not restore/,
  );
  const record = await getJson("fleet/fleet-drill-failed/drills/last.json");
  assert.equal(record?.passed, false);
  assert.equal(record?.snapshotKey, drilled.outputs.key);
  assert.match(String(record?.reason), /simulated: the database file is damaged/);
  assert.equal(await getJson("fleet/fleet-drill-failed/drills/last-pass.json"), undefined);

  const now = new Date(Date.now() + 1000);
  const maxAge = Math.floor((now.getTime() - mid) / 1000);
  const reportFile = path.join(tmp, "out", "fleet-report.json");
  let failure: CapabilityFailure | undefined;
  try {
    await run(fleetReport, {
      inventory: file,
      "max-snapshot-age": `${maxAge}s`,
      "report-file": reportFile,
      now: now.toISOString(),
    });
  } catch (err) {
    if (!(err instanceof CapabilityFailure)) throw err;
    failure = err;
  }
  assert.ok(failure, "the report fails");
  // By name: the report's order, whatever order S3 or the inventory lists them in.
  assert.match(
    failure.message,
    /^2 of 4 clusters fail: fleet-drill-failed \(last drill failed .*\), fleet-stale \(newest verified snapshot is \d+s old/,
  );
  assert.doesNotMatch(failure.message, /fleet-fresh|fleet-eks/);
  assert.equal(failure.result.outputs.failing, JSON.stringify(["fleet-drill-failed", "fleet-stale"]));
  assert.equal(failure.result.outputs["report-file"], reportFile);

  // The JSON against an independent listing of the bucket.
  const json = JSON.parse(fs.readFileSync(reportFile, "utf8")) as {
    failing: string[];
    clusters: {
      name: string;
      snapshots: number;
      newest?: { key: string; verified: boolean; ageSeconds: number };
      newestVerified?: { key: string };
      lastDrill?: { passed: boolean; snapshotKey: string };
      problems: string[];
    }[];
  };
  assert.deepEqual(json.failing, ["fleet-drill-failed", "fleet-stale"]);
  const listed = await listBucket();
  for (const name of CLUSTERS) {
    const c = json.clusters.find((x) => x.name === name);
    assert.ok(c, name);
    const keys = (listed.get(name) ?? []).sort();
    assert.equal(c.snapshots, keys.length, `${name}: snapshot count`);
    assert.equal(c.newest?.key, keys.at(-1), `${name}: newest key`);
    const sidecar = await getJson(`${keys.at(-1)}.json`);
    assert.equal(c.newest?.verified, sidecar?.verified === true, `${name}: verified`);
    assert.equal(c.newestVerified?.key, keys.at(-1));
    assert.equal(c.lastDrill?.passed, name === "fleet-drill-failed" ? false : undefined);
    assert.equal(c.problems.length > 0, name !== "fleet-fresh");
  }
  assert.deepEqual(json.clusters.find((x) => x.name === "fleet-eks")?.problems, []);

  // The table says the same.
  const md = toMarkdown(failure.result.report);
  assert.match(
    md,
    /\| fleet-fresh \| kubeadm \| 1 \| \d+s ago \| \d+s ago \| none \| none \| - \| - \| - \| - \| - \| OK \|/,
  );
  assert.match(md, /\| fleet-stale \| kubeadm \| 1 \| .* \| FAIL: newest verified snapshot is \d+s old/);
  assert.match(
    md,
    /\| fleet-drill-failed \| kubeadm \| 1 \| .* \| FAILED \d+s ago \| none \| - \| - \| - \| - \| - \| FAIL: last drill failed/,
  );
  assert.match(md, /fleet-drill-failed: last drill failed: .*simulated: the database file is damaged/);
  assert.match(md, /\| fleet-eks \| eks \| - \| .* \| OK \(no etcd snapshots\) \|/);

  // Within a limit every snapshot meets, only the failed drill fails.
  await assert.rejects(
    run(fleetReport, { inventory: file, "report-file": reportFile }),
    (err: unknown) =>
      err instanceof CapabilityFailure && /^1 of 4 clusters fail: fleet-drill-failed /.test(err.message),
  );
  // And a selector that leaves it out passes.
  const ok = await run(fleetReport, {
    inventory: file,
    selector: "wave in (0,1)",
    "report-file": reportFile,
  });
  assert.equal(ok.outputs.ok, true);
  assert.equal(ok.outputs.failing, "[]");
});

test("fleet-report shows each cluster's versions recorded by cluster-info, and fails naming a skewed kubelet and the rule it breaks", async () => {
  // Promises: cluster-info (with s3-bucket) records the API server's version
  // and the kubelets' versions next to the snapshots; fleet-report reads them
  // from the bucket alone, shows the API server and the kubelets' range in
  // its table and JSON, and fails a cluster whose kubelet is more than three
  // minors older than its API server (the skew policy), naming the rule.
  const info = fx.sandbox.info;
  Object.assign(process.env, s3Env(info));
  const file = inventory();
  await addNodes(fx.client, [
    { name: "fleet-v-new", kubeletVersion: "v1.35.4" },
    { name: "fleet-v-old", kubeletVersion: "v1.31.7" },
  ]);
  const record = async (cluster: string) => {
    const res = await run(clusterInfo, {
      "kubeconfig-path": info.kubeconfig,
      ...storageInputs(info, { "s3-prefix": "fleet/", "cluster-name": cluster }),
    });
    return String(res.outputs["server-version"]);
  };
  const apiServer = await record("fleet-fresh");
  const recorded = await getJson("fleet/fleet-fresh/versions/last.json");
  // The record against an independent reading of the nodes.
  const nodes = await fx.client.get<{ items: { status: { nodeInfo: { kubeletVersion: string } } }[] }>(
    "/api/v1/nodes",
  );
  const counts: Record<string, number> = {};
  for (const n of nodes.items)
    counts[n.status.nodeInfo.kubeletVersion] = (counts[n.status.nodeInfo.kubeletVersion] ?? 0) + 1;
  assert.equal(recorded?.apiServer, apiServer);
  assert.deepEqual(recorded?.kubelets, counts);
  assert.equal(recorded?.nodes, nodes.items.length);

  const reportFile = path.join(tmp, "versions.json");
  let failure: CapabilityFailure | undefined;
  try {
    await run(fleetReport, { inventory: file, selector: "wave=0", "report-file": reportFile });
  } catch (err) {
    if (!(err instanceof CapabilityFailure)) throw err;
    failure = err;
  }
  assert.ok(failure, "the report fails on the skewed kubelet");
  assert.equal(
    failure.message,
    `1 of 1 clusters fail: fleet-fresh (version skew: kubelet v1.31.7 (1 node) is 4 minors older than kube-apiserver ${apiServer}: the skew policy allows at most 3)`,
  );
  const json = JSON.parse(fs.readFileSync(reportFile, "utf8")) as {
    clusters: { versions?: { apiServer: string; kubeletMin: string; kubeletMax: string; nodes: number } }[];
  };
  assert.equal(json.clusters[0]?.versions?.apiServer, apiServer);
  assert.equal(json.clusters[0]?.versions?.kubeletMin, "v1.31.7");
  assert.equal(json.clusters[0]?.versions?.kubeletMax, "v1.35.4");
  assert.equal(json.clusters[0]?.versions?.nodes, nodes.items.length);
  const md = toMarkdown(failure.result.report);
  assert.match(
    md,
    new RegExp(
      `\\| ${apiServer} \\(\\d+s ago\\) \\| v1\\.31\\.7 to v1\\.35\\.4 \\(${nodes.items.length} nodes\\) \\| FAIL: version skew: kubelet v1\\.31\\.7`,
    ),
  );
  // The node upgraded within the policy (three minors behind): recorded again, the cluster passes.
  await setKubeletVersion(fx.client, "fleet-v-old", "v1.32.0");
  await record("fleet-fresh");
  const ok = await run(fleetReport, { inventory: file, selector: "wave=0", "report-file": reportFile });
  assert.equal(ok.outputs.ok, true);
  assert.match(toMarkdown(ok.report), /\| v1\.32\.0 to v1\.35\.4 \(\d+ nodes\) \| OK \|/);
  // Out of upstream support, by the newest minor in the fleet: a note, not a failure.
  assert.match(
    toMarkdown(ok.report),
    /fleet-fresh: oldest kubelet v1\.32\.0 is out of upstream support: 1\.35 exists/,
  );

  // A forged record (markup in a version) is refused, naming its object.
  const { client, s3 } = sandboxS3(info);
  const { PutObjectCommand } = await import("@aws-sdk/client-s3");
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: "fleet/fleet-fresh/versions/last.json",
        Body: JSON.stringify({ ...recorded, apiServer: "v1.35.4<img src=x>" }),
      }),
    );
  } finally {
    client.destroy();
  }
  await assert.rejects(
    run(fleetReport, { inventory: file, selector: "wave=0", "report-file": reportFile }),
    (err: unknown) =>
      err instanceof CapabilityFailure &&
      err.message.includes(
        "fleet/fleet-fresh/versions/last.json is refused: 'apiServer' is not a Kubernetes version",
      ),
  );
  await record("fleet-fresh");
  await fx.client.request("DELETE", "/api/v1/nodes/fleet-v-new");
  await fx.client.request("DELETE", "/api/v1/nodes/fleet-v-old");
});

test("fleet-report refuses a forged drill record and names its object", async () => {
  const info = fx.sandbox.info;
  Object.assign(process.env, s3Env(info));
  const file = inventory();
  const { client, s3 } = sandboxS3(info);
  const { PutObjectCommand } = await import("@aws-sdk/client-s3");
  try {
    await client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: "fleet/fleet-fresh/drills/last-pass.json",
        Body: JSON.stringify({
          formatVersion: 1,
          cluster: "fleet-fresh",
          at: "2099-01-01T00:00:00Z",
          passed: true,
          snapshotKey: "../../etc/passwd",
          reason: "",
        }),
      }),
    );
  } finally {
    client.destroy();
  }
  await assert.rejects(
    run(fleetReport, { inventory: file, selector: "wave=0", "report-file": path.join(tmp, "forged.json") }),
    (err: unknown) =>
      err instanceof CapabilityFailure &&
      err.message.includes(
        "fleet/fleet-fresh/drills/last-pass.json is refused: its time 2099-01-01T00:00:00Z is in the future",
      ),
  );
});

test("fleet-report reads each export from the repository as untrusted input; max-export-age judges it; a shallow clone is refused", async () => {
  // Promises: the export's newest commit (age, objects, risky changes) is
  // read from git alone; a file name made to look like a shell command is
  // only classified (nothing runs); a stale export, a commit dated in the
  // future and a shallow clone fail the cluster with max-export-age, naming why.
  const repo = path.join(tmp, "exports");
  fs.mkdirSync(repo);
  const git = (args: string[], date?: Date, cwd = repo) =>
    execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@kubekeep.invalid", ...args], {
      cwd,
      encoding: "utf8",
      env: date
        ? { ...process.env, GIT_AUTHOR_DATE: date.toISOString(), GIT_COMMITTER_DATE: date.toISOString() }
        : process.env,
    }).trim();
  git(["init", "-q", "-b", "main"]);
  const write = (f: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, f)), { recursive: true });
    fs.writeFileSync(path.join(repo, f), "kind: X\n");
  };

  write("clusters/shop/namespaces/app/core/ConfigMap/a.yaml");
  write("clusters/shop/namespaces/app/core/Secret/$(touch pwned).yaml");
  write("clusters/shop/cluster/admissionregistration.k8s.io/ValidatingWebhookConfiguration/w.yaml");
  write("clusters/other/namespaces/app/core/Secret/not-this-cluster.yaml");
  git(["add", "-A"]);
  git(["commit", "-q", "-m", "export"], new Date(Date.now() - 10 * 86_400_000));
  const inventoryFile = path.join(tmp, "fleet-exports.yaml");
  fs.writeFileSync(
    inventoryFile,
    [
      "version: 1",
      "clusters:",
      "  - name: shop",
      "    kind: eks",
      "    access: { kubeconfig-secret: KUBECONFIG_SHOP }",
      "    export: { path: clusters/shop }",
      "",
    ].join("\n"),
  );
  const reportFile = path.join(tmp, "exports.json");
  const report = (repository: string, extra: Record<string, string> = {}) =>
    run(fleetReport, { inventory: inventoryFile, repository, "report-file": reportFile, ...extra });
  const failure = async (repository: string) => {
    try {
      await report(repository, { "max-export-age": "7d" });
    } catch (err) {
      if (err instanceof CapabilityFailure) return err;
      throw err;
    }
    assert.fail("the report passed");
  };
  // Reported, not judged, without max-export-age.
  const ok = await report(repo);
  assert.equal(ok.outputs.ok, true);
  const json = JSON.parse(fs.readFileSync(reportFile, "utf8")) as {
    clusters: { export?: { commit: string; objects: number; riskyChanges: number; ageSeconds: number } }[];
  };
  assert.equal(json.clusters[0]?.export?.commit, git(["rev-parse", "HEAD"]));
  assert.equal(json.clusters[0]?.export?.objects, 3);
  assert.equal(
    json.clusters[0]?.export?.riskyChanges,
    2,
    "the Secret and the webhook, not the other cluster's",
  );
  assert.ok(Math.abs((json.clusters[0]?.export?.ageSeconds ?? 0) - 10 * 86400) < 120);
  for (const dir of [repo, process.cwd()])
    assert.ok(!fs.existsSync(path.join(dir, "pwned")), "a file name ran as a command");
  const md = toMarkdown(ok.report);
  assert.match(
    md,
    /\| shop \| eks \| - \| - \| - \| - \| - \| 10d ago \| 3 \| 2 \| - \| - \| OK \(no etcd snapshots\) \|/,
  );
  assert.match(md, /shop: 2 risky changes in export commit [0-9a-f]{12}: .*\(Secret, added\)/);
  assert.doesNotMatch(md, /\$\(touch/, "the file name is shown through the display filter");

  assert.match(
    (await failure(repo)).message,
    /shop \(newest export commit is 10d old \(max-export-age 7d\)\)/,
  );
  git(["commit", "-q", "--allow-empty", "-m", "later"], new Date(Date.now() + 86_400_000));
  write("clusters/shop/namespaces/app/core/ConfigMap/b.yaml");
  git(["add", "-A"]);
  git(["commit", "-q", "-m", "future"], new Date(Date.now() + 86_400_000));
  assert.match(
    (await failure(repo)).message,
    /shop \(cannot read its export: its newest export commit [0-9a-f]{40} is dated in the future/,
  );
  const shallow = path.join(tmp, "shallow");
  git(["clone", "-q", "--depth", "1", `file://${repo}`, shallow], undefined, tmp);
  assert.match((await failure(shallow)).message, /is a shallow clone.*fetch-depth: 0/);
  assert.match((await failure(path.join(tmp, "no-repo"))).message, /is not a git repository/);
});
