// `kubekeep sandbox up|status|down`: the sandbox outlives the CLI process and
// is stopped cleanly by a later one.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { KubeClient } from "../../src/cluster/client.ts";
import { runCli } from "../harness/run.ts";

test("sandbox up leaves a working cluster behind; down stops it", async () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "kk-cli-")), "sandbox");
  const up = runCli(["sandbox", "up", "--dir", dir, "--workers", "2"]);
  assert.equal(up.status, 0, up.stderr);
  assert.match(up.stdout, /export KUBECONFIG=/);
  try {
    const client = await KubeClient.fromFile(path.join(dir, "kubeconfig"));
    const nodes = await client.get<{ items: unknown[] }>("/api/v1/nodes");
    assert.equal(nodes.items.length, 3);
    client.close();
    const again = runCli(["sandbox", "up", "--dir", dir]);
    assert.match(again.stdout, /already running/);
    assert.match(runCli(["sandbox", "status", "--dir", dir]).stdout, /sandbox running/);
  } finally {
    const down = runCli(["sandbox", "down", "--dir", dir]);
    assert.equal(down.status, 0, down.stderr);
  }
  assert.equal(fs.existsSync(dir), false);
  assert.match(runCli(["sandbox", "status", "--dir", dir]).stdout, /no sandbox running/);
});
