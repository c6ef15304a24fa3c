// The README's main command: `npm run demo` runs every capability against a
// fresh sandbox. This keeps it working as capabilities change.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { runCli } from "../harness/run.ts";

test("the demo exports, snapshots to S3 and upgrades every node, control plane first", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-demo-"));
  try {
    const run = runCli(["demo", "--dir", dir]);
    assert.equal(run.status, 0, run.stderr.slice(-3000));
    assert.match(run.stdout, /export: +\S+ \(\d+ objects\)/);
    assert.match(
      run.stdout,
      /etcd snapshot: s3:\/\/kubekeep-sandbox\/etcd\/demo\/demo-etcd-\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{10}\.db\.zst/,
    );
    assert.match(run.stdout, /upgrade: +8 nodes upgraded to v1\.35\.4/);
    assert.ok(fs.existsSync(path.join(dir, "export", "kubekeep-index.yaml")));
    const order = [...run.stdout.matchAll(/^(\S+): upgrading v1\.34\.2 -> v1\.35\.4/gm)].map((m) => m[1]);
    assert.equal(order.length, 0, "upgrade lines go to the log (stderr), not stdout");
    const logOrder = [...run.stderr.matchAll(/^(\S+): upgrading v1\.34\.2 -> v1\.35\.4/gm)].map(
      (m) => m[1] ?? "",
    );
    assert.deepEqual(logOrder.slice(0, 3).sort(), ["control-plane-1", "control-plane-2", "control-plane-3"]);
    assert.equal(logOrder.length, 8);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
