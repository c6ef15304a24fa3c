/**
 * bench/restore (drill half): `kubekeep etcd drill` of a ~1 GiB snapshot.
 * Fills the sandbox's etcd with 1 MiB values (half random, half repetitive)
 * outside the apiserver's /registry prefix, so the database is large while
 * the API servers' caches stay small on a shared machine; snapshots it to the
 * sandbox's S3 (zstd); then drills it `--runs` times with the sandbox's own
 * binaries and prints each phase's time and the medians: download + verify,
 * etcdutl restore, time to first successful list, listing every kind.
 *
 *   node bench/restore/drill.ts [--size 1Gi] [--runs 3] [--sandbox DIR]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { formatBytes, parseSize } from "../../src/core/units.ts";
import { etcdDrill } from "../../src/capabilities/etcd-drill/capability.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import { benchFlag, fillEtcd } from "../etcd-fill.ts";
import { ensureBinaries } from "../../src/sandbox/binaries.ts";
import { benchSandbox, loadAverage, median } from "../common.ts";

const flag = benchFlag;
const target = parseSize("size", flag("size", "1Gi"));
const runs = Number(flag("runs", "3"));
const logger = new ConsoleLogger();
const quiet = new ConsoleLogger({ write: () => {} });

const bins = await ensureBinaries(logger);
const sb = await benchSandbox(benchFlag("sandbox", "") || undefined, { logger });
const loadBefore = loadAverage();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-bench-drill-"));
try {
  const info = sb.info;
  const s3 = info.s3;
  if (!s3) throw new Error("no S3");
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_REGION: s3.region,
  });
  const etcd = info.etcd;
  await fillEtcd(
    etcd.endpoint,
    {
      ca: fs.readFileSync(etcd.caFile),
      cert: fs.readFileSync(etcd.certFile),
      key: fs.readFileSync(etcd.keyFile),
    },
    target,
    "/kubekeep-bench/",
    logger,
  );
  const storage = { "s3-bucket": s3.bucket, "s3-endpoint": s3.endpoint, "cluster-name": "bench" };
  const snap = await etcdSnapshot.run(
    etcdSnapshot.parse(
      fromRecord({
        ...storage,
        "etcd-endpoint": etcd.endpoint,
        "etcd-ca": etcd.caFile,
        "etcd-cert": etcd.certFile,
        "etcd-key": etcd.keyFile,
        "verify-hashkv": "true",
        "s3-part-size": "16Mi",
      }),
    ),
    { logger: quiet },
  );
  logger.info(
    `snapshot ${String(snap.outputs.key)}: ${formatBytes(Number(snap.outputs["db-size"]))} database, ${formatBytes(Number(snap.outputs.size))} stored`,
  );
  const binDir = path.join(work, "bin");
  fs.mkdirSync(binDir);
  for (const b of ["etcd", "etcdutl", "kube-apiserver"] as const)
    fs.symlinkSync(bins[b], path.join(binDir, b));

  const rows: { total: number; download: number; restore: number; firstList: number; list: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const started = Date.now();
    const res = await etcdDrill.run(
      etcdDrill.parse(fromRecord({ ...storage, "kubeconfig-path": info.kubeconfig, "binaries-dir": binDir })),
      { logger: quiet },
    );
    const total = (Date.now() - started) / 1000;
    const fact = (label: string) => res.report.facts.find(([k]) => k === label)?.[1] ?? "";
    const secs = (label: string) => {
      const m = /^(\d+(?:\.\d+)?)(ms|s|m)/.exec(fact(label));
      if (!m) return NaN;
      const n = Number(m[1]);
      return m[2] === "ms" ? n / 1000 : m[2] === "m" ? n * 60 : n;
    };
    const row = {
      total,
      download: secs("Download and verify"),
      restore: Number(res.outputs["restore-seconds"]),
      firstList: Number(res.outputs["first-list-seconds"]),
      list: secs("Listing every kind"),
    };
    rows.push(row);
    logger.info(
      `run ${i + 1}: passed=${String(res.outputs.passed)} hashkv=${String(res.outputs.hashkv)} total ${total.toFixed(1)}s, download+verify ${row.download}s, restore ${row.restore}s, first list ${row.firstList}s, list ${row.list}s`,
    );
  }
  const col = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k])).toFixed(1);
  console.log(
    `\netcd drill of a ${formatBytes(Number(snap.outputs["db-size"]))} snapshot, ${runs} runs (medians):`,
  );
  console.log(`  download + verify       ${col("download")} s`);
  console.log(`  etcdutl restore         ${col("restore")} s`);
  console.log(`  time to first list      ${col("firstList")} s (from the throwaway etcd's start)`);
  console.log(`  listing every kind      ${col("list")} s`);
  console.log(`  whole drill             ${col("total")} s`);
  console.log(`  peak RSS of kubekeep    ${formatBytes(process.resourceUsage().maxRSS * 1024)}`);
  console.log(`  load average (1/5/15 min): before ${loadBefore}, after ${loadAverage()}`);
} finally {
  await sb.stop();
  fs.rmSync(work, { recursive: true, force: true });
}
