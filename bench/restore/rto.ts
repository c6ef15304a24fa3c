/**
 * bench/restore (RTO half, issue #19 proof 4; real node only, as root): how
 * long the real kubeadm node takes to come back from an etcd snapshot.
 *
 * Fills the node's etcd with 1 MiB values outside /registry (the database is
 * large while the API server's caches stay small), snapshots it with
 * `kubekeep etcd-snapshot` into a local S3, then:
 * - the floor: `etcdutl snapshot restore` alone of the same file, with the
 *   flags the restore uses (--bump-revision, --mark-compacted), `--runs` times;
 * - the RTO: `kubekeep etcd-restore --mode run` of that snapshot into the live
 *   control plane, `--runs` times, timed from its start to the API server
 *   answering again (after it was seen down), to every kube-system pod
 *   Running and Ready with containers started after the restore began (the
 *   restored etcd holds the pods' statuses of the snapshot: "Running" from
 *   before does not count), and to kubekeep's exit.
 * Prints each run, the medians and the load average.
 *
 *   node bench/restore/rto.ts [--size 300Mi] [--runs 3] [--cli dist/cli.js] [--attach] [--verbose]
 *
 * --verbose prints kubekeep's progress lines stamped with the seconds since the start.
 *
 * Without --attach it takes the real node's lock, brings the node up and
 * down. --attach uses the node running now, whose lock the caller holds (the
 * real-node test test/real-node/bench-restore.test.ts runs it so, at a smoke
 * size: a real-node bench cannot run in the sandbox smoke test).
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { KubeClient } from "../../src/cluster/client.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { formatBytes, parseSize } from "../../src/core/units.ts";
import { etcdRestore } from "../../src/capabilities/etcd-restore/capability.ts";
import { etcdSnapshot } from "../../src/capabilities/etcd-snapshot/capability.ts";
import type { List, Pod } from "../../src/nodes/types.ts";
import { startS3Server } from "../../src/sandbox/sandbox.ts";
import { ADMIN_KUBECONFIG } from "../../test/harness/real-node/config.ts";
import { acquireLock, type RealNodeLock } from "../../test/harness/real-node/lock.ts";
import { prepareRealNode, realNodeDown, realNodeUp } from "../../test/harness/real-node/node.ts";
import { ensureComponents } from "../../test/harness/tools/binaries.ts";
import { fillEtcd } from "../etcd-fill.ts";
import { measure } from "../measure.ts";
import { cliPath, loadAverage, median } from "../common.ts";

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "300Mi" },
    runs: { type: "string", default: "3" },
    cli: { type: "string" },
    attach: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});
const size = parseSize("size", values.size);
const runs = Number(values.runs);
const cli = cliPath(values.cli);
const logger = new ConsoleLogger();
const quiet = new ConsoleLogger({ write: () => {} });
const PKI = "/etc/kubernetes/pki";
const BUMP = "1000000000";
const RESTORE_STATE = "/var/lib/kubekeep";

const { etcdutl } = await ensureComponents(["etcd"], logger);
let lock: RealNodeLock | undefined;
if (!values.attach) {
  await prepareRealNode(logger);
  lock = await acquireLock({
    holder: `bench/restore/rto.ts (pid ${process.pid})`,
    waitMs: 40 * 60_000,
    logger,
  });
}
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-bench-rto-"));
const etcdSiblings = new Set(fs.readdirSync("/var/lib").filter((e) => e.startsWith("etcd.")));
const hadState = fs.existsSync(RESTORE_STATE);
let s3: Awaited<ReturnType<typeof startS3Server>> | undefined;
try {
  if (!values.attach) await realNodeUp({ logger });
  const loadBefore = loadAverage();
  s3 = await startS3Server(path.join(work, "s3"), logger);
  // The children (kubekeep etcd-restore) inherit them.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: s3.s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.s3.secretAccessKey,
    AWS_REGION: s3.s3.region,
  });
  const etcdAccess = {
    "etcd-ca": `${PKI}/etcd/ca.crt`,
    "etcd-cert": `${PKI}/apiserver-etcd-client.crt`,
    "etcd-key": `${PKI}/apiserver-etcd-client.key`,
  };
  await fillEtcd(
    "https://127.0.0.1:2379",
    {
      ca: fs.readFileSync(etcdAccess["etcd-ca"]),
      cert: fs.readFileSync(etcdAccess["etcd-cert"]),
      key: fs.readFileSync(etcdAccess["etcd-key"]),
    },
    size,
    "/kubekeep-bench/",
    logger,
  );
  const storage = { "s3-bucket": s3.s3.bucket, "s3-endpoint": s3.s3.endpoint, "cluster-name": "real" };
  const snap = await etcdSnapshot.run(
    etcdSnapshot.parse(
      fromRecord({
        ...storage,
        ...etcdAccess,
        "etcd-endpoint": "https://127.0.0.1:2379",
        "s3-part-size": "16Mi",
      }),
    ),
    { logger: quiet },
  );
  const dbSize = Number(snap.outputs["db-size"]);
  logger.info(`snapshot ${String(snap.outputs.key)}: ${formatBytes(dbSize)} database`);

  // The floor: the same file, restored by etcdutl alone with the restore's flags.
  const db = path.join(work, "snapshot.db");
  await etcdRestore.run(etcdRestore.parse(fromRecord({ ...storage, output: db })), { logger: quiet });
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = path.join(work, `floor-${i}`);
    const m = await measure(etcdutl, [
      "snapshot",
      "restore",
      db,
      `--data-dir=${dir}`,
      `--bump-revision=${BUMP}`,
      "--mark-compacted",
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
    floor.push(m.seconds);
    logger.info(`floor run ${i + 1}: etcdutl snapshot restore ${m.seconds.toFixed(2)} s`);
  }

  const rto: RtoRun[] = [];
  // The restore into the live control plane is etcd-restore's mode run (issue #19).
  const liveRestore = "mode" in etcdRestore.inputs;
  if (!liveRestore) logger.warning("RTO not measured: this kubekeep's etcd-restore has no mode run");
  for (let i = 0; liveRestore && i < runs; i++) {
    const run = await restoreOnce(
      flags({
        ...storage,
        ...etcdAccess,
        mode: "run",
        confirm: "real",
        "kubeconfig-path": ADMIN_KUBECONFIG,
        // The runner is the node: the script runs as it is, the snapshot is read where it was downloaded.
        "restore-command": 'bash "$KUBEKEEP_SCRIPT"',
        etcdutl,
        "bump-revision": BUMP,
        output: path.join(work, `restore-${i}.db`),
        "health-timeout": "5m",
        // A restore gives etcd a new cluster id; the same snapshot is then "another
        // cluster's" for the next run (checked before anything stops, so not timed away).
        ...(i > 0 ? { "allow-other-cluster": "true" } : {}),
      }),
    );
    rto.push(run);
    logger.info(
      `restore run ${i + 1}: API answering ${run.api.toFixed(1)} s, kube-system Running ${run.pods.toFixed(1)} s, kubekeep done ${run.exit.toFixed(1)} s`,
    );
  }

  const line = (label: string, xs: number[]) =>
    console.log(`  ${label.padEnd(44)} ${median(xs).toFixed(1).padStart(6)} s`);
  console.log(`\nrestore of the real node from a ${formatBytes(dbSize)} snapshot, ${runs} runs (medians):`);
  line("etcdutl snapshot restore alone", floor);
  if (rto.length) {
    line(
      "kubekeep etcd-restore: API answering",
      rto.map((r) => r.api),
    );
    line(
      "kubekeep etcd-restore: kube-system Running",
      rto.map((r) => r.pods),
    );
    line(
      "kubekeep etcd-restore: run finished",
      rto.map((r) => r.exit),
    );
  }
  for (const [i, r] of rto.entries())
    if (r.failure) {
      console.log(`  run ${i + 1}: kubekeep etcd-restore ${r.failure}`);
      process.exitCode = 1;
    }
  console.log(
    `  load average (1/5/15 min): before ${loadBefore}, after ${loadAverage()}; ${os.cpus().length} CPUs`,
  );
} finally {
  await s3?.stop();
  fs.rmSync(work, { recursive: true, force: true });
  // What the restores kept for rollback: the previous data dirs and the restore records.
  for (const e of fs.readdirSync("/var/lib").filter((e) => e.startsWith("etcd.") && !etcdSiblings.has(e)))
    fs.rmSync(path.join("/var/lib", e), { recursive: true, force: true });
  if (!hadState) fs.rmSync(RESTORE_STATE, { recursive: true, force: true });
  if (lock) {
    await realNodeDown({ logger }).catch((err: unknown) => logger.error(`real node down: ${String(err)}`));
    lock.release();
  }
}

function flags(inputs: Record<string, string>): string[] {
  // `--name=value`: the one form every flag takes, booleans included.
  return Object.entries(inputs).map(([k, v]) => `--${k}=${v}`);
}

interface RtoRun {
  /** Seconds from the start to the API server answering again. */
  api: number;
  /** ... to every kube-system pod Running and Ready with containers started since. */
  pods: number;
  /** ... to kubekeep's exit. */
  exit: number;
  /** Why kubekeep exited non-zero, when it did. */
  failure?: string;
}

/** One `kubekeep etcd-restore --mode run`, watched from here. */
async function restoreOnce(args: string[]): Promise<RtoRun> {
  const client = await KubeClient.fromFile(ADMIN_KUBECONFIG);
  const startedWall = Math.floor(Date.now() / 1000) * 1000;
  const t0 = performance.now();
  const since = () => (performance.now() - t0) / 1000;
  const child = spawn(process.execPath, [cli, "etcd-restore", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  // kubekeep's progress, each line stamped with the seconds since the start: where the time goes.
  const stamp = (d: Buffer) => {
    const text = d
      .toString()
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => `[+${since().toFixed(1)}s] ${l}\n`)
      .join("");
    out += text;
    if (values.verbose) process.stderr.write(text);
  };
  child.stdout.on("data", stamp);
  child.stderr.on("data", stamp);
  let exit: number | undefined;
  let code: number | null = null;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", (c) => {
      code = c;
      exit = since();
      resolve();
    }),
  );
  let down = false;
  let api: number | undefined;
  let pods: number | undefined;
  let lastPods = "";
  const deadline = performance.now() + 15 * 60_000;
  try {
    while (pods === undefined || exit === undefined) {
      if (performance.now() > deadline)
        throw new Error(
          `restore not back in 15 min (API ${api ?? "-"} s, pods: ${lastPods}):\n${out.slice(-4000)}`,
        );
      // A failure before the control plane stopped has nothing to time; one after it (a
      // verify check) is reported beside the figures, which still say when the node came back.
      if (exit !== undefined && code !== 0 && !down)
        throw new Error(`kubekeep etcd-restore exited ${code}:\n${out.slice(-4000)}`);
      try {
        const list = await withTimeout(client.get<List<Pod>>("/api/v1/namespaces/kube-system/pods"), 2000);
        if (down && api === undefined) api = since();
        if (api !== undefined && pods === undefined) {
          const notYet = list.items.filter((p) => !fresh(p, startedWall)).map((p) => p.metadata.name);
          lastPods = notYet.join(", ") || "all fresh";
          if (list.items.length > 0 && notYet.length === 0) pods = since();
        }
      } catch {
        down = true;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await exited;
    if (api === undefined || exit === undefined)
      throw new Error("the API server was never seen down: no restore ran");
    const failure =
      code === 0
        ? undefined
        : `exited ${code}: ${
            out
              .split("\n")
              .filter((l) => /FAILED|failed/.test(l))
              .pop() ?? out.slice(-400)
          }`;
    return { api, pods, exit, ...(failure ? { failure } : {}) };
  } finally {
    if (exit === undefined) child.kill("SIGTERM");
    client.close();
  }
}

/** Running and Ready as the kubelet reported after `sinceMs`: every container started since. */
interface StatusWithContainers {
  phase?: string;
  conditions?: { type: string; status: string }[];
  containerStatuses?: { state?: { running?: { startedAt?: string } } }[];
}

function fresh(p: Pod, sinceMs: number): boolean {
  const status: StatusWithContainers | undefined = p.status;
  if (status?.phase !== "Running") return false;
  if (!(status.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True")) return false;
  const containers = status.containerStatuses ?? [];
  return (
    containers.length > 0 &&
    containers.every((c) => {
      const started = c.state?.running?.startedAt;
      return started !== undefined && Date.parse(started) >= sinceMs;
    })
  );
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
