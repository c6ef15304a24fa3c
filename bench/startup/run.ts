/**
 * bench/startup: what each action step and the CLI cost before their first log
 * line, against the budgets in budgets.json (issue #12, "Start-up and size").
 *
 *   npm run bench:startup            # builds dist/, then: node bench/startup/run.ts [--runs 7] [--dist DIR] [--report-only]
 *
 * Each case is a fresh `node` (Node 24 from node_modules/.bin) running a dist/
 * entry with bench/startup/probe.mjs preloaded, with inputs that take it to its
 * first line and then fail fast (every peer is a closed 127.0.0.1 port: no
 * network beyond loopback). Per case, the median of N runs of:
 *   - CPU: user+sys of the process at its first line (process.resourceUsage);
 *   - wall: time from process start to the first line;
 *   - bytes: JS read from dist/ before the first line (deterministic, so
 *     test/integration/startup-budget.test.ts checks it too);
 * and the ratios of CPU and wall to `node -e 0` measured in the same run (the
 * floor: what any Node step costs). CPU is noisy on a shared machine, so the
 * load average before and after is printed with the table. Exits 1 when a case
 * is over budget, unless --report-only (the smoke run in `npm test`, whose
 * CPU figures on a busy machine mean nothing).
 */
import os from "node:os";
import fs from "node:fs";
import { budgetOf, loadBudgets, makeCases, measure, type Measurement } from "./cases.ts";
import { loadAverage as load, median } from "../common.ts";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
// `--dist DIR`: measure another build (e.g. an older commit's, for a before/after table).
const distAt = args.indexOf("--dist");
const distDir = distAt >= 0 ? args[distAt + 1] : undefined;
const reportOnly = args.includes("--report-only");
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs: expected a positive integer, got ${args[runsAt + 1]}`);

const budgets = loadBudgets();
const { cases, scratch } = await makeCases(distDir);
const loadBefore = load();
const results = new Map<string, Measurement[]>();
try {
  // Interleaved (case 1..n, then again): a burst of load from elsewhere spreads over all cases.
  for (let i = 0; i < runs; i++)
    for (const c of cases) {
      const m = await measure(c);
      results.set(c.name, [...(results.get(c.name) ?? []), m]);
    }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
const loadAfter = load();

const floorName = cases[0]?.name as string;
const floor = results.get(floorName) as Measurement[];
const floorCpu = median(floor.map((m) => m.cpuMs));
const floorWall = median(floor.map((m) => m.wallMs));

const rows: string[][] = [
  [
    "case",
    "CPU ms",
    "budget",
    "x floor",
    "wall ms",
    "x floor",
    "KB loaded",
    "budget",
    "forbidden loaded",
    "",
  ],
];
let failed = 0;
for (const c of cases) {
  const ms = results.get(c.name) as Measurement[];
  const budget = budgetOf(budgets, c.name);
  const cpu = median(ms.map((m) => m.cpuMs));
  const wall = median(ms.map((m) => m.wallMs));
  const bytes = Math.max(...ms.map((m) => m.bytes));
  const forbidden = (budget.forbid ?? []).filter((p) => ms.some((m) => m.packages.includes(p)));
  const ok = cpu <= budget.cpuMs && bytes <= budget.bytes && forbidden.length === 0;
  if (!ok) failed++;
  rows.push([
    c.name,
    cpu.toFixed(0),
    `≤ ${budget.cpuMs}`,
    c.name === floorName ? "1.0" : (cpu / floorCpu).toFixed(1),
    wall.toFixed(0),
    c.name === floorName ? "1.0" : (wall / floorWall).toFixed(1),
    (bytes / 1000).toFixed(0),
    `≤ ${(budget.bytes / 1000).toFixed(0)}`,
    forbidden.join(", ") || "-",
    ok ? "PASS" : "FAIL",
  ]);
}

const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)));
const line = (r: string[]) =>
  `| ${r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(" | ")} |`;
console.log(
  `Node ${process.versions.node}, ${os.cpus().length} CPUs, median of ${runs} runs; KB = 1000 bytes of dist/ JS before the first line`,
);
console.log(`load average (1/5/15 min): before ${loadBefore}, after ${loadAfter}`);
console.log("");
console.log(line(rows[0] as string[]));
console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`);
for (const r of rows.slice(1)) console.log(line(r));
if (failed) {
  console.error(`\n${failed} case(s) over budget (bench/startup/budgets.json)`);
  if (!reportOnly) process.exitCode = 1;
}
