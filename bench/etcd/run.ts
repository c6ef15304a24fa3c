/**
 * bench/etcd: `kubekeep etcd snapshot` (gRPC stream -> zstd -> S3 multipart,
 * no temporary file) against its two floors, on the same etcd and S3 in the
 * same run:
 * - `etcdctl snapshot save` alone (reading etcd to a local file), and
 * - a plain multipart upload of that file (upload-file.ts: the AWS CLI's
 *   defaults, 8 MiB parts, 10 in parallel; bundled like the CLI).
 * A fully overlapped pipeline (reading etcd, compressing, encrypting and
 * uploading at once) takes as long as the slower of the two: the bench prints
 * kubekeep / that slower floor (target ≤ 1.05) for zstd and none, names the
 * bottleneck, and shows `save + upload` (the two-step pipeline kubekeep
 * replaces) beside it. Wall time and peak RSS, medians of --runs, with the
 * load average.
 *
 *   node bench/etcd/run.ts [--size 1Gi] [--runs 3] [--sandbox DIR] [--cli FILE]
 *                          [--extra "--s3-queue-size 8"] [--node-flags "..."]
 *
 * The etcd is the sandbox's (mTLS, as kubeadm's), filled with 1 MiB values
 * that are half random, half repetitive (roughly the 2:1 zstd ratio of real
 * Kubernetes objects).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { formatBytes, parseSize } from "../../src/core/units.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { benchFlag, fillEtcd } from "../etcd-fill.ts";
import { ensureBinaries } from "../../src/sandbox/binaries.ts";
import { benchSandbox, bundleFloor, cliPath, loadAverage, median, table } from "../common.ts";
import { measure, type Measure } from "../measure.ts";

const flag = benchFlag;
const target = parseSize("size", flag("size", "1Gi"));
const runs = Number(flag("runs", "3"));
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs: expected a positive integer`);
/** Extra Node flags for the kubekeep process, e.g. --node-flags "--max-semi-space-size=4". */
const nodeFlags: string[] = flag("node-flags", "").split(/\s+/).filter(Boolean);
/** Extra `kubekeep etcd snapshot` flags, e.g. --extra "--s3-queue-size 2". */
const extra: string[] = flag("extra", "").split(/\s+/).filter(Boolean);
const attach = flag("sandbox", "") || undefined;
const cli = cliPath(flag("cli", "") || undefined);
const logger = new ConsoleLogger();

const bins = await ensureBinaries(logger);
const sb = await benchSandbox(attach, { logger });
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-bench-etcd-"));
const loadBefore = loadAverage();
type Row = "save" | "compress" | "upload" | "zstd" | "none";
const results = new Map<Row, Measure[]>();
const add = (row: Row, m: Measure) => {
  results.set(row, [...(results.get(row) ?? []), m]);
  logger.info(`${row}: ${m.seconds.toFixed(2)}s, ${m.rssMb.toFixed(0)} MB (load ${loadAverage()})`);
};
let dbSize = 0;
try {
  const s3 = sb.info.s3;
  if (!s3) throw new Error("no S3");
  const etcd = sb.info.etcd;
  await fillEtcd(
    etcd.endpoint,
    {
      ca: fs.readFileSync(etcd.caFile),
      cert: fs.readFileSync(etcd.certFile),
      key: fs.readFileSync(etcd.keyFile),
    },
    target,
    `/bench-etcd-${process.pid}/`,
    logger,
  );
  dbSize = fs.statSync(path.join(etcd.dataDir, "member", "snap", "db")).size;
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_REGION: s3.region,
    BENCH_S3_ENDPOINT: s3.endpoint,
  });
  const upload = await bundleFloor(path.join(import.meta.dirname, "upload-file.ts"), path.join(work, "js"));
  const compress = await bundleFloor(
    path.join(import.meta.dirname, "compress-file.ts"),
    path.join(work, "js"),
  );
  const kubekeep = (compression: string, name: string) =>
    measure(process.execPath, [
      ...nodeFlags,
      cli,
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
      // The bench times the snapshot's way to S3, not the read-back check after it.
      "--verify=false",
      ...extra,
    ]);
  for (let i = 0; i < runs; i++) {
    const file = path.join(work, `snapshot-${i}.db`);
    const steps: [Row, () => Promise<Measure>][] = [
      [
        "save",
        () =>
          measure(bins.etcdctl, [
            "snapshot",
            "save",
            file,
            `--endpoints=${etcd.endpoint}`,
            `--cacert=${etcd.caFile}`,
            `--cert=${etcd.certFile}`,
            `--key=${etcd.keyFile}`,
          ]),
      ],
      ["upload", () => measure(process.execPath, [upload, file, s3.bucket, `bench-peer/snapshot-${i}.db`])],
      ["compress", () => measure(process.execPath, [compress, file, "zstd"])],
      ["zstd", () => kubekeep("zstd", `bench-zstd-${i}`)],
      ["none", () => kubekeep("none", `bench-none-${i}`)],
    ];
    // The upload and compression need the saved file: the floors stay in order, kubekeep's runs go first every other run.
    const order = i % 2 === 0 ? steps : [...steps.slice(3), ...steps.slice(0, 3)];
    for (const [row, run] of order) add(row, await run());
    fs.rmSync(file);
  }
} finally {
  await sb.stop();
  fs.rmSync(work, { recursive: true, force: true });
}

const med = (row: Row): Measure => {
  const ms = results.get(row) ?? [];
  return { seconds: median(ms.map((m) => m.seconds)), rssMb: median(ms.map((m) => m.rssMb)) };
};
const save = med("save");
const upload = med("upload");
const compress = med("compress");
const slower = save.seconds >= upload.seconds ? "save" : "upload";
const stages = [
  ["reading etcd (etcdctl snapshot save)", save.seconds],
  ["zstd compression", compress.seconds],
  ["the upload to S3", upload.seconds],
] as const;
const bottleneck = [...stages].sort((a, b) => b[1] - a[1])[0] as (typeof stages)[number];
const floor = Math.max(save.seconds, upload.seconds);
const twoStep = save.seconds + upload.seconds;
const runsOf = (row: Row) => (results.get(row) ?? []).map((m) => m.seconds.toFixed(2)).join(" ");
const rows: string[][] = [
  ["etcdctl snapshot save (alone)", save.seconds.toFixed(2), save.rssMb.toFixed(0), runsOf("save"), "", ""],
  [
    "multipart upload of the file (alone)",
    upload.seconds.toFixed(2),
    upload.rssMb.toFixed(0),
    runsOf("upload"),
    "",
    "",
  ],
  [
    "zstd of the file (alone, for the bottleneck)",
    compress.seconds.toFixed(2),
    compress.rssMb.toFixed(0),
    runsOf("compress"),
    "",
    "",
  ],
  ["save + upload (the two-step pipeline)", twoStep.toFixed(2), "", "", "", ""],
  ...(["zstd", "none"] as const).map((c) => {
    const m = med(c);
    return [
      `kubekeep etcd snapshot --compression ${c}`,
      m.seconds.toFixed(2),
      m.rssMb.toFixed(0),
      runsOf(c),
      (m.seconds / floor).toFixed(2),
      (m.seconds / twoStep).toFixed(2),
    ];
  }),
];
process.stdout.write(
  `\netcd database ${formatBytes(dbSize)} (filled ${formatBytes(target)}), median of ${runs} run(s), ${os.cpus().length} CPUs\n` +
    `load average (1/5/15 min): before ${loadBefore}, after ${loadAverage()}\n\n` +
    table(
      ["run", "wall s", "peak RSS MB", "runs s", `x slower floor (target ≤ 1.05)`, "x save+upload"],
      rows,
    ) +
    `\n\nthe slower floor (save alone or upload alone) is ${slower === "save" ? "the save" : "the upload"}: ${floor.toFixed(2)}s; ` +
    `the slowest stage on its own is ${bottleneck[0]} (${bottleneck[1].toFixed(2)}s)\n`,
);
