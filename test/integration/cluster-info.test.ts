// cluster-info through all three front ends: the built sub-action, the built
// root action (command dispatch) and the CLI, against a real control plane.
import assert from "node:assert/strict";
import fs from "node:fs";
import { test } from "node:test";
import { addNodes } from "../../src/sandbox/nodes.ts";
import { runBuiltAction, runCli } from "../harness/run.ts";
import { useSandbox } from "../harness/sandbox.ts";

const fx = useSandbox({ s3: false });

test("the built action reports version and nodes in outputs and the job summary", async () => {
  await addNodes(fx.client, [{ name: "cp-1", role: "control-plane" }, { name: "worker-1" }]);
  const run = runBuiltAction("cluster-info", { kubeconfig: fs.readFileSync(fx.sandbox.kubeconfig, "utf8") });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.deepEqual(run.outputs, { "server-version": "v1.35.4", nodes: "2", "ready-nodes": "2" });
  assert.match(run.summary, /\| cp-1 \| control-plane \| v1\.35\.4 \| yes \| yes \|/);
  // The kubeconfig's key material was registered as a secret.
  assert.match(run.stdout, /::add-mask::/);
});

test("the root action dispatches on `command` and rejects unknown ones by name", () => {
  const ok = runBuiltAction(".", { command: "cluster-info", "kubeconfig-path": fx.sandbox.kubeconfig });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.equal(ok.outputs["ready-nodes"], "2");
  const bad = runBuiltAction(".", { command: "explode" });
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /input 'command': got "explode", expected one of cluster-info/);
});

test("a kubeconfig pointing nowhere fails with a message for the user", () => {
  const run = runBuiltAction("cluster-info", { "kubeconfig-path": "/does/not/exist" });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /::error::input 'kubeconfig-path': file "\/does\/not\/exist" does not exist/);
});

test("the CLI runs the same capability with flags named like the inputs", () => {
  const run = runCli(["cluster-info", "--kubeconfig-path", fx.sandbox.kubeconfig]);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /server-version=v1\.35\.4/);
  assert.match(run.stdout, /worker-1 +<none> +v1\.35\.4 +yes +yes/);
});
