// The process runner every command kubekeep starts for a node goes through
// (command executor, ssh, health command), on real processes.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runShell } from "../../src/core/process.ts";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("a command that ignores SIGTERM is ended at its timeout plus the grace, group and all, and counts as failed", async () => {
  // Promise (bounded time, nothing left behind): the deadline holds for the
  // whole process group and an exit 0 after it does not count as success.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-process-"));
  const pids = path.join(dir, "pids");
  const started = Date.now();
  const res = await runShell(
    `trap '' TERM; (trap '' TERM; sleep 30) & echo "$$ $!" > ${pids}; sleep 30; exit 0`,
    { inherit: { tool: [] }, timeoutMs: 1000, graceMs: 1000 },
  );
  const elapsed = Date.now() - started;
  assert.equal(res.timedOut, true);
  // 1 s timeout + 1 s grace, with room for a loaded machine; the command alone would take 30 s.
  assert.ok(elapsed >= 1900 && elapsed < 10_000, `settled after ${elapsed} ms`);
  const [shell, child] = fs.readFileSync(pids, "utf8").trim().split(" ").map(Number) as [number, number];
  assert.ok(!alive(shell) && !alive(child), "no process of the group is left");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a cancelled run ends the command's group at once", async () => {
  // Promise (bounded time): Ctrl-C or the runner's cancel reaches the command's whole group.
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 300);
  const started = Date.now();
  const res = await runShell("sleep 30", { inherit: { tool: [] }, timeoutMs: 60_000, signal: abort.signal });
  assert.equal(res.aborted, true);
  assert.ok(Date.now() - started < 3000);
});

test("a command that finishes in time reports its exit code and output lines", async () => {
  const lines: string[] = [];
  const res = await runShell("echo one; echo two >&2; exit 3", {
    inherit: { tool: [] },
    timeoutMs: 10_000,
    onLine: (l) => lines.push(l),
  });
  assert.deepEqual([res.code, res.timedOut, res.aborted], [3, false, false]);
  assert.deepEqual(lines.sort(), ["one", "two"]);
});
