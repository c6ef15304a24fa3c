// The local control plane's supervisor (src/controlplane/supervisor.ts), on
// real processes: a stopped server's whole group is gone (a child ignoring
// SIGTERM included), a lifetime ends it, and a wait names the output of a
// server that exited and stops when cancelled.
import assert from "node:assert/strict";
import { test } from "node:test";
import { startProcess, waitUntil } from "../../src/controlplane/supervisor.ts";
import { groupAlive } from "../../src/core/process.ts";

test("stop ends the whole group, a child that ignores SIGTERM included, within the grace period", async () => {
  const p = startProcess({
    name: "server",
    command: "sh",
    args: ["-c", 'sh -c "trap \\"\\" TERM; sleep 60" & echo started; wait'],
  });
  await waitUntil(p, "start", () => Promise.resolve(p.output().includes("started")), 10_000);
  const t0 = Date.now();
  await p.stop(300);
  assert.ok(!groupAlive(p.pid), "no process of the group is left");
  assert.ok(Date.now() - t0 < 5_000);
  assert.ok(p.hasExited());
});

test("a server past its lifetime is ended", async () => {
  const p = startProcess({ name: "server", command: "sleep", args: ["60"], lifetimeMs: 200 });
  const code = await p.exited;
  assert.notEqual(code, 0);
  assert.ok(p.hasExited());
});

test("a wait fails early, quoting the output, when the server exits; and stops when cancelled", async () => {
  const dead = startProcess({
    name: "the throwaway etcd",
    command: "sh",
    args: ["-c", "echo bad flag >&2; exit 3"],
  });
  await assert.rejects(
    waitUntil(dead, "/health", () => Promise.resolve(false), 10_000),
    /^OperationalError: the throwaway etcd exited while waiting for \/health; its output ends with: bad flag$/,
  );
  const slow = startProcess({ name: "server", command: "sleep", args: ["60"] });
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 100);
  await assert.rejects(
    waitUntil(slow, "/readyz", () => Promise.resolve(false), 60_000, abort.signal),
    /cancelled while waiting for server: \/readyz/,
  );
  await slow.stop();
  assert.ok(!groupAlive(slow.pid), "stopped after the cancelled wait");
});
