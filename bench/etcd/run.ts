/**
 * bench/etcd: `kubekeep etcd snapshot` (gRPC stream -> zstd -> S3 multipart,
 * no temporary file) against the two-step pipeline it replaces,
 * `etcdctl snapshot save` + an upload of the file, on the same etcd and S3 in
 * the same run. Reports wall time and peak RSS (GNU time's maximum resident
 * set size) and their ratios.
 *
 *   node bench/etcd/run.ts [--size 1Gi] [--runs 1]
 *
 * The etcd is the sandbox's (mTLS, as kubeadm's), filled with 1 MiB values
 * that are half random, half repetitive (roughly the 2:1 zstd ratio of real
 * Kubernetes objects).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseSize, formatBytes } from "../../src/core/units.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { benchFlag, fillEtcd } from "../etcd-fill.ts";
import { ensureBinaries } from "../../src/sandbox/binaries.ts";
import { startSandbox } from "../../src/sandbox/sandbox.ts";

const flag = benchFlag;
const target = parseSize("size", flag("size", "1Gi"));
const runs = Number(flag("runs", "1"));
/** Extra `kubekeep etcd snapshot` flags, e.g. --extra "--s3-queue-size 2". */
/** Extra Node flags for the kubekeep process, e.g. --node-flags "--max-semi-space-size=4". */
const nodeFlags: string[] = flag("node-flags", "").split(/\s+/).filter(Boolean);
const extra: string[] = flag("extra", "").split(/\s+/).filter(Boolean);
const root = path.resolve(import.meta.dirname, "..", "..");
const logger = new ConsoleLogger();

interface Measure {
  seconds: number;
  peakRssKiB: number;
}

/** Runs a command under GNU time; returns wall seconds and peak RSS. */
function timed(command: string, argv: string[], env: NodeJS.ProcessEnv): Measure {
  const out = path.join(os.tmpdir(), `kubekeep-bench-time-${process.pid}`);
  execFileSync("/usr/bin/time", ["-f", "%e %M", "-o", out, command, ...argv], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const [seconds, rss] = fs.readFileSync(out, "utf8").trim().split(/\s+/).slice(-2).map(Number) as [
    number,
    number,
  ];
  fs.rmSync(out, { force: true });
  return { seconds, peakRssKiB: rss };
}

const bins = await ensureBinaries(logger);
const sb = await startSandbox({ logger });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-bench-etcd-"));
try {
  const info = sb.info;
  const s3 = info.s3;
  if (!s3) throw new Error("no S3");
  const etcd = info.etcd;
  await fillEtcd(
    etcd.endpoint,
    {
      ca: fs.readFileSync(etcd.caFile),
      cert: fs.readFileSync(etcd.certFile),
      key: fs.readFileSync(etcd.keyFile),
    },
    target,
    "/bench/",
    logger,
  );
  const dbSize = fs.statSync(path.join(etcd.dataDir, "member", "snap", "db")).size;
  const env = {
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_REGION: s3.region,
    BENCH_S3_ENDPOINT: s3.endpoint,
  };
  const node = process.execPath;
  const kubekeep = (compression: string, name: string) =>
    timed(
      node,
      [
        ...nodeFlags,
        path.join(root, "dist", "cli.js"),
        "etcd",
        "snapshot",
        "--etcd-endpoint",
        etcd.endpoint,
        "--etcd-ca",
        etcd.caFile,
        "--etcd-cert",
        etcd.certFile,
        "--etcd-key",
        etcd.keyFile,
        "--s3-bucket",
        s3.bucket,
        "--s3-endpoint",
        s3.endpoint,
        "--cluster-name",
        name,
        "--compression",
        compression,
        "--verify",
        "false",
        ...extra,
      ],
      env,
    );
  const peer = (i: number): Measure & { save: Measure; upload: Measure } => {
    const file = path.join(work, `snapshot-${i}.db`);
    const save = timed(
      bins.etcdctl,
      [
        "snapshot",
        "save",
        file,
        `--endpoints=${etcd.endpoint}`,
        `--cacert=${etcd.caFile}`,
        `--cert=${etcd.certFile}`,
        `--key=${etcd.keyFile}`,
      ],
      env,
    );
    const upload = timed(
      node,
      [path.join(root, "bench", "etcd", "upload-file.ts"), file, s3.bucket, `peer/snapshot-${i}.db`],
      env,
    );
    fs.rmSync(file);
    return {
      seconds: save.seconds + upload.seconds,
      peakRssKiB: Math.max(save.peakRssKiB, upload.peakRssKiB),
      save,
      upload,
    };
  };
  const rows: [string, Measure][] = [];
  for (let i = 0; i < runs; i++) {
    const p = peer(i);
    rows.push([
      `etcdctl snapshot save + upload (save ${p.save.seconds}s / ${formatBytes(p.save.peakRssKiB * 1024)}, upload ${p.upload.seconds}s / ${formatBytes(p.upload.peakRssKiB * 1024)})`,
      p,
    ]);
    rows.push(["kubekeep etcd snapshot --compression zstd", kubekeep("zstd", `bench-zstd-${i}`)]);
    rows.push(["kubekeep etcd snapshot --compression none", kubekeep("none", `bench-none-${i}`)]);
  }
  const peerRows = rows.filter(([n]) => n.startsWith("etcdctl")).map(([, m]) => m);
  const best = (ms: Measure[]) => ({
    seconds: Math.min(...ms.map((m) => m.seconds)),
    peakRssKiB: Math.max(...ms.map((m) => m.peakRssKiB)),
  });
  const base = best(peerRows);
  process.stdout.write(
    `\netcd database ${formatBytes(dbSize)} (target ${formatBytes(target)}), ${runs} run(s), ${os.cpus().length} CPUs\n\n`,
  );
  for (const [name, m] of rows) {
    process.stdout.write(
      `${name}\n    ${m.seconds.toFixed(2)}s  peak RSS ${formatBytes(m.peakRssKiB * 1024)}  time ratio ${(m.seconds / base.seconds).toFixed(2)}  RSS ratio ${(m.peakRssKiB / base.peakRssKiB).toFixed(2)}\n`,
    );
  }
  process.stdout.write("\nratios are against the best etcdctl + upload run (lower is better for kubekeep)\n");
} finally {
  await sb.stop({ removeDir: true });
  fs.rmSync(work, { recursive: true, force: true });
}
