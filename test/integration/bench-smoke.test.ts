// Benches that cannot rot (issue #22): every bench under bench/ runs here at a
// smoke size, on one shared sandbox and a fresh build of the CLI, and must
// finish and print its table. The figures are not asserted (a shared machine
// makes them meaningless at this size); what is proved is that each bench's
// command lines, flags and imports still work, so renaming a flag the bench
// passes, or changing an API it uses, fails `npm test`.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { useSandbox } from "../harness/sandbox.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const fx = useSandbox();
const dist = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-bench-smoke-dist-"));

before(() => {
  execFileSync(process.execPath, [path.join(root, "scripts", "build.ts"), "--outdir", dist], {
    stdio: "inherit",
  });
});
after(() => fs.rmSync(dist, { recursive: true, force: true }));

/** Runs a bench to its end (at most `timeoutMs`), echoing its output; returns stdout. */
async function bench(script: string, args: string[], timeoutMs = 300_000): Promise<string> {
  const child = spawn(process.execPath, [path.join(root, "bench", script), ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    process.stdout.write(d);
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  assert.equal(code, 0, `bench/${script} ${args.join(" ")} exited ${code}:\n${stderr.slice(-4000)}`);
  return stdout;
}

const shared = () => ["--sandbox", fx.sandbox.info.dir, "--cli", path.join(dist, "cli.js")];

test("bench/export runs at a smoke size and prints its ratio table", async () => {
  const out = await bench("export/run.ts", [
    ...shared(),
    ...["--objects", "300", "--namespaces", "5", "--runs", "1", "--cpus", "shared"],
  ]);
  assert.match(out, /raw paged LIST \(floor\)/);
  assert.match(out, /kubekeep export \(unchanged tree\)/);
  assert.match(out, /kubekeep export \(unchanged tree, no local index\)/);
  assert.match(out, /load average/);
});

test("bench/etcd runs at a smoke size and prints kubekeep against the slower floor", async () => {
  const out = await bench("etcd/run.ts", [...shared(), "--size", "8Mi", "--runs", "1"]);
  assert.match(out, /kubekeep etcd snapshot --compression zstd\s+\d/);
  assert.match(out, /kubekeep etcd snapshot --compression none\s+\d/);
  assert.match(out, /the slowest stage on its own is/);
});

test("bench/drain runs at a smoke size and prints kubekeep against the eviction floor and kubectl", async () => {
  const out = await bench("drain/run.ts", [
    ...shared(),
    ...["--pods", "5", "--grace", "1", "--rounds", "1", "--kubectl-max", "5"],
  ]);
  assert.match(out, /eviction floor\s+\d/);
  assert.match(out, /kubectl drain\s+\d/);
});

test("bench/restore (apply and drill) runs at a smoke size and prints its tables", async () => {
  const out = await bench("restore/run.ts", [
    ...shared(),
    ...["--objects", "20", "--namespaces", "2", "--runs", "1", "--size", "4Mi"],
  ]);
  assert.match(out, /kubekeep \/ kubectl: [\d.]+x time/);
  assert.match(out, /whole drill\s+[\d.]+ s/);
});

test("bench/startup runs once per case and prints its table", async () => {
  const out = await bench("startup/run.ts", ["--runs", "1", "--dist", dist, "--report-only"]);
  assert.match(out, /\| action drain /);
  assert.match(out, /load average/);
});

test("bench/fleet runs at a smoke size and prints fleet-report's time and memory", async () => {
  const out = await bench("fleet/run.ts", [
    ...shared(),
    "--clusters",
    "5",
    "--snapshots",
    "2",
    "--runs",
    "1",
  ]);
  assert.match(out, /\| kubekeep fleet-report \| 5 \| 10 \| 1 \| [\d.]+ s \| \d+ MiB \|/);
  assert.match(out, /load average/);
});
