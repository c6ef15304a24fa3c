/**
 * bench/fleet: `kubekeep fleet-report` over a fleet's catalogs in one bucket.
 * Writes, directly with the S3 SDK (the report reads keys, sidecars and drill
 * records, never the snapshot bytes), `--clusters` clusters' catalogs in the
 * current format: `--snapshots` snapshots each (a tiny object and its
 * format-1 sidecar, every one verified, the newest an hour old) and a passing
 * drill record; then times the built CLI's fleet-report over the whole
 * inventory `--runs` times (wall time and peak RSS, GNU time) and prints the
 * medians with the machine's load before and after.
 *
 *   node bench/fleet/run.ts [--clusters 200] [--snapshots 10] [--runs 3] [--sandbox DIR] [--cli FILE]
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { drillRecordKeys, newDrillRecord } from "../../src/etcd/drill-record.ts";
import { snapshotKey } from "../../src/storage/keys.ts";
import { benchFlag } from "../etcd-fill.ts";
import { benchSandbox, cliPath, loadAverage, median } from "../common.ts";
import { measure } from "../measure.ts";

const clusters = Number(benchFlag("clusters", "200"));
const perCluster = Number(benchFlag("snapshots", "10"));
const runs = Number(benchFlag("runs", "3"));
const cli = cliPath(benchFlag("cli", "") || undefined);
const logger = new ConsoleLogger();
const sb = await benchSandbox(benchFlag("sandbox", "") || undefined, { logger });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-bench-fleet-"));
const bucket = `bench-fleet-${randomBytes(4).toString("hex")}`;
try {
  const s3 = sb.info.s3;
  if (!s3) throw new Error("no S3");
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const names = Array.from({ length: clusters }, (_, i) => `c-${String(i).padStart(4, "0")}`);
  const puts: { Key: string; Body: string }[] = [];
  const now = Date.now();
  for (const name of names) {
    let newest = "";
    for (let j = 0; j < perCluster; j++) {
      const at = new Date(now - 3_600_000 - j * 6 * 3_600_000);
      const runId = randomBytes(5).toString("hex");
      const key = snapshotKey("fleet/", name, at, runId, "none", false);
      const body = `synthetic ${key}\n`;
      const sha = createHash("sha256").update(body).digest("hex");
      const sidecar = {
        formatVersion: 1,
        key,
        cluster: name,
        runId,
        etag: `"${createHash("md5").update(body).digest("hex")}"`,
        createdAt: at.toISOString(),
        etcdVersion: "3.6.16",
        storageVersion: "3.6.0",
        clusterId: "cdf818194e3a8c32",
        memberId: "8e9e05c52164694d",
        revision: 1000 + j,
        dbSize: body.length,
        sha256: sha,
        objectSize: body.length,
        compression: "none",
        encryption: "none",
        verified: true,
        verifiedAt: at.toISOString(),
      };
      puts.push({ Key: key, Body: body }, { Key: `${key}.json`, Body: JSON.stringify(sidecar) });
      if (j === 0) newest = key;
    }
    const record = JSON.stringify(newDrillRecord(name, true, newest, "", new Date(now - 7_200_000)));
    const keys = drillRecordKeys("fleet/", name);
    puts.push({ Key: keys.last, Body: record }, { Key: keys.lastPass, Body: record });
  }
  const writeStarted = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let i = next++; i < puts.length; i = next++) {
        const p = puts[i] as { Key: string; Body: string };
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: p.Key, Body: p.Body }));
      }
    }),
  );
  client.destroy();
  logger.info(
    `wrote ${puts.length} objects (${clusters} clusters x ${perCluster} snapshots) in ${((performance.now() - writeStarted) / 1000).toFixed(1)} s`,
  );
  const inventory = path.join(work, "fleet.yaml");
  fs.writeFileSync(
    inventory,
    [
      "version: 1",
      "defaults:",
      `  snapshots: { bucket: ${bucket}, prefix: fleet/, endpoint: "${s3.endpoint}", region: ${s3.region} }`,
      "clusters:",
      ...names.map(
        (n) => `  - { name: ${n}, kind: kubeadm, access: { kubeconfig-secret: KC }, snapshots: {} }`,
      ),
      "",
    ].join("\n"),
  );
  process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey;
  process.env.AWS_REGION = s3.region;
  const loadBefore = loadAverage();
  const results: { seconds: number; rssMb: number }[] = [];
  const reportFile = path.join(work, "report.json");
  for (let i = 0; i < runs; i++) {
    results.push(
      await measure(process.execPath, [
        cli,
        "fleet-report",
        "--inventory",
        inventory,
        "--max-drill-age",
        "1d",
        "--report-file",
        reportFile,
      ]),
    );
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as {
      clusters: unknown[];
      failing: string[];
    };
    if (report.clusters.length !== clusters || report.failing.length)
      throw new Error(`report of ${report.clusters.length} clusters, ${report.failing.length} failing`);
  }
  const loadAfter = loadAverage();
  const t = median(results.map((r) => r.seconds));
  const m = median(results.map((r) => r.rssMb));
  console.log(
    [
      "",
      `| case | clusters | snapshots | runs | median time | median peak RSS |`,
      `|---|---|---|---|---|---|`,
      `| kubekeep fleet-report | ${clusters} | ${clusters * perCluster} | ${runs} | ${t.toFixed(2)} s | ${m.toFixed(0)} MiB |`,
      "",
      `each run: ${results.map((r) => `${r.seconds.toFixed(2)} s / ${r.rssMb.toFixed(0)} MiB`).join(", ")}`,
      `load average (1 5 15 min) before: ${loadBefore}, after: ${loadAfter}; ${os.cpus().length} CPUs`,
    ].join("\n"),
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
  await sb.stop();
}
