// The RTO bench (bench/restore/rto.ts, issue #19 proof 4) at a smoke size. It
// needs the real node, so it cannot run in the sandbox's bench smoke test
// (test/integration/bench-smoke.test.ts): here it runs against this file's
// node (--attach: the lock is this file's), so a flag or API change that
// breaks the bench fails the real-node part of `npm test`. The figures are
// not asserted; the table must print.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { useRealNode } from "../harness/real-node/use-real-node.ts";

const root = path.resolve(import.meta.dirname, "..", "..");
const node = useRealNode();

test("bench/restore/rto.ts runs at a smoke size on the real node and prints the restore beside etcdutl alone", async () => {
  await node.ready();
  const child = spawn(
    process.execPath,
    [
      path.join(root, "bench", "restore", "rto.ts"),
      ...["--attach", "--size", "16Mi", "--runs", "1", "--cli", path.join(root, "src", "cli", "main.ts")],
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    process.stdout.write(d);
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 900_000);
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearTimeout(timer);
  assert.equal(code, 0, `bench/restore/rto.ts exited ${code}:\n${stderr.slice(-4000)}`);
  assert.match(stdout, /etcdutl snapshot restore alone\s+[\d.]+ s/);
  assert.match(stdout, /kubekeep etcd-restore: API answering\s+[\d.]+ s/);
  assert.match(stdout, /kubekeep etcd-restore: kube-system Running\s+[\d.]+ s/);
  assert.match(stdout, /load average/);
  // The node answers after the restores.
  await node.client.get("/api/v1/namespaces/kube-system");
});
