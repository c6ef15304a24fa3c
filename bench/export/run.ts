// bench/export: wall time and peak RSS of `kubekeep export` against kubectl
// listing the same kinds to YAML, and against two floors, on a sandbox seeded
// with ConfigMaps, Secrets and Services across 200 namespaces. Sizes grow in
// one cluster: 10k, then 50k objects.
//
//   node bench/export/run.ts [--objects 10000,50000] [--namespaces 200] [--runs 3] [--out DIR]
//                            [--cpus shared,separate] [--sandbox DIR] [--cli FILE] [--kubectl-max N]
//                            [--fill etcd|api] [--fill-parallel 32] [--fill-only]
//
// (`--repeat N` is the same as `--runs N`.) The 200,000-object run of issue
// 22, on a sandbox of its own (its namespaces differ from the 10k/50k runs'):
//
//   kubekeep sandbox up --dir /tmp/sb200k --workers 0
//   node bench/export/run.ts --sandbox /tmp/sb200k --objects 200000 --namespaces 500 --runs 3 --cpus shared
//
// Seeding (seed.ts; --fill etcd, the default, or api) puts the objects
// straight into etcd, cloned from one object of each kind created through
// the API server; its time is printed. A seeded
// sandbox records how far it was seeded (annotations on namespace bench-0),
// so a later run with --sandbox skips what is there: `--fill-only` seeds and
// stops, to fill a sandbox before the timed runs.
//
// kubectl runs only at sizes up to --kubectl-max (default: all): it holds the
// whole list in memory (~2 GB at 50k objects), which a shared machine may not
// have to spare at 200k.
//
// `--sandbox DIR` seeds and lists a running sandbox (see bench/common.ts).
//
// Target (issue 3): export within 1.3x of the floor, faster than kubectl, peak
// RSS flat (under 200 MB) from 10k to 50k objects.
//
// The floors (list-floor.ts, bundled and split into chunks like the CLI so
// both pay the same start-up):
// - "raw paged LIST": every page of every kind read and thrown away; the
//   issue's floor.
// - "LIST + one JSON file per object": also parses each page and writes each
//   object, as JSON, to a file of its own: the least any tool producing the
//   issue's layout (one file per object) has to do. No cleaning, no YAML, no
//   comparison with the previous tree, no atomic commit.
//
// Each figure is the median of --runs runs, the floors and the exports taking
// turns so a noisy neighbour hits them alike.
//
// CPU placement (--cpus): "shared" runs everything on all CPUs, as on a
// laptop; "separate" pins the sandbox (API server, etcd, ...) to the first
// half of the CPUs and the measured tools to the rest, as in a real cluster
// whose API server does not share the CI runner's CPUs.
//
// Measured 2026-11-28 on the project's 2-CPU machine (median of 5):
//   10k shared:   LIST 0.26 s, LIST+files 0.49 s (1.89x LIST),
//                 export fresh 0.49 s/129 MB (1.91x LIST, 1.01x LIST+files),
//                 unchanged 0.54 s (2.11x, 1.12x), kubectl 3.73 s/524 MB
//   10k separate: LIST 0.26 s, LIST+files 0.44 s (1.69x), fresh 0.60 s (2.29x, 1.35x)
//   50k shared:   LIST 0.64 s, LIST+files 1.63 s (2.53x LIST),
//                 export fresh 1.42 s/162 MB (2.21x, 0.87x), unchanged 1.61 s (2.50x, 0.99x),
//                 kubectl 25.94 s/2005 MB
//   50k separate: LIST 1.22 s, LIST+files 1.52 s (1.25x LIST),
//                 export fresh 1.71 s/158 MB (1.41x, 1.12x), unchanged 1.73 s (1.42x, 1.14x),
//                 kubectl 26.12 s/1992 MB
// (The run before: 50k separate LIST 0.94 s, LIST+files 1.72 s, fresh 1.73 s;
// the LIST swings with the API server's garbage collection.)
// So: 7-18x faster than kubectl with a quarter to a twelfth of its memory,
// RSS flat under 200 MB, and 0.87-1.35x of the bare one-file-per-object
// floor. The 1.3x-of-LIST target is out of reach on this machine for any
// tool writing the layout: the bare floor alone needs 1.69-2.53x
// the LIST everywhere but 50k separate in this run (1.25x, where the LIST
// itself was slow; 1.84x the run before, and there the export 1.41x). Creating a file
// costs the kernel ~9 us (50k files: ~0.45 s of CPU; reading one back to
// compare ~4 us), and with two CPUs, shared with the API server or one of its
// own, every CPU-second of the client adds to the wall time.
//
// Export trees go to a tmpfs (/dev/shm) when there is one, or --out. The
// sandbox VMs this was written on have a journal-less ext4, where the kernel
// scans "recently deleted" inodes on every file creation for minutes after a
// large delete (perf: find_inode_bit -> recently_deleted); creating 50k files
// there took anything from 2 s to 40 s depending on what the disk did before,
// which measures the disk's history, not the tool.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type { KubeClient } from "../../src/cluster/client.ts";
import { seedNamespaces, seedObjects, type SeedVia } from "./seed.ts";
import { fromRecord } from "../../src/config/inputs.ts";
import { ConsoleLogger } from "../../src/core/logger.ts";
import { parseExportConfig } from "../../src/export/config.ts";
import { discover } from "../../src/export/discovery.ts";
import { resourceId } from "../../src/export/resource-type.ts";
import { selectKind } from "../../src/export/select.ts";
import { benchSandbox, bundleFloor, cliPath, loadAverage } from "../common.ts";
import { measure as measureRun, type Measure } from "../measure.ts";

const { values } = parseArgs({
  options: {
    objects: { type: "string", default: "10000,50000" },
    namespaces: { type: "string", default: "200" },
    runs: { type: "string" },
    repeat: { type: "string" },
    "fill-parallel": { type: "string", default: "32" },
    fill: { type: "string", default: "etcd" },
    "fill-only": { type: "boolean", default: false },
    cpus: { type: "string", default: "shared,separate" },
    out: { type: "string" },
    sandbox: { type: "string" },
    cli: { type: "string" },
    "kubectl-max": { type: "string" },
  },
});
const kubectlMax = values["kubectl-max"] === undefined ? Infinity : Number(values["kubectl-max"]);
const cli = cliPath(values.cli);
const runs = positive("runs", values.runs ?? values.repeat ?? "3");
const fillParallel = positive("fill-parallel", values["fill-parallel"]);
if (values.fill !== "etcd" && values.fill !== "api")
  throw new Error(`--fill: ${JSON.stringify(values.fill)} is not etcd or api`);
const fillVia: SeedVia = values.fill;
const placements = values.cpus.split(",").filter((p) => p === "shared" || p === "separate");
const cpuCount = os.cpus().length;
if (placements.includes("separate") && (cpuCount < 2 || !fs.existsSync("/usr/bin/taskset"))) {
  throw new Error("--cpus separate needs at least 2 CPUs and taskset (util-linux)");
}
/** The CPUs of each side when separate: the sandbox gets the first half. */
const sandboxCpus = `0-${Math.max(0, Math.floor(cpuCount / 2) - 1)}`;
const toolCpus = `${Math.floor(cpuCount / 2)}-${cpuCount - 1}`;
const sizes = values.objects
  .split(",")
  .map((n) => positive("objects", n))
  .sort((a, b) => a - b);
const namespaces = positive("namespaces", values.namespaces);
const logger = new ConsoleLogger();

function positive(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${flag}: ${JSON.stringify(text)} is not a positive integer`);
  return n;
}

/** Measures one tool run, pinned to the tool's CPUs when placement is "separate". */
function measure(
  command: string,
  args: string[],
  stdoutFile?: string,
  placement = "shared",
): Promise<Measure> {
  if (placement === "separate")
    return measureRun("/usr/bin/taskset", ["-c", toolCpus, command, ...args], stdoutFile);
  return measureRun(command, args, stdoutFile);
}

/** Where a sandbox records how far it was seeded (see the head of this file). */
const SEED_NS = "/api/v1/namespaces/bench-0";
const SEEDED = "kubekeep.bench/seeded-objects";
const SEEDED_NS = "kubekeep.bench/seeded-namespaces";

async function seededSoFar(client: KubeClient): Promise<number> {
  const ns = await client.get<{ metadata: { annotations?: Record<string, string> } }>(SEED_NS);
  const a = ns.metadata.annotations ?? {};
  const objects = Number(a[SEEDED] ?? 0);
  if (objects > 0 && a[SEEDED_NS] !== String(namespaces))
    throw new Error(
      `--sandbox ${values.sandbox}: seeded with ${a[SEEDED_NS]} namespaces, not ${namespaces}: pass --namespaces ${a[SEEDED_NS]} or use a fresh sandbox`,
    );
  return objects;
}

async function recordSeeded(client: KubeClient, objects: number): Promise<void> {
  await client.mergePatch(SEED_NS, {
    metadata: { annotations: { [SEEDED]: String(objects), [SEEDED_NS]: String(namespaces) } },
  });
}

/** The median wall and CPU times of the runs, and the highest peak RSS among them. */
function median(ms: Measure[]): Measure {
  const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const cpus = ms.map((m) => m.cpuSeconds).filter((c): c is number => c !== undefined);
  return {
    seconds: mid(ms.map((m) => m.seconds)),
    rssMb: Math.max(...ms.map((m) => m.rssMb)),
    ...(cpus.length ? { cpuSeconds: mid(cpus) } : {}),
  };
}

function treeRoot(): string {
  if (values.out) return values.out;
  try {
    fs.accessSync("/dev/shm", fs.constants.W_OK);
    return "/dev/shm";
  } catch {
    return os.tmpdir();
  }
}

/** Pins every thread of the sandbox's processes to `cpus`. */
async function pinSandbox(pids: number[], cpus: string): Promise<void> {
  for (const pid of pids) {
    await new Promise<void>((resolve, reject) =>
      spawn("/usr/bin/taskset", ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" }).on("exit", (c) =>
        c === 0 ? resolve() : reject(new Error(`taskset on pid ${pid} exited ${c}`)),
      ),
    );
  }
}

const sb = await benchSandbox(values.sandbox, { s3: false, logger });
const loadBefore = loadAverage();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-bench-export-"));
const trees = fs.mkdtempSync(path.join(treeRoot(), "kubekeep-bench-export-trees-"));
const rows: string[][] = [];
/** What seeding took, printed with the figures. */
const fills: string[] = [];
try {
  const floorScript = await bundleFloor(
    path.join(import.meta.dirname, "list-floor.ts"),
    path.join(work, "floor"),
  );
  const client = await sb.client();
  const kubeconfig = sb.kubeconfig;
  await seedNamespaces(client, namespaces);
  const config = parseExportConfig(fromRecord({ "kubeconfig-path": kubeconfig }));
  const kinds = (await discover(client)).resources
    .filter((rt) => selectKind(rt, config).export)
    .map(resourceId);
  let seeded = await seededSoFar(client);
  for (const size of sizes) {
    if (size < seeded) throw new Error(`the sandbox holds ${seeded} objects already, more than ${size}`);
    if (size > seeded) {
      logger.info(
        `seeding objects ${seeded} to ${size} across ${namespaces} namespaces, ${fillParallel} at a time`,
      );
      const started = Date.now();
      await seedObjects(client, seeded, size, {
        namespaces,
        parallel: fillParallel,
        via: fillVia,
        etcd: sb.info.etcd,
        logger,
      });
      const secs = (Date.now() - started) / 1000;
      fills.push(
        `${size - seeded} objects in ${secs.toFixed(0)} s (${((size - seeded) / secs).toFixed(0)}/s)`,
      );
      seeded = size;
      await recordSeeded(client, seeded);
    }
    if (values["fill-only"]) continue;
    for (const placement of placements) {
      await pinSandbox(
        Object.values(sb.info.pids),
        placement === "separate" ? sandboxCpus : `0-${cpuCount - 1}`,
      );
      const kubectl =
        size <= kubectlMax
          ? await measure(
              sb.info.kubectl,
              [`--kubeconfig=${kubeconfig}`, "get", kinds.join(","), "-A", "-o", "yaml"],
              path.join(work, "kubectl.yaml"),
              placement,
            )
          : undefined;
      const exportArgs = (tree: string) => [cli, "export", "--kubeconfig-path", kubeconfig, "--path", tree];
      const floors: Measure[] = [];
      const fileFloors: Measure[] = [];
      const freshes: Measure[] = [];
      const agains: Measure[] = [];
      const runnerAgains: Measure[] = [];
      for (let run = 0; run < runs; run++) {
        floors.push(await measure(process.execPath, [floorScript, kubeconfig], undefined, placement));
        const files = path.join(trees, `files-${size}-${placement}-${run}`);
        fileFloors.push(
          await measure(process.execPath, [floorScript, kubeconfig, "--files", files], undefined, placement),
        );
        fs.rmSync(files, { recursive: true, force: true });
        const tree = path.join(trees, `export-${size}-${placement}-${run}`);
        freshes.push(await measure(process.execPath, exportArgs(tree), undefined, placement));
        agains.push(await measure(process.execPath, exportArgs(tree), undefined, placement));
        // What a fresh CI runner sees: the tree checked out, no local index
        // (it lives in the runner's cache, and names this machine's inodes).
        const noIndex = fs.mkdtempSync(path.join(work, "no-index-"));
        runnerAgains.push(
          await measure(
            "/usr/bin/env",
            [`KUBEKEEP_CACHE=${noIndex}`, process.execPath, ...exportArgs(tree)],
            undefined,
            placement,
          ),
        );
        fs.rmSync(noIndex, { recursive: true, force: true });
        fs.rmSync(tree, { recursive: true, force: true });
      }
      const floor = median(floors);
      const fileFloor = median(fileFloors);
      const fresh = median(freshes);
      const again = median(agains);
      const runnerAgain = median(runnerAgains);
      const r = (m: Measure) => [m.seconds.toFixed(2), m.cpuSeconds?.toFixed(2) ?? "-", m.rssMb.toFixed(0)];
      const row = (what: string, m: Measure, xKubectl: boolean) => [
        String(size),
        placement,
        what,
        ...r(m),
        (m.seconds / floor.seconds).toFixed(2),
        (m.seconds / fileFloor.seconds).toFixed(2),
        m.cpuSeconds !== undefined && fileFloor.cpuSeconds
          ? (m.cpuSeconds / fileFloor.cpuSeconds).toFixed(2)
          : "-",
        xKubectl && kubectl ? (m.seconds / kubectl.seconds).toFixed(2) : "-",
      ];
      rows.push(
        row("raw paged LIST (floor)", floor, false),
        row("LIST + one JSON file per object", fileFloor, false),
        ...(kubectl
          ? [row("kubectl get -A -o yaml", kubectl, false)]
          : [
              [String(size), placement, `kubectl get -A -o yaml: not run (over --kubectl-max ${kubectlMax})`],
            ]),
        row("kubekeep export (fresh tree)", fresh, true),
        row("kubekeep export (unchanged tree)", again, true),
        row("kubekeep export (unchanged tree, no local index)", runnerAgain, true),
      );
    }
    fs.rmSync(path.join(work, "kubectl.yaml"), { force: true });
  }
  client.close();
} finally {
  await sb.stop();
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(trees, { recursive: true, force: true });
}

const header = [
  "objects",
  "cpus",
  "run",
  "wall s",
  "CPU s",
  "peak RSS MB",
  "x floor",
  "x floor+files",
  "CPU x floor+files",
  "x kubectl",
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
process.stdout.write(
  [
    "",
    `median of ${runs} runs (kubectl: one); export trees under ${treeRoot()}; ${cpuCount} CPUs; ` +
      `separate: sandbox on CPUs ${sandboxCpus}, tools on ${toolCpus}`,
    `load average (1/5/15 min): before ${loadBefore}, after ${loadAverage()}`,
    `seeded ${fills.length ? fills.join(", ") : "nothing (the sandbox held the objects already)"}`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
  ].join("\n") + "\n",
);
