// The export's writer thread: files staged on the worker come back with their
// statuses in order, and its failures reach the caller as the right errors.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ConfigurationError } from "../../src/core/errors.ts";
import { TreeWriterThread } from "../../src/export/write-thread.ts";

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "kk-write-thread-"));
}

test("batches are staged on the worker and committed; statuses come back in order", async () => {
  const dir = tmp();
  const root = path.join(dir, "export");
  try {
    const first = await TreeWriterThread.start(root);
    const seen: string[] = [];
    for (let b = 0; b < 10; b++) {
      const files: [string, string][] = Array.from({ length: 50 }, (_, i) => [
        `namespaces/ns-${b}/core/ConfigMap/cm-${i}.yaml`,
        `n: ${i}\n`,
      ]);
      await first.write(files, (statuses) => seen.push(...statuses));
    }
    assert.deepEqual(await first.finish(), new Set());
    await first.commit([]);
    await first.close();
    assert.equal(seen.length, 500);
    assert.ok(seen.every((s) => s === "added"));
    assert.equal(
      fs.readFileSync(path.join(root, "namespaces/ns-3/core/ConfigMap/cm-7.yaml"), "utf8"),
      "n: 7\n",
    );

    const second = await TreeWriterThread.start(root);
    assert.equal(second.previousObjects, 500);
    const statuses: string[] = [];
    await second.write(
      [
        ["namespaces/ns-0/core/ConfigMap/cm-0.yaml", "n: 0\n"],
        ["namespaces/ns-0/core/ConfigMap/cm-1.yaml", "n: changed\n"],
        ["namespaces/ns-new/core/ConfigMap/cm-0.yaml", "n: 0\n"],
      ],
      (s) => statuses.push(...s),
    );
    const unseen = await second.finish();
    assert.deepEqual(statuses, ["unchanged", "changed", "added"]);
    assert.equal(unseen.size, 498);
    await second.commit(["namespaces/ns-9/core/ConfigMap/cm-0.yaml"]);
    await second.close();
    assert.equal(fs.existsSync(path.join(root, "namespaces/ns-9/core/ConfigMap/cm-0.yaml")), false);
    assert.equal(fs.existsSync(`${root}.kubekeep-new`), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a user's mistake found by the worker is still a ConfigurationError", async () => {
  const dir = tmp();
  try {
    fs.mkdirSync(path.join(dir, ".git"));
    await assert.rejects(TreeWriterThread.start(dir), (err: Error) => {
      assert.ok(err instanceof ConfigurationError, String(err));
      assert.match(err.message, /git checkout's root/);
      return true;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a failed write fails the run, and abort leaves the previous tree and no staging folder", async () => {
  const dir = tmp();
  const root = path.join(dir, "export");
  try {
    const first = await TreeWriterThread.start(root);
    await first.write([["cluster/core/Namespace/a.yaml", "a\n"]], () => {});
    await first.finish();
    await first.commit([]);
    await first.close();

    const second = await TreeWriterThread.start(root);
    // A folder where the staging wants a file: the worker's write fails with ENOTDIR/EISDIR.
    fs.mkdirSync(`${root}.kubekeep-new/cluster/core/Namespace/b.yaml`, { recursive: true });
    await assert.rejects(async () => {
      await second.write([["cluster/core/Namespace/b.yaml", "b\n"]], () => {});
      await second.finish();
    }, /EISDIR|ENOTDIR|illegal operation on a directory/);
    await second.abort();
    await second.close();
    assert.equal(fs.readFileSync(path.join(root, "cluster/core/Namespace/a.yaml"), "utf8"), "a\n");
    assert.equal(fs.existsSync(`${root}.kubekeep-new`), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
