// Start-up budgets (issue #12, "Start-up and size"): each action entry and the
// CLI, built fresh into a temporary folder, run to their first log line
// (every peer a closed 127.0.0.1 port) with bench/startup/probe.mjs counting
// the JS they load. The promise checked: bytes loaded before the first line
// stay within bench/startup/budgets.json, and the packages a case must not
// load (gRPC outside etcd-snapshot, client-node without an exec plugin, the
// S3 SDK outside the etcd capabilities, @actions/core's unused undici) are
// not loaded at all during the run. Bytes are deterministic; CPU is not, so
// only `npm run bench:startup` checks the CPU budget.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import {
  budgetOf,
  loadBudgets,
  makeCases,
  measure,
  nodeBin,
  root,
  type Case,
} from "../../bench/startup/cases.ts";

const out = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-startup-dist-"));
let cases: Case[] = [];
let scratch = "";

before(async () => {
  execFileSync(nodeBin, [path.join(root, "scripts", "build.ts"), "--outdir", out], { stdio: "inherit" });
  ({ cases, scratch } = await makeCases(out));
});
after(() => {
  fs.rmSync(out, { recursive: true, force: true });
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

test("every action entry and CLI case loads no more than its budget before its first line, and no forbidden package", async () => {
  const budgets = loadBudgets();
  assert.ok(
    cases.some((c) => c.name === "action etcd-list"),
    "the cases cover the action entries",
  );
  const over: string[] = [];
  for (const c of cases) {
    const m = await measure(c, 120_000);
    if (c.argv[0] !== "-e")
      assert.notEqual(m.firstLine, null, `${c.name}: wrote no line at all (exit ${m.exitCode})`);
    const budget = budgetOf(budgets, c.name);
    if (m.bytes > budget.bytes)
      over.push(`${c.name}: ${m.bytes} bytes before the first line > ${budget.bytes}`);
    const forbidden = (budget.forbid ?? []).filter((p) => m.packages.includes(p));
    if (forbidden.length) over.push(`${c.name}: loaded ${forbidden.join(", ")}`);
  }
  assert.deepEqual(over, [], "over budget (bench/startup/budgets.json)");
});
