// The export's local index (src/export/tree-cache.ts): an object listed again
// unchanged (same API version, kind, uid, resourceVersion) is kept without
// being made or read again only while its file is exactly the file recorded
// (size, mtime, inode), the settings and code are the same, and the file was
// not modified in the clock tick the cache was written in.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { settingsFingerprint, TreeCache } from "../../src/export/tree-cache.ts";
import { TreeWriter } from "../../src/export/write.ts";

const HOUR_AGO = new Date(Date.now() - 3_600_000);
const rel = "namespaces/default/core/ConfigMap/app.yaml";

function withTree(fn: (root: string, dir: string) => void): void {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "kubekeep-tree-cache-"));
  try {
    fn(path.join(base, "tree"), path.join(base, "cache"));
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

/** Runs an export, then fixes the file's mtime so the identity the next run sees is the recorded one. */
function exportOnce(root: string, dir: string, fp: string, text: string) {
  const writer = new TreeWriter(root);
  writer.begin();
  const cache = new TreeCache(root, fp, dir);
  const hit = cache.lookup("v1", "ConfigMap", "uid-1", "7");
  let status: string;
  if (hit && writer.keep(rel, hit)) {
    status = "kept";
    // Kept: its line is carried over as it was.
    writer.commit([]);
    cache.recordHit();
    cache.save();
    return status;
  } else {
    const file = path.join(root, rel);
    // Files of the previous run get their old mtime back before they are compared and recorded.
    if (fs.existsSync(file)) fs.utimesSync(file, HOUR_AGO, HOUR_AGO);
    const w = writer.writeFile(rel, text);
    status = w.status;
  }
  writer.commit([]);
  fs.utimesSync(path.join(root, rel), HOUR_AGO, HOUR_AGO);
  const st = fs.statSync(path.join(root, rel), { bigint: true });
  cache.record("v1", "ConfigMap", "uid-1", "7", { size: st.size, mtimeNs: st.mtimeNs, ino: st.ino });
  cache.save();
  return status;
}

test("tree cache: an object listed again unchanged keeps its untouched file without reading it", () => {
  withTree((root, dir) => {
    const fp = settingsFingerprint({ a: 1 }, undefined, "code");
    assert.equal(exportOnce(root, dir, fp, "data: 1\n"), "added");
    assert.equal(exportOnce(root, dir, fp, "data: 1\n"), "kept");
    assert.equal(exportOnce(root, dir, fp, "data: 1\n"), "kept", "and again, from the line carried over");
    assert.equal(fs.readFileSync(path.join(root, rel), "utf8"), "data: 1\n");
  });
});

test("tree cache: an edited file is not kept (its mtime moved): the full path restores it", () => {
  withTree((root, dir) => {
    const fp = settingsFingerprint({ a: 1 }, undefined, "code");
    exportOnce(root, dir, fp, "data: 1\n");
    fs.writeFileSync(path.join(root, rel), "data: 2\n"); // same size, new mtime
    const writer = new TreeWriter(root);
    writer.begin();
    const hit = new TreeCache(root, fp, dir).lookup("v1", "ConfigMap", "uid-1", "7");
    assert.ok(hit, "the object is the same");
    assert.equal(writer.keep(rel, hit), false, "but its file changed");
    assert.equal(writer.write(rel, "data: 1\n"), "changed");
    writer.commit([]);
    assert.equal(fs.readFileSync(path.join(root, rel), "utf8"), "data: 1\n");
  });
});

test("tree cache: a replaced file (other inode), another resourceVersion, other settings or code miss", () => {
  withTree((root, dir) => {
    const fp = settingsFingerprint({ a: 1 }, undefined, "code");
    exportOnce(root, dir, fp, "data: 1\n");
    const cache = () => new TreeCache(root, fp, dir);
    assert.equal(cache().lookup("v1", "ConfigMap", "uid-1", "8"), undefined, "resourceVersion");
    assert.equal(cache().lookup("v2", "ConfigMap", "uid-1", "7"), undefined, "API version");
    assert.equal(cache().lookup("v1", "Secret", "uid-1", "7"), undefined, "kind");
    for (const other of [
      settingsFingerprint({ a: 2 }, undefined, "code"),
      settingsFingerprint({ a: 1 }, "key", "code"),
      settingsFingerprint({ a: 1 }, undefined, "other code"),
      settingsFingerprint({ a: /x/i }, undefined, "code"),
    ]) {
      assert.notEqual(other, fp);
      assert.equal(new TreeCache(root, other, dir).lookup("v1", "ConfigMap", "uid-1", "7"), undefined);
    }
    assert.notEqual(
      settingsFingerprint({ a: /x/i }, undefined, "code"),
      settingsFingerprint({ a: /y/i }, undefined, "code"),
      "patterns count by their source",
    );
    // Replaced by a copy with the same bytes and mtime: another inode.
    const file = path.join(root, rel);
    fs.copyFileSync(file, `${file}.tmp`);
    fs.renameSync(`${file}.tmp`, file);
    fs.utimesSync(file, HOUR_AGO, HOUR_AGO);
    const writer = new TreeWriter(root);
    writer.begin();
    const hit = cache().lookup("v1", "ConfigMap", "uid-1", "7");
    assert.ok(hit);
    assert.equal(writer.keep(rel, hit), false);
  });
});

test("tree cache: files modified at or after the cache was written are not trusted (racily clean)", () => {
  withTree((root, dir) => {
    const fp = settingsFingerprint({}, undefined, "code");
    exportOnce(root, dir, fp, "data: 1\n");
    const cacheFile = path.join(dir, fs.readdirSync(dir).find((n) => n.endsWith(".cache")) as string);
    // The cache written in the same tick as the file (mtimes equal): no hit.
    fs.utimesSync(cacheFile, HOUR_AGO, HOUR_AGO);
    assert.equal(new TreeCache(root, fp, dir).lookup("v1", "ConfigMap", "uid-1", "7"), undefined);
  });
});

test("tree cache: a run that does not save leaves no file; names outside printable ASCII are not cached", () => {
  withTree((root, dir) => {
    const fp = settingsFingerprint({}, undefined, "code");
    const unsaved = new TreeCache(root, fp, dir);
    unsaved.record("v1", "ConfigMap", "uid-x", "1", { size: 1n, mtimeNs: 1n, ino: 1n });
    unsaved.discard();
    assert.deepEqual(fs.readdirSync(dir), [], "nothing saved, no temporary file left");
    const saved = new TreeCache(root, fp, dir);
    saved.record("v1", "ConfigMap", "uid x", "1", { size: 1n, mtimeNs: 1n, ino: 1n });
    saved.record("v1", "ConfigMap", "uid-é", "1", { size: 1n, mtimeNs: 1n, ino: 1n });
    saved.record("v1", "ConfigMap", "uid-y", "1", { size: 1n, mtimeNs: 1n, ino: 1n });
    saved.save();
    const loaded = new TreeCache(root, fp, dir);
    assert.equal(loaded.lookup("v1", "ConfigMap", "uid x", "1"), undefined);
    assert.equal(loaded.lookup("v1", "ConfigMap", "uid-é", "1"), undefined);
    assert.deepEqual(loaded.lookup("v1", "ConfigMap", "uid-y", "1"), { size: 1n, mtimeNs: 1n, ino: 1n });
    loaded.discard();
  });
});
