// The export's worker thread: pages parsed, cleaned and staged there; the
// continue token comes back before the page's files are written; failures
// reach the main thread as the right errors and leave the previous tree alone.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { ConfigurationError } from "../../src/core/errors.ts";
import type { ResourceType } from "../../src/export/resource-type.ts";
import { ExportThread, type ThreadStart } from "../../src/export/export-thread.ts";

const configMaps: ResourceType = {
  group: "",
  version: "v1",
  resource: "configmaps",
  kind: "ConfigMap",
  namespaced: true,
} as ResourceType;

function settings(root: string): ThreadStart {
  return {
    path: root,
    includeNamespaces: [],
    excludeNamespaces: [],
    includeOwned: false,
    includeSystem: false,
    redactPaths: [],
  };
}

function page(items: { name: string; ns: string; value: string }[], cont?: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      kind: "ConfigMapList",
      apiVersion: "v1",
      metadata: { resourceVersion: "7", ...(cont ? { continue: cont } : {}) },
      items: items.map((i) => ({
        metadata: { name: i.name, namespace: i.ns, uid: "u", resourceVersion: "5", managedFields: [] },
        data: { v: i.value },
      })),
    }),
  );
}

/** A committed export holding one ConfigMap, shop/`name`. */
async function previousExport(root: string, name: string, value: string): Promise<void> {
  const thread = await ExportThread.start(settings(root));
  await thread.page(configMaps, page([{ name, ns: "shop", value }])).done;
  await thread.finish();
  await thread.commit([]);
  await thread.close();
}

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "kk-export-thread-"));
}

test("pages are parsed, cleaned and staged on the worker; a second run sees what changed", async () => {
  const dir = tmp();
  const root = path.join(dir, "export");
  try {
    const first = await ExportThread.start(settings(root));
    const one = first.page(
      configMaps,
      page(
        [
          { name: "a", ns: "shop", value: "1" },
          { name: "kube-root-ca.crt", ns: "shop", value: "ca" },
        ],
        "next-token",
      ),
    );
    assert.equal(await one.continueToken, "next-token");
    const two = first.page(configMaps, page([{ name: "b", ns: "shop", value: "2" }]));
    assert.equal(await two.continueToken, undefined);
    assert.deepEqual(await one.done, {
      listed: 2,
      exported: 1,
      skipped: { "kube-root-ca.crt (published by the control plane)": 1 },
    });
    assert.equal((await two.done).exported, 1);
    const done = await first.finish();
    assert.equal(done.changes.count.added, 2);
    await first.commit([]);
    await first.close();
    assert.equal(
      fs.readFileSync(path.join(root, "namespaces/shop/core/ConfigMap/a.yaml"), "utf8"),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: shop\ndata:\n  v: "1"\n',
    );

    const second = await ExportThread.start(settings(root));
    assert.equal(second.previousObjects, 2);
    const again = second.page(
      configMaps,
      page([
        { name: "a", ns: "shop", value: "1" },
        { name: "c", ns: "shop", value: "3" },
      ]),
    );
    await again.continueToken;
    await again.done;
    const { changes, unseen } = await second.finish();
    assert.deepEqual(changes.count, { added: 1, changed: 0, removed: 0, unchanged: 1 });
    assert.deepEqual([...unseen], ["namespaces/shop/core/ConfigMap/b.yaml"]);
    await second.commit([...unseen]);
    await second.close();
    assert.equal(fs.existsSync(path.join(root, "namespaces/shop/core/ConfigMap/b.yaml")), false);
    assert.equal(fs.existsSync(`${root}.kubekeep-new`), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a user's mistake found by the worker is still a ConfigurationError", async () => {
  const dir = tmp();
  try {
    fs.mkdirSync(path.join(dir, ".git"));
    await assert.rejects(ExportThread.start(settings(dir)), (err: Error) => {
      assert.ok(err instanceof ConfigurationError, String(err));
      assert.match(err.message, /git checkout's root/);
      return true;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("pages handed over before the worker is ready wait for it; a failed start fails them with its own error", async () => {
  const dir = tmp();
  const root = path.join(dir, "export");
  try {
    // A previous tree to scan, so the start has work to do while the page waits.
    await previousExport(root, "old", "0");

    const thread = ExportThread.open(settings(root));
    const early = thread.page(configMaps, page([{ name: "a", ns: "shop", value: "1" }]));
    assert.equal(await early.continueToken, undefined);
    assert.equal((await early.done).exported, 1);
    await thread.ready;
    assert.equal(thread.previousObjects, 1);
    const { changes, unseen } = await thread.finish();
    assert.equal(changes.count.added, 1);
    assert.deepEqual(
      [...unseen].filter((f) => f.endsWith(".yaml") && f.includes("ConfigMap")),
      ["namespaces/shop/core/ConfigMap/old.yaml"],
    );
    await thread.abort();
    await thread.close();

    fs.mkdirSync(path.join(dir, "checkout", ".git"), { recursive: true });
    const refused = ExportThread.open(settings(path.join(dir, "checkout")));
    const lost = refused.page(configMaps, page([{ name: "a", ns: "shop", value: "1" }]));
    // Asked before the start's answer is in (as the index file is when no page was listed).
    const index = refused.file("kubekeep-index.yaml", "kinds: []\n");
    for (const p of [lost.continueToken, refused.ready, index]) {
      await assert.rejects(
        p,
        (err: Error) => err instanceof ConfigurationError && /git checkout's root/.test(err.message),
      );
    }
    assert.deepEqual(await lost.done, { listed: 0, exported: 0, skipped: {} });
    await refused.abort();
    await refused.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a page that is not JSON stops the listing; the run fails and nothing is half-written", async () => {
  const dir = tmp();
  const root = path.join(dir, "export");
  try {
    const thread = await ExportThread.start(settings(root));
    const bad = thread.page(configMaps, Buffer.from('{"items": [{"metadata": '));
    await assert.rejects(bad.continueToken, /JSON/);
    assert.equal((await bad.done).exported, 0);
    await assert.rejects(thread.finish(), /JSON/);
    await thread.abort();
    await thread.close();
    assert.equal(fs.existsSync(root), false);
    assert.equal(fs.existsSync(`${root}.kubekeep-new`), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a failed write fails the run at finish, and abort keeps the previous tree", async () => {
  const dir = tmp();
  const root = path.join(dir, "export");
  try {
    await previousExport(root, "a", "1");

    const second = await ExportThread.start(settings(root));
    // A folder where the staging wants a file: the worker's write fails.
    fs.mkdirSync(`${root}.kubekeep-new/namespaces/shop/core/ConfigMap/b.yaml`, { recursive: true });
    const p = second.page(configMaps, page([{ name: "b", ns: "shop", value: "2" }]));
    assert.equal(await p.continueToken, undefined);
    await p.done;
    await assert.rejects(second.finish(), /EISDIR|illegal operation on a directory/);
    await second.abort();
    await second.close();
    assert.ok(fs.existsSync(path.join(root, "namespaces/shop/core/ConfigMap/a.yaml")));
    assert.equal(fs.existsSync(`${root}.kubekeep-new`), false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
